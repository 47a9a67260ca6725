/**
 * Publishes this runtime's public API on a global, where compiled scripts' `import … from
 * "mini-st"` finds it (see compile.ts). Whichever copy of the runtime runs the script is the one
 * the script talks to.
 */
import { MiniStError } from '../errors.js';
import { st } from '../st/api.js';

export const RUNTIME_GLOBAL = Symbol.for('mini-st.runtime');

const api = { st, StreamlitAPIException: MiniStError };

/** The names a script can import from "mini-st". */
export const PUBLIC_NAMES: readonly string[] = Object.keys(api);

export function publishRuntime(): void {
  (globalThis as Record<symbol, unknown>)[RUNTIME_GLOBAL] = api;
}
