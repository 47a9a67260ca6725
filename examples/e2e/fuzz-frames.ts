/**
 * Frames a hostile or broken client might send, for the fuzz test: random bytes and JSON, valid
 * messages mutated field by field, prototype keys, deep nesting, huge values, binary frames and
 * floods. Seeded, so a failure can be replayed with the seed the test prints.
 */

/** One frame to send: text, or raw bytes sent as a text frame (not UTF-8) or as a binary frame. */
export type Frame =
  | { kind: 'text'; data: string }
  | { kind: 'bytes'; data: Buffer; binary: boolean }
  /** Many valid reruns at once: a flood the rate limit must absorb. */
  | { kind: 'flood'; data: string; count: number }
  /** Cut the TCP connection in the middle of a frame. */
  | { kind: 'cut'; data: string };

/** mulberry32: small, fast, good enough to pick fuzz cases reproducibly. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WEIRD_STRINGS = [
  '',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '\u0000',
  '\ud800',
  '💥'.repeat(50),
  '<script>alert(1)</script>',
  '"; DROP TABLE x; --',
  '../../../../etc/passwd',
  'x'.repeat(70_000),
];

const WEIRD_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -0,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  0.1,
  [],
  [1, 2, 3],
  [1, 'a', null],
  Array.from({ length: 20_000 }, (_, i) => i),
  {},
  { a: 1 },
  ...WEIRD_STRINGS,
];

export interface FrameSource {
  /** The next frame. `widgetIds` are real ids of the target app, so mutations can hit them. */
  next(widgetIds: readonly string[]): Frame;
  /** A number in [0, 1) from the same seeded sequence, for the test's own choices. */
  random(): number;
}

export function frameSource(seed: number, protocol: number): FrameSource {
  const random = rng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const int = (n: number) => Math.floor(random() * n);

  const valid = (ids: readonly string[]): Record<string, unknown> => {
    switch (int(3)) {
      case 0:
        return { type: 'hello', protocol, widgets: {}, page: '/' };
      case 1: {
        const widgets: Record<string, unknown> = {};
        for (let i = 0; i < int(4); i++) widgets[ids.length ? pick(ids) : 'x'] = pick([0, 1, 'a', true, [0], null]);
        return { type: 'rerun', widgets, ...(random() < 0.3 && ids.length ? { trigger: pick(ids) } : {}) };
      }
      default:
        return { type: 'stop' };
    }
  };

  const deep = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

  const mutate = (message: Record<string, unknown>, ids: readonly string[]): unknown => {
    const copy: Record<string, unknown> = { ...message };
    const keys = Object.keys(copy);
    switch (int(9)) {
      case 0:
        delete copy[pick(keys)];
        return copy;
      case 1:
        copy[pick(keys)] = pick(WEIRD_VALUES);
        return copy;
      case 2:
        copy.type = pick(['hello', 'rerun', 'stop', 'Hello', 'session_start', 'deltas', 'navigate', '', 42, null, ['rerun']]);
        return copy;
      case 3:
        // Prototype keys as widget ids, and as message fields (JSON.parse makes them own keys).
        return JSON.parse(`{"type":"rerun","widgets":{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}},"__proto__":{"admin":true}}`);
      case 4: {
        const widgets: Record<string, unknown> = {};
        for (let i = 0; i < 1 + int(200); i++) widgets[ids.length && random() < 0.5 ? pick(ids) : pick(WEIRD_STRINGS).slice(0, 200) + i] = pick(WEIRD_VALUES);
        return { ...copy, widgets };
      }
      case 5:
        return { ...copy, protocol: pick([0, 2, '1', null, 1.5]) };
      case 6:
        return { ...copy, page: pick(WEIRD_STRINGS) + 'p'.repeat(int(10_000)), sessionId: pick([...WEIRD_STRINGS, 'x'.repeat(24), 123]) };
      case 7:
        return { ...copy, trigger: pick(WEIRD_VALUES) };
      default:
        return [copy, copy];
    }
  };

  return {
    random,
    next(ids) {
      const roll = random();
      if (roll < 0.35) return { kind: 'text', data: JSON.stringify(mutate(valid(ids), ids)) };
      if (roll < 0.55) return { kind: 'text', data: JSON.stringify(valid(ids)) };
      if (roll < 0.63) return { kind: 'text', data: JSON.stringify(pick(WEIRD_VALUES)) };
      if (roll < 0.7) {
        const text = JSON.stringify(valid(ids));
        return { kind: 'text', data: text.slice(0, int(text.length)) + pick(['', '}', '\u0000', '"', ',,']) };
      }
      if (roll < 0.74) return { kind: 'text', data: deep(1 + int(20_000)) };
      if (roll < 0.79) return { kind: 'bytes', data: Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256))), binary: random() < 0.5 };
      if (roll < 0.83) return { kind: 'text', data: pick(WEIRD_STRINGS) };
      if (roll < 0.86) return { kind: 'text', data: JSON.stringify({ type: 'rerun', widgets: { big: 'y'.repeat(1024 * 1024 + int(1024)) } }) };
      if (roll < 0.88) return { kind: 'flood', data: JSON.stringify({ type: 'rerun', widgets: {} }), count: 3000 + int(500) };
      if (roll < 0.9) return { kind: 'cut', data: JSON.stringify(valid(ids)) };
      return { kind: 'text', data: JSON.stringify(mutate(mutate(valid(ids), ids) as Record<string, unknown>, ids)) };
    },
  };
}
