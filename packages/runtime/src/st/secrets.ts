/**
 * `st.secrets`: read-only attribute and key access to `.streamlit/secrets.toml` (merged over
 * `~/.streamlit/secrets.toml`), always the latest good read of the files. Works inside and outside
 * a script run, as in Streamlit. Nested tables are read-only views too, with `to_dict()`.
 *
 * Like `st.session_state` here, a missing key reads as `undefined` (so `st.secrets.x ?? fallback`
 * works); a file with a syntax error raises MST_ERR_SECRETS_SYNTAX where it is read.
 */
import { MiniStError } from '../errors.js';
import { processSecrets, type SecretsTable } from '../secrets.js';

/**
 * The secrets: any key, any TOML value (string, number, boolean, date, array, table).
 *
 * @example
 * const key = st.secrets.openai_key;           // attribute access
 * const db = st.secrets["db"];                  // key access: the same thing
 * st.write(st.secrets.db.host, "auth" in st.secrets);
 */
export type Secrets = { readonly [key: string]: any } & {
  /** A plain (mutable) copy of this table. */
  to_dict(): Record<string, unknown>;
};

/** Builds the view of a table found by `path` from the root, so reloads show through. */
function view(path: readonly string[]): Secrets {
  const table = (): SecretsTable => {
    const snapshot = processSecrets().current();
    if (snapshot.error && Object.keys(snapshot.data).length === 0) throw snapshot.error;
    let value: unknown = snapshot.data;
    for (const key of path) value = isTable(value) ? value[key] : undefined;
    return isTable(value) ? value : {};
  };
  const name = ['st.secrets', ...path].join('.');
  const readOnly = (): never => {
    throw new MiniStError('MST_ERR_READ_ONLY', { what: name });
  };
  return new Proxy({} as Secrets, {
    get(_target, property) {
      if (typeof property === 'symbol') return undefined;
      if (property === 'to_dict') return () => structuredClone(table());
      // Streamlit code calls `st.secrets.get("key")` (a dict method); keep it working.
      if (property === 'get' && !Object.hasOwn(table(), 'get')) {
        return (key: string, fallback?: unknown) => (Object.hasOwn(table(), key) ? wrap(table()[key], [...path, key]) : fallback);
      }
      const current = table();
      return Object.hasOwn(current, property) ? wrap(current[property], [...path, property]) : undefined;
    },
    has: (_target, property) => typeof property === 'string' && Object.hasOwn(table(), property),
    ownKeys: () => Object.keys(table()),
    getOwnPropertyDescriptor(_target, property) {
      const current = table();
      if (typeof property !== 'string' || !Object.hasOwn(current, property)) return undefined;
      return { value: wrap(current[property], [...path, property]), writable: false, enumerable: true, configurable: true };
    },
    set: readOnly,
    deleteProperty: readOnly,
    defineProperty: readOnly,
    setPrototypeOf: readOnly,
  });
}

function wrap(value: unknown, path: readonly string[]): unknown {
  return isTable(value) ? view(path) : value;
}

function isTable(value: unknown): value is SecretsTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** The `st.secrets` object. */
export const secrets: Secrets = view([]);
