/**
 * `st.session_state`: attribute and key access to the session's state, through the run that is
 * executing. `st.session_state.count ??= 0`, `"count" in st.session_state`,
 * `delete st.session_state.count`, `st.session_state.to_dict()`.
 *
 * Unlike Streamlit, reading a missing key gives `undefined` rather than an error, because that is
 * what a TypeScript reader expects and it makes `??=` initialization work.
 */
import { currentRun } from '../runner/run-context.js';

/** The session's state: any key, any value. Widget values are readable by their `key`. */
export type SessionState = Record<string, any> & {
  /** A plain copy of every key and value. */
  to_dict(): Record<string, unknown>;
};

function state() {
  return currentRun('session_state').state;
}

const methods: Record<string, () => unknown> = {
  to_dict: () => {
    const current = state();
    return Object.fromEntries(current.keys().map((key) => [key, current.get(key)]));
  },
};

export const sessionState = new Proxy({} as SessionState, {
  get(_target, property) {
    if (typeof property === 'symbol') return undefined;
    if (Object.hasOwn(methods, property)) return methods[property];
    return state().get(property);
  },
  set(_target, property, value) {
    if (typeof property === 'symbol') return false;
    state().set(property, value);
    return true;
  },
  has(_target, property) {
    return typeof property === 'string' && state().has(property);
  },
  deleteProperty(_target, property) {
    if (typeof property === 'string') state().delete(property);
    return true;
  },
  ownKeys() {
    return state().keys();
  },
  getOwnPropertyDescriptor(_target, property) {
    if (typeof property !== 'string' || !state().has(property)) return undefined;
    return { value: state().get(property), writable: true, enumerable: true, configurable: true };
  },
});
