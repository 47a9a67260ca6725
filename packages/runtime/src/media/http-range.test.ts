import { describe, expect, it } from 'vitest';
import { parseRange } from './http-range.js';

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=10-', { kind: 'partial', start: 10, end: 999 }],
    ['bytes=-100', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=990-5000', { kind: 'partial', start: 990, end: 999 }],
    [' BYTES = 0 - 0 ', { kind: 'partial', start: 0, end: 0 }],
  ])('reads %j', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });

  it.each([['bytes=1000-'], ['bytes=5000-6000'], ['bytes=-0']])('answers 416 to %j', (header) => {
    expect(parseRange(header, 1000)).toEqual({ kind: 'unsatisfiable' });
  });

  it('finds nothing satisfiable in an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([[undefined], ['items=0-1'], ['bytes=5-2'], ['bytes=0-1,5-6'], ['bytes=-'], ['bytes=abc'], ['bytes=99999999999999999999-']])(
    'ignores %j and sends the whole file',
    (header) => {
      expect(parseRange(header, 1000)).toEqual({ kind: 'full' });
    },
  );
});
