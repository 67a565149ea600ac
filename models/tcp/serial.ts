/**
 * TCP sequence-number arithmetic: numbers live modulo 2^32 and are compared as serial numbers
 * (RFC 1982; the reference implementation's `SEQ_LT(x, y) = (int)(x − y) < 0`). Comparisons are meaningful
 * only between numbers less than 2^31 apart; never compare sequence numbers with plain `<`.
 */
export const SEQ_SPACE = 2 ** 32;

/** x + d modulo 2^32 (d may be negative). */
export const seqAdd = (x: number, d: number): number => (x + d) >>> 0;

/** x − y as a signed 32-bit distance. */
export const seqDiff = (x: number, y: number): number => (x - y) | 0;

export const seqLt = (x: number, y: number): boolean => seqDiff(x, y) < 0;
export const seqLe = (x: number, y: number): boolean => seqDiff(x, y) <= 0;
export const seqGt = (x: number, y: number): boolean => seqDiff(x, y) > 0;
export const seqGe = (x: number, y: number): boolean => seqDiff(x, y) >= 0;

/** An order on sequence numbers, so that a broken variant can swap in plain `<` (a mutant). */
export interface SeqOrder {
  readonly lt: (x: number, y: number) => boolean;
  readonly le: (x: number, y: number) => boolean;
  readonly gt: (x: number, y: number) => boolean;
  readonly ge: (x: number, y: number) => boolean;
}

export const SERIAL_ORDER: SeqOrder = { lt: seqLt, le: seqLe, gt: seqGt, ge: seqGe };
