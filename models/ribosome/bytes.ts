/**
 * Packets as symbolic bytes. Byte j of input packet p is the symbol (p, j); the NF marks the bytes it
 * rewrites. A run of consecutive bytes of one packet, all rewritten or all not, is a segment, so a packet
 * of 1 500 B costs as little as one of 5 B and every byte of an output can be traced to its origin.
 */

/** Bytes [from, to) of input packet `pkt`; `nf`: as the NF rewrote them. */
export interface Segment {
  readonly pkt: number;
  readonly from: number;
  readonly to: number;
  readonly nf: boolean;
}

export type Bytes = readonly Segment[];

export const segment = (pkt: number, from: number, to: number, nf = false): Segment => ({ pkt, from, to, nf });

/** Drops empty segments and joins neighbours that continue each other. */
export function normalise(bytes: Bytes): Segment[] {
  const out: Segment[] = [];
  for (const s of bytes) {
    if (s.to <= s.from) continue;
    const last = out[out.length - 1];
    if (last && last.pkt === s.pkt && last.nf === s.nf && last.to === s.from) out[out.length - 1] = { ...last, to: s.to };
    else out.push(s);
  }
  return out;
}

export const length = (bytes: Bytes) => bytes.reduce((n, s) => n + Math.max(0, s.to - s.from), 0);

/** What the NF does to the bytes it sees: it rewrites every one of them (and keeps their number). */
export const rewrite = (bytes: Bytes): Segment[] => bytes.map((s) => ({ ...s, nf: true }));

/**
 * What the NF means to send for input packet `pkt` of `size` bytes: the first `headerLength` bytes (its
 * view of the packet whether it got the packet whole or its header) rewritten, then the rest unchanged.
 */
export const intended = (pkt: number, size: number, headerLength: number): Segment[] =>
  normalise([segment(pkt, 0, Math.min(size, headerLength), true), segment(pkt, Math.min(size, headerLength), size)]);

export function sameBytes(a: Bytes, b: Bytes): boolean {
  const x = normalise(a);
  const y = normalise(b);
  return x.length === y.length && x.every((s, i) => s.pkt === y[i]!.pkt && s.from === y[i]!.from && s.to === y[i]!.to && s.nf === y[i]!.nf);
}

/** "#2[0..53]' #2[54..399]" — a prime marks bytes the NF rewrote. */
export const describeBytes = (bytes: Bytes): string =>
  normalise(bytes).map((s) => `#${s.pkt}[${s.from}..${s.to - 1}]${s.nf ? "'" : ""}`).join(" ") || "(none)";

/** The first `n` bytes and the rest. */
export function splitAt(bytes: Bytes, n: number): [Segment[], Segment[]] {
  const head: Segment[] = [];
  const tail: Segment[] = [];
  let at = 0;
  for (const s of bytes) {
    const len = s.to - s.from;
    const take = Math.max(0, Math.min(len, n - at));
    if (take > 0) head.push({ ...s, to: s.from + take });
    if (take < len) tail.push({ ...s, from: s.from + take });
    at += len;
  }
  return [head, tail];
}
