/**
 * `st.query_params`: the query string of the page's address, read and written like a record.
 * The session hands the runner the page's query (on connect and after back/forward); a write in
 * the script goes back to the page, which puts it in the address bar without reloading.
 */
import { MiniStError } from '../errors.js';
import { currentRun } from '../runner/run-context.js';

/** One session's query parameters: each key with its values, in order. */
export class QueryParamsState {
  private readonly params = new Map<string, string[]>();

  /** Take the page's query string ("?a=1&b=2", "a=1" or ""). */
  load(query: string): void {
    this.params.clear();
    for (const [key, value] of new URLSearchParams(query)) this.add(key, value);
  }

  /** The query string for the address bar: "" or "?a=1&b=2". */
  toString(): string {
    const search = new URLSearchParams();
    for (const [key, values] of this.params) for (const value of values) search.append(key, value);
    const text = search.toString();
    return text ? `?${text}` : '';
  }

  get(key: string): string | undefined {
    return this.params.get(key)?.at(-1);
  }

  getAll(key: string): string[] {
    return [...(this.params.get(key) ?? [])];
  }

  has(key: string): boolean {
    return this.params.has(key);
  }

  keys(): string[] {
    return [...this.params.keys()];
  }

  set(key: string, value: unknown): void {
    const values = typeof value !== 'string' && isIterable(value) ? [...value].map(text) : [text(value)];
    this.params.set(key, values);
  }

  delete(key: string): boolean {
    return this.params.delete(key);
  }

  clear(): void {
    this.params.clear();
  }

  private add(key: string, value: string): void {
    const values = this.params.get(key);
    if (values) values.push(value);
    else this.params.set(key, [value]);
  }
}

/** Methods of `st.query_params`, beside its keys. */
export interface QueryParamsMethods {
  /** Every value of a key that repeats (`?tag=a&tag=b` → `["a", "b"]`); `[]` when missing. */
  get_all(key: string): string[];
  /** Remove every parameter. */
  clear(): void;
  /** A plain copy: each key with its last value. */
  to_dict(): Record<string, string>;
  /** Replace every parameter with these (a list gives a key several values). */
  from_dict(params: Readonly<Record<string, string | number | readonly (string | number)[]>>): void;
  /** Set these parameters, keeping the others. */
  update(params: Readonly<Record<string, string | number | readonly (string | number)[]>>): void;
}

/**
 * The page's query parameters: `st.query_params.page` reads the last value of `page` (or
 * `undefined`), assigning sets it (other values become strings), `delete` removes it. The page's
 * address bar follows each change without reloading, and the browser's back and forward buttons
 * bring earlier parameters back (the script reruns with them).
 */
export type QueryParams = { [key: string]: string | undefined } & QueryParamsMethods;

const RESERVED = new Set(['get_all', 'clear', 'to_dict', 'from_dict', 'update']);

function state(fn = 'query_params') {
  const context = currentRun(fn);
  context.checkpoint();
  return { context, params: context.state.queryParams };
}

/** Every write ends here: the page's address bar follows. */
function changed(fn: string, write: (params: QueryParamsState) => void): void {
  const { context, params } = state(fn);
  const before = params.toString();
  write(params);
  const after = params.toString();
  if (after !== before) context.post({ type: 'query_params', query: after });
}

type Dict = Readonly<Record<string, string | number | readonly (string | number)[]>>;

const methods: QueryParamsMethods = {
  get_all: (key) => state().params.getAll(String(key)),
  clear: () => changed('query_params.clear', (params) => params.clear()),
  to_dict: () => {
    const { params } = state();
    return Object.fromEntries(params.keys().map((key) => [key, params.get(key) ?? '']));
  },
  from_dict: (dict: Dict) =>
    changed('query_params.from_dict', (params) => {
      params.clear();
      for (const [key, value] of Object.entries(dict)) params.set(key, value);
    }),
  update: (dict: Dict) =>
    changed('query_params.update', (params) => {
      for (const [key, value] of Object.entries(dict)) params.set(key, value);
    }),
};

export const queryParams = new Proxy({} as QueryParams, {
  get(_target, property) {
    if (typeof property === 'symbol') return undefined;
    if (Object.hasOwn(methods, property)) return methods[property as keyof QueryParamsMethods];
    return state().params.get(property);
  },
  set(_target, property, value) {
    if (typeof property === 'symbol') return false;
    if (RESERVED.has(property)) throw new MiniStError('MST_ERR_READ_ONLY', { what: `st.query_params.${property}` });
    changed('query_params', (params) => params.set(property, value));
    return true;
  },
  has(_target, property) {
    return typeof property === 'string' && state().params.has(property);
  },
  deleteProperty(_target, property) {
    if (typeof property === 'string') changed('query_params', (params) => params.delete(property));
    return true;
  },
  ownKeys() {
    return state().params.keys();
  },
  getOwnPropertyDescriptor(_target, property) {
    if (typeof property !== 'string') return undefined;
    const { params } = state();
    if (!params.has(property)) return undefined;
    return { value: params.get(property), writable: true, enumerable: true, configurable: true };
  },
});

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && Symbol.iterator in value;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : String(value);
}
