/**
 * Deep hashing of a cached function's arguments, and the check that a value `st.cache_data` keeps
 * can be copied faithfully. Equal structures hash equally: object keys in any order, Maps and Sets
 * by content, Dates by time, typed arrays by bytes, functions by source, cycles by position.
 */
import { createHash, type Hash } from 'node:crypto';

/**
 * A stable hash of any value.
 * @example hashValue([{ a: 1, b: 2 }]) === hashValue([{ b: 2, a: 1 }]) // true
 */
export function hashValue(value: unknown): string {
  const hash = createHash('sha256');
  feed(hash, value, new Map());
  return hash.digest('base64url');
}

function feed(hash: Hash, value: unknown, seen: Map<object, number>): void {
  switch (typeof value) {
    case 'string':
      hash.update(`s${value.length}:`).update(value);
      return;
    case 'number':
      hash.update(`n${Object.is(value, -0) ? '-0' : String(value)};`);
      return;
    case 'bigint':
      hash.update(`i${value};`);
      return;
    case 'boolean':
      hash.update(value ? 'T' : 'F');
      return;
    case 'undefined':
      hash.update('U');
      return;
    case 'symbol':
      hash.update(`y${String(value.description)};`);
      return;
    case 'function':
      hash.update(`f${value.name}:`).update(Function.prototype.toString.call(value));
      return;
  }
  if (value === null) {
    hash.update('N');
    return;
  }
  const object = value as object;
  const earlier = seen.get(object);
  if (earlier !== undefined) {
    hash.update(`r${earlier};`);
    return;
  }
  seen.set(object, seen.size);
  if (object instanceof Date) {
    hash.update(`D${object.getTime()};`);
  } else if (object instanceof RegExp) {
    hash.update(`R${object.source}/${object.flags};`);
  } else if (ArrayBuffer.isView(object) || object instanceof ArrayBuffer) {
    const bytes = object instanceof ArrayBuffer ? new Uint8Array(object) : new Uint8Array(object.buffer, object.byteOffset, object.byteLength);
    hash.update(`B${object.constructor.name}:${bytes.byteLength}:`).update(bytes);
  } else if (Array.isArray(object)) {
    hash.update(`A${object.length}[`);
    for (const item of object) feed(hash, item, seen);
    hash.update(']');
  } else if (object instanceof Map) {
    hash.update(`M${object.size}{`);
    for (const [key, item] of object) {
      feed(hash, key, seen);
      feed(hash, item, seen);
    }
    hash.update('}');
  } else if (object instanceof Set) {
    hash.update(`S${object.size}{`);
    for (const item of object) feed(hash, item, seen);
    hash.update('}');
  } else {
    const keys = Object.keys(object).sort();
    hash.update(`O${object.constructor?.name ?? ''}${keys.length}{`);
    for (const key of keys) {
      hash.update(`k${key.length}:`).update(key);
      feed(hash, (object as Record<string, unknown>)[key], seen);
    }
    hash.update('}');
  }
}

const COPYABLE_CLASSES: readonly (abstract new (...args: never[]) => unknown)[] = [Date, RegExp, Map, Set, ArrayBuffer, Error, Boolean, String, Number];

/**
 * Why `structuredClone` would not copy this value faithfully (a function, or a class instance,
 * which would come back as a plain object), or undefined when it would.
 */
export function uncopyable(value: unknown, seen = new Set<object>()): string | undefined {
  if (typeof value === 'function') return `a function (${value.name || 'anonymous'})`;
  if (typeof value === 'symbol') return 'a symbol';
  if (typeof value !== 'object' || value === null || seen.has(value)) return undefined;
  seen.add(value);
  if (ArrayBuffer.isView(value)) return undefined;
  const proto = Object.getPrototypeOf(value) as object | null;
  const plain = proto === null || proto === Object.prototype || Array.isArray(value);
  if (!plain && !COPYABLE_CLASSES.some((type) => value instanceof type)) {
    return `a ${value.constructor?.name ?? 'class'} instance, which would lose its class`;
  }
  const items: Iterable<unknown> =
    value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? value : Object.values(value);
  for (const item of items) {
    const reason = uncopyable(item, seen);
    if (reason) return reason;
  }
  return undefined;
}
