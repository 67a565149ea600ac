/**
 * Broken variants of the offload model, each a config value of the model and each caught by the property
 * systems/offload.ts names for it.
 */
export const OFFLOAD_FAULTS = [
  /** The host exports a flow's record from its own counters, without the NIC's (the packets handled in hardware are lost). */
  "nic-counters-not-merged",
  /** The host's sweep frees an entry once its flow is offloaded ("the NIC has it now"): the NIC keeps the freed entry's flowId. */
  "sweep-offloaded",
  /** The host requests an offload for every packet once DPI is done, and the offload thread programs each one. */
  "offload-every-packet",
  /** With its table full, the NIC drops the packets of flows it cannot learn instead of sending them to the host. */
  "full-table-drops",
  /** The host never expires an entry the NIC refused to learn: it waits for an expiry event that never comes. */
  "refused-awaits-nic-event",
] as const;
export type OffloadFault = (typeof OFFLOAD_FAULTS)[number];
