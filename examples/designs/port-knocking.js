// The port-knocking firewall of SCR App. C, written as a plain JavaScript design: a default-exported
// object with name, metaBytes, init, extract, fastForward and process. Nothing is imported from nfcheck.
const PORT_1 = 100, PORT_2 = 101, PORT_3 = 102;
const IPV4 = 0x0800, TCP = 6;

function getNewState(state, dport) {
  if (state === "CLOSED_1" && dport === PORT_1) return "CLOSED_2";
  if (state === "CLOSED_2" && dport === PORT_2) return "CLOSED_3";
  if (state === "CLOSED_3" && dport === PORT_3) return "OPEN";
  if (state === "OPEN") return "OPEN";
  return "CLOSED_1";
}

function update(states, srcIp, dport) {
  const next = new Map(states);
  next.set(srcIp, getNewState(states.get(srcIp) ?? "CLOSED_1", dport));
  return next;
}

export default {
  name: "port knocking (JavaScript)",
  metaBytes: 8,
  init: () => new Map(),
  extract: (p) => ({ l3proto: p.l3, l4proto: p.proto, srcip: p.srcIp, dport: p.dstPort }),
  fastForward(states, m) {
    if (m.l3proto !== IPV4 || m.l4proto !== TCP) return states; // no state transitions for non-IPv4/TCP
    return update(states, m.srcip, m.dport);
  },
  process(states, p) {
    if (p.l3 !== IPV4 || p.proto !== TCP) return { state: states, verdict: "XDP_DROP" };
    const next = update(states, p.srcIp, p.dstPort);
    return { state: next, verdict: next.get(p.srcIp) === "OPEN" ? "XDP_TX" : "XDP_DROP" };
  },
};
