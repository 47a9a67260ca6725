/**
 * HTTP Range requests (RFC 9110 §14) for media files: browsers fetch audio and video in pieces
 * and seek by asking for byte ranges. One range per request; a header we cannot read (another
 * unit, bad syntax, several ranges) is ignored and the whole file is sent, as the RFC allows.
 */

export type RangeResult =
  | { kind: 'full' }
  /** Inclusive byte positions. */
  | { kind: 'partial'; start: number; end: number }
  /** Answer 416 with `Content-Range: bytes *\/size`. */
  | { kind: 'unsatisfiable' };

/**
 * Reads a `Range` header against a file of `size` bytes.
 *
 * @example
 * parseRange('bytes=0-99', 1000)   // { kind: 'partial', start: 0, end: 99 }
 * parseRange('bytes=-100', 1000)   // { kind: 'partial', start: 900, end: 999 }
 * parseRange('bytes=2000-', 1000)  // { kind: 'unsatisfiable' }
 * parseRange('items=0-1', 1000)    // { kind: 'full' }
 */
export function parseRange(header: string | undefined, size: number): RangeResult {
  if (header === undefined) return { kind: 'full' };
  const match = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return { kind: 'full' };
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (!Number.isSafeInteger(length)) return { kind: 'full' };
    if (length === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Number(last);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || (last !== '' && end < start)) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: Math.min(end, size - 1) };
}
