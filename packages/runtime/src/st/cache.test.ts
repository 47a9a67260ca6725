import { afterEach, describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';
import { hashValue } from './cache-hash.js';
import { parseTtl } from './cache.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  st.cache_data.clear();
  st.cache_resource.clear();
});

describe('st.cache_data', () => {
  it('computes once per distinct arguments, across reruns that wrap the function anew', async () => {
    let calls = 0;
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      const square = st.cache_data((n: number, opts: { label: string }) => {
        calls += 1;
        return { value: n * n, label: opts.label };
      });
      seen.push(square(3, { label: 'a' }), square(3, { label: 'a' }), square(4, { label: 'a' }));
    });
    await h.rerun();
    await h.rerun();
    expect(calls).toBe(2);
    expect(seen.slice(3)).toEqual(seen.slice(0, 3));
  });

  it('hands out copies, so a caller cannot change what the next one gets', async () => {
    const load = st.cache_data(() => ({ rows: [1, 2, 3], when: new Date(0), tags: new Set(['a']) }), { show_spinner: false });
    const first = load();
    first.rows.push(4);
    first.tags.add('b');
    const second = load();
    expect(second).toEqual({ rows: [1, 2, 3], when: new Date(0), tags: new Set(['a']) });
    expect(second).not.toBe(load());
  });

  it('shares one computation between concurrent callers of an async function', async () => {
    let calls = 0;
    const fetchRows = st.cache_data(async (table: string) => {
      calls += 1;
      await sleep(20);
      return [table, calls];
    });
    const results = await Promise.all([fetchRows('t'), fetchRows('t'), fetchRows('t')]);
    expect(calls).toBe(1);
    expect(results).toEqual([['t', 1], ['t', 1], ['t', 1]]);
    expect(results[0]).not.toBe(results[1]);
    expect(await fetchRows('t')).toEqual(['t', 1]);
  });

  it('does not cache failures', async () => {
    let calls = 0;
    const flaky = st.cache_data(async () => {
      calls += 1;
      if (calls === 1) throw new Error('first time fails');
      return 'ok';
    });
    await expect(flaky()).rejects.toThrow('first time fails');
    expect(await flaky()).toBe('ok');
    expect(calls).toBe(2);
  });

  it('expires entries after ttl and keeps at most max_entries, least recently used first', async () => {
    let calls = 0;
    const stamp = st.cache_data((key: string) => `${key}${++calls}`, { ttl: 0.03, max_entries: 2 });
    expect([stamp('a'), stamp('b'), stamp('a')]).toEqual(['a1', 'b2', 'a1']);
    stamp('c'); // evicts b, the least recently used
    expect([stamp('a'), stamp('b')]).toEqual(['a1', 'b4']);
    await sleep(40);
    expect(stamp('a')).toBe('a5');
  });

  it('clears one function, one argument set, or everything', () => {
    let calls = 0;
    const f = st.cache_data((x: number) => x + ++calls * 0);
    const g = st.cache_data((x: number) => x * 2 + ++calls * 0);
    f(1); f(2); g(1);
    f.clear(1);
    f(1); f(2);
    expect(calls).toBe(4);
    f.clear();
    f(2);
    expect(calls).toBe(5);
    st.cache_data.clear();
    g(1);
    expect(calls).toBe(6);
  });

  it('refuses to cache what it cannot copy, with a clear error', () => {
    class Point {
      constructor(readonly x: number) {}
    }
    const makePoint = st.cache_data(() => new Point(1));
    const makeFn = st.cache_data(() => ({ run: () => 1 }));
    expect(() => makePoint()).toThrow(expect.objectContaining({ code: 'MST_ERR_CACHE_UNSERIALIZABLE', message: expect.stringContaining('Point instance') }));
    expect(() => makeFn()).toThrow(expect.objectContaining({ code: 'MST_ERR_CACHE_UNSERIALIZABLE' }));
  });

  it('shows a spinner in the page while a miss computes, and none on a hit', async () => {
    const h = runnerHarness(async () => {
      const slow = st.cache_data(async function loadData() {
        await sleep(5);
        return 1;
      });
      await slow();
      st.text('after');
    });
    const first = await h.rerun();
    expect(first.elements.map((e) => e.type)).toEqual(['empty', 'spinner', 'empty', 'text']);
    expect(first.elements[1]).toMatchObject({ text: 'Running `loadData(...)`.' });
    const second = await h.rerun();
    expect(second.elements.map((e) => e.type)).toEqual(['text']);
  });
});

describe('st.cache_resource', () => {
  it('shares the object itself, and recomputes when validate rejects it', () => {
    let calls = 0;
    const connect = st.cache_resource((url: string) => ({ url, open: true, n: ++calls }), {
      validate: (client) => client.open,
    });
    const a = connect('db://x');
    expect(connect('db://x')).toBe(a);
    a.open = false;
    const b = connect('db://x');
    expect(b).not.toBe(a);
    expect(b.n).toBe(2);
    st.cache_resource.clear();
    expect(connect('db://x').n).toBe(3);
  });
});

describe('cache keys', () => {
  it('hash equal structures equally and different ones differently', () => {
    expect(hashValue([{ a: 1, b: [2, 3] }])).toBe(hashValue([{ b: [2, 3], a: 1 }]));
    expect(hashValue(new Map([['k', new Set([1])]]))).toBe(hashValue(new Map([['k', new Set([1])]])));
    expect(hashValue(new Uint8Array([1, 2]))).toBe(hashValue(new Uint8Array([1, 2])));
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(hashValue(cyclic)).toBe(hashValue(cyclic));
    const distinct = [1, '1', [1], { a: 1 }, { a: '1' }, new Date(1), 1n, null, undefined, -0, 0, [undefined], []];
    expect(new Set(distinct.map((value) => hashValue(value))).size).toBe(distinct.length);
  });

  it('reads ttl as seconds or as a duration text', () => {
    expect(parseTtl('cache_data', 2)).toBe(2000);
    expect(parseTtl('cache_data', '10m')).toBe(600_000);
    expect(parseTtl('cache_data', '1h 30m')).toBe(5_400_000);
    expect(parseTtl('cache_data', '1 day')).toBe(86_400_000);
    expect(parseTtl('cache_data', null)).toBe(Infinity);
    expect(() => parseTtl('cache_data', 'soon')).toThrow(expect.objectContaining({ code: 'MST_ERR_INVALID_ARGUMENT' }));
  });
});
