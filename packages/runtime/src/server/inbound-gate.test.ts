import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InboundGate, type InboundLimits } from './inbound-gate.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function gate(limits: InboundLimits) {
  const log: string[] = [];
  const g = new InboundGate(
    limits,
    {
      deliver: (text) => log.push(text),
      pause: () => log.push('pause'),
      resume: () => log.push('resume'),
      overflow: () => log.push('overflow'),
    },
    () => Date.now(),
  );
  return { g, log };
}

describe('InboundGate', () => {
  it('delivers a burst at once, without slowing the connection down', () => {
    const { g, log } = gate({ rate: 10, burst: 5, backlog: 10 });
    for (let i = 0; i < 5; i++) g.push(`m${i}`);
    expect(log).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
  });

  it('past the burst, pauses the socket and delivers the rest in order at the rate, then resumes', () => {
    const { g, log } = gate({ rate: 10, burst: 2, backlog: 10 });
    for (let i = 0; i < 5; i++) g.push(`m${i}`);
    expect(log).toEqual(['m0', 'm1', 'pause']);
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['m0', 'm1', 'pause', 'm2']);
    vi.advanceTimersByTime(200);
    expect(log).toEqual(['m0', 'm1', 'pause', 'm2', 'm3', 'm4', 'resume']);
    // Tokens have come back: the next frame goes straight through.
    vi.advanceTimersByTime(1000);
    g.push('m5');
    expect(log.at(-1)).toBe('m5');
  });

  it('closes a connection that keeps writing while it is slowed down, and delivers nothing after', () => {
    const { g, log } = gate({ rate: 10, burst: 1, backlog: 3 });
    for (let i = 0; i < 10; i++) g.push(`m${i}`);
    expect(log).toEqual(['m0', 'pause', 'overflow']);
    vi.advanceTimersByTime(10_000);
    expect(log).toEqual(['m0', 'pause', 'overflow']);
  });

  it('lets a frame dearer than the whole bucket through once the bucket is full', () => {
    const { g, log } = gate({ rate: 10, burst: 4, backlog: 10 });
    g.push('a');
    g.push('x'.repeat(64 * 1024 * 10)); // costs 11 tokens, more than the bucket holds
    expect(log).toEqual(['a', 'pause']);
    vi.advanceTimersByTime(400);
    expect(log).toEqual(['a', 'pause', 'x'.repeat(64 * 1024 * 10), 'resume']);
    // The bucket is in debt now: the next small frame waits until it is paid.
    g.push('b');
    expect(log.at(-1)).toBe('pause');
    vi.advanceTimersByTime(800);
    expect(log.at(-2)).toBe('b');
  });
});
