/**
 * A core's own clock (SCR §3.4, nondeterminism). When a core processes packet #seq, its clock reads the
 * sequencer's stamp plus a delivery delay that differs between cores and between packets — as a real
 * host's would. The delay is a fixed function of (core, seq) so that every run replays exactly.
 * A correct SCR program never reads this clock for its state; one that does diverges across replicas.
 */
export function coreClockNs(core: number, seq: number, stampNs: number): number {
  const jitter = Math.imul(seq, 0x9e3779b1) >>> 0;
  return stampNs + 600 + 97 * core + (jitter % 1_024);
}
