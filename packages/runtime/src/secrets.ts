/**
 * Secrets: `.streamlit/secrets.toml` of the working directory deep-merged over
 * `~/.streamlit/secrets.toml` (the project's keys win), parsed with smol-toml and re-read when
 * either file changes. `st.secrets` reads the current snapshot; the auth plugin reads `[auth]`
 * from it. A broken file never stops the server: the error is kept and raised where the secrets
 * are read (in the script, or by `st.login()`), and the last good snapshot stays in effect.
 */
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { MiniStError } from './errors.js';

const SETTLE_MS = 100;

/** A TOML table as smol-toml returns it. */
export type SecretsTable = Readonly<Record<string, unknown>>;

/** What the process knows about its secrets right now. */
export interface SecretsSnapshot {
  /** The merged tables; `{}` when neither file exists. */
  readonly data: SecretsTable;
  /** The error of the last read (syntax, permissions), or undefined. `data` is then the last good read. */
  readonly error: MiniStError | undefined;
  /**
   * The file a key came from, for messages: `sourceOf(['auth', 'client_id'])`. For a missing key,
   * the file that holds its table (or would: the project's file).
   */
  sourceOf(path: readonly string[]): string;
}

/** The process's secrets; re-read when a file changes. */
export interface SecretsStore {
  current(): SecretsSnapshot;
  /** Called after every re-read that changed the content or the error. Returns unsubscribe. */
  onChange(listener: (snapshot: SecretsSnapshot) => void): () => void;
  /** The two files, project first. */
  readonly files: readonly [project: string, user: string];
  /** Stop watching the files. */
  close(): void;
}

export interface OpenSecretsOptions {
  /** Directory holding `.streamlit/secrets.toml` (the directory `mini-st` was started in). */
  cwd: string;
  /** Home directory for `~/.streamlit/secrets.toml`; `os.homedir()` by default. */
  home?: string;
  /** Re-read when a file changes (polling its stat; works for files created later). Default true. */
  watch?: boolean;
  /** Polling interval in ms (tests make it short). */
  intervalMs?: number;
  /** Told when a re-read fails (the last good secrets stay in effect) or recovers. */
  log?: (message: string) => void;
}

/**
 * Reads both files now and, unless `watch` is false, whenever they change.
 *
 * @example
 * const secrets = openSecrets({ cwd: process.cwd() });
 * secrets.current().data.auth; // the [auth] table, or undefined
 * secrets.current().error;     // MST_ERR_SECRETS_SYNTAX naming file, line and column
 */
export function openSecrets(options: OpenSecretsOptions): SecretsStore {
  const project = join(options.cwd, '.streamlit', 'secrets.toml');
  const user = join(options.home ?? homedir(), '.streamlit', 'secrets.toml');
  const files = [project, user] as const;
  const listeners = new Set<(snapshot: SecretsSnapshot) => void>();
  let snapshot = read(files, undefined);
  let fingerprint = fingerprintOf(snapshot);

  let settle: NodeJS.Timeout | undefined;
  // A save is often a truncate then a write: read once the file has been quiet for a moment.
  const reload = () => {
    clearTimeout(settle);
    settle = setTimeout(reread, SETTLE_MS);
    settle.unref();
  };
  const reread = () => {
    const next = read(files, snapshot);
    const nextFingerprint = fingerprintOf(next);
    if (nextFingerprint === fingerprint) return;
    if (next.error) options.log?.(`Error [${next.error.code}]: ${next.error.message} (keeping the last good secrets)`);
    else if (snapshot.error) options.log?.(`Secrets read again from ${files.join(' and ')}.`);
    snapshot = next;
    fingerprint = nextFingerprint;
    for (const listener of listeners) listener(snapshot);
  };
  const watching = options.watch ?? true;
  if (watching) {
    // watchFile (stat polling) rather than fs.watch: it survives editors that save by rename and
    // files or directories that do not exist yet. Two stats a second cost nothing.
    const interval = options.intervalMs ?? 1000;
    for (const file of new Set(files)) watchFile(file, { interval, persistent: false }, reload);
  }

  return {
    files,
    current: () => snapshot,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      clearTimeout(settle);
      if (watching) for (const file of new Set(files)) unwatchFile(file, reload);
      listeners.clear();
    },
  };
}

let processStore: SecretsStore | undefined;

/** The store `st.secrets` reads: the one the CLI installed, else one for `process.cwd()`. */
export function processSecrets(): SecretsStore {
  processStore ??= openSecrets({ cwd: process.cwd() });
  return processStore;
}

/** The CLI installs the store it also gives the auth plugin, so both see the same snapshot. */
export function installSecrets(store: SecretsStore): void {
  processStore = store;
}

function read(files: readonly [string, string], previous: SecretsSnapshot | undefined): SecretsSnapshot {
  const [project, user] = files;
  let tables: { file: string; table: Record<string, unknown> }[];
  try {
    // Highest precedence first: the project's keys win over the user's.
    tables = (project === user ? [project] : [project, user]).flatMap((file) => {
      const table = parseFile(file);
      return table ? [{ file, table }] : [];
    });
  } catch (error) {
    if (!(error instanceof MiniStError)) throw error;
    return { data: previous?.data ?? {}, error, sourceOf: previous?.sourceOf ?? (() => project) };
  }
  const data = tables.reduceRight<Record<string, unknown>>((merged, { table }) => merge(merged, table), {});
  return {
    data: deepFreeze(data),
    error: undefined,
    sourceOf(path) {
      // The file holding the key; for a missing key, the file holding its nearest table.
      for (let depth = path.length; depth > 0; depth--) {
        const found = tables.find(({ table }) => lookup(table, path.slice(0, depth)) !== undefined);
        if (found) return found.file;
      }
      return tables[0]?.file ?? project;
    },
  };
}

function parseFile(file: string): Record<string, unknown> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw new MiniStError('MST_ERR_SECRETS_READ', { file, detail: (error as Error).message }, { cause: error });
  }
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const detail = error.message.replace(/^Invalid TOML document: /, '').split('\n')[0];
    throw new MiniStError('MST_ERR_SECRETS_SYNTAX', { file, line: error.line, column: error.column, detail }, { cause: error });
  }
}

/** Tables merge key by key; anything else (strings, arrays…) is replaced by the higher file. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const existing = result[key];
    result[key] = isTable(value) ? merge(isTable(existing) ? existing : {}, value) : value;
  }
  return result;
}

function lookup(table: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = table;
  for (const key of path) {
    if (!isTable(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

function isTable(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}

function fingerprintOf(snapshot: SecretsSnapshot): string {
  return `${snapshot.error?.message ?? ''}\n${JSON.stringify(snapshot.data)}`;
}
