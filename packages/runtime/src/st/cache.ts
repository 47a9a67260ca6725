/**
 * `st.cache_data` and `st.cache_resource`: wrap a function so that calls with equal arguments
 * compute once. A cache is keyed by the function's source and the deep hash of its arguments, so
 * it survives reruns (each rerun wraps the function anew). Caches live in module state: one per
 * thread, so sessions on the same worker thread share them and sessions on other workers do not.
 */
import { MiniStError } from '../errors.js';
import { maybeCurrentRun } from '../runner/run-context.js';
import { hashValue, uncopyable } from './cache-hash.js';
import { RootDeltaGenerator } from './delta-generator.js';
import { isPromiseLike } from './status.js';

export interface CacheOptions {
  /** How long an entry stays: seconds, or a text such as "30s", "10m", "1h", "1d", "1h 30m". */
  ttl?: number | string | null;
  /** The most entries kept for this function; the least recently used go first. */
  max_entries?: number | null;
  /** Show a spinner while a miss computes: true (the default), false, or the text to show. */
  show_spinner?: boolean | string;
}

export interface CacheResourceOptions<R = unknown> extends CacheOptions {
  /** Called with a cached object before it is reused; false makes it compute again. */
  validate?: (value: Awaited<R>) => boolean;
}

/** A cached function: the same call signature, and `clear()` for its entries. */
export type CachedFunction<F extends (...args: any[]) => any> = F & {
  /** Forget every entry of this function, or only the one for these arguments. */
  clear(...args: Parameters<F> | []): void;
};

export interface CacheData {
  <F extends (...args: any[]) => any>(fn: F, options?: CacheOptions): CachedFunction<F>;
  /** Forget every entry of every function cached with `st.cache_data`. */
  clear(): void;
}

export interface CacheResource {
  <F extends (...args: any[]) => any>(fn: F, options?: CacheResourceOptions<ReturnType<F>>): CachedFunction<F>;
  /** Forget every entry of every function cached with `st.cache_resource`. */
  clear(): void;
}

type Kind = 'cache_data' | 'cache_resource';

interface Entry {
  /** Set once computed (for cache_data, a private copy). */
  value?: unknown;
  /** Set while an async computation runs: callers of the same key wait for it. */
  pending?: Promise<unknown>;
  async: boolean;
  expires: number;
}

/** function key → argument hash → entry, per kind. One per thread. */
const stores: Record<Kind, Map<string, Map<string, Entry>>> = { cache_data: new Map(), cache_resource: new Map() };

/** Where a cache miss shows its spinner: whatever container is active. */
const spinnerTarget = new RootDeltaGenerator();

function makeCache(kind: Kind) {
  const copy = kind === 'cache_data';
  return function cache<F extends (...args: any[]) => any>(fn: F, options: CacheResourceOptions = {}): CachedFunction<F> {
    if (typeof fn !== 'function') throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: kind, detail: 'pass the function to cache' });
    const ttlMs = parseTtl(kind, options.ttl);
    const maxEntries = options.max_entries ?? Infinity;
    if (!(maxEntries > 0)) throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: kind, detail: `max_entries must be positive, got ${maxEntries}` });
    const fnKey = `${fn.name}:${hashValue(Function.prototype.toString.call(fn))}`;
    const entries = () => {
      let found = stores[kind].get(fnKey);
      if (!found) stores[kind].set(fnKey, (found = new Map()));
      return found;
    };
    const give = (value: unknown) => (copy ? structuredClone(value) : value);

    const cached = function (this: unknown, ...args: unknown[]): unknown {
      const map = entries();
      const key = hashValue(args);
      const hit = map.get(key);
      if (hit && hit.expires > Date.now() && (hit.pending || valid(options, hit.value))) {
        // Least recently used goes first: a hit moves to the back.
        map.delete(key);
        map.set(key, hit);
        if (hit.pending) return hit.pending.then(give);
        return hit.async ? Promise.resolve(give(hit.value)) : give(hit.value);
      }
      map.delete(key);
      const store = (value: unknown, async: boolean): unknown => {
        if (copy) {
          const reason = uncopyable(value);
          if (reason) throw new MiniStError('MST_ERR_CACHE_UNSERIALIZABLE', { fn: `${fn.name || 'anonymous'}()`, detail: reason });
        }
        const kept = copy ? structuredClone(value) : value;
        map.set(key, { value: kept, async, expires: Date.now() + ttlMs });
        while (map.size > maxEntries) map.delete(map.keys().next().value as string);
        return kept;
      };
      const result = withSpinner(options.show_spinner ?? true, fn.name, () => fn.apply(this, args));
      if (!isPromiseLike(result)) return give(store(result, false));
      const pending = Promise.resolve(result).then(
        (value) => store(value, true),
        (error: unknown) => {
          // A failure is not cached: the next call tries again.
          if (map.get(key)?.pending === pending) map.delete(key);
          throw error;
        },
      );
      map.set(key, { pending, async: true, expires: Date.now() + ttlMs });
      return pending.then(give);
    };
    cached.clear = (...args: unknown[]) => {
      if (args.length === 0) stores[kind].delete(fnKey);
      else stores[kind].get(fnKey)?.delete(hashValue(args));
    };
    return cached as unknown as CachedFunction<F>;
  };
}

function valid(options: CacheResourceOptions, value: unknown): boolean {
  return options.validate ? options.validate(value) : true;
}

/** A spinner in the running script while a miss computes; nothing outside a run. */
function withSpinner<R>(show: boolean | string, name: string, compute: () => R): R {
  const context = maybeCurrentRun();
  if (show === false || !context || context.interrupt) return compute();
  const text = typeof show === 'string' ? show : `Running \`${name || 'function'}(...)\`.`;
  return spinnerTarget.spinner(text, compute);
}

const UNITS: Record<string, number> = {
  ms: 1,
  s: 1000, sec: 1000, second: 1000, seconds: 1000,
  m: 60_000, min: 60_000, minute: 60_000, minutes: 60_000,
  h: 3_600_000, hour: 3_600_000, hours: 3_600_000,
  d: 86_400_000, day: 86_400_000, days: 86_400_000,
  w: 604_800_000, week: 604_800_000, weeks: 604_800_000,
};

/** Milliseconds from Streamlit's `ttl`: seconds, or "10m", "1 day", "1h 30m". */
export function parseTtl(kind: Kind, ttl: number | string | null | undefined): number {
  if (ttl === undefined || ttl === null) return Infinity;
  if (typeof ttl === 'number' && ttl >= 0) return ttl * 1000;
  if (typeof ttl === 'string') {
    const parts = [...ttl.trim().toLowerCase().matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)\s*/g)];
    const whole = parts.map((part) => part[0]).join('');
    if (parts.length > 0 && whole.length === ttl.trim().length && parts.every((part) => part[2]! in UNITS)) {
      return parts.reduce((ms, part) => ms + Number(part[1]) * UNITS[part[2]!]!, 0);
    }
  }
  throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: kind, detail: `ttl must be seconds or a duration such as "10m" or "1h 30m", got ${JSON.stringify(ttl)}` });
}

function withClear<T extends (...args: any[]) => any>(cache: T, kind: Kind): T & { clear(): void } {
  return Object.assign(cache, { clear: () => stores[kind].clear() });
}

/**
 * Cache what a function returns, keyed by its source and its arguments (compared deeply). Each
 * caller gets its own copy, so mutating a result cannot change the cache. Async functions work:
 * concurrent callers with the same arguments share one computation. Caches live per worker thread
 * (sessions on one worker share them), for `ttl` if given, at most `max_entries` per function.
 *
 * @example
 * const load = st.cache_data(async (url: string) => (await fetch(url)).json(), { ttl: "10m" });
 * const rows = await load("https://example.com/data.json");
 * load.clear(); // or st.cache_data.clear() for every function
 */
export const cacheData: CacheData = withClear(makeCache('cache_data') as CacheData, 'cache_data');

/**
 * Cache a shared object (a database client, a model) per argument set: every caller gets the same
 * object, not a copy. Caches live per worker thread. `validate` can reject a stale object.
 *
 * @example
 * const db = st.cache_resource(() => new Pool({ connectionString: st.secrets.db.url }));
 * const pool = db();
 */
export const cacheResource: CacheResource = withClear(makeCache('cache_resource') as CacheResource, 'cache_resource');
