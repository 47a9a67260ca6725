/**
 * Configuration of `mini-st run`: Streamlit's option names and precedence. Command-line flags
 * (`--server.port 8502`) win over environment variables (`MINI_ST_SERVER_PORT`, or Streamlit's
 * `STREAMLIT_SERVER_PORT`), which win over `.streamlit/config.toml` in the working directory,
 * which wins over defaults. The CLI calls `loadConfig`; the server and the sessions read `Config`.
 * Every value remembers its source, so a bad value or a taken port can name where it came from.
 */
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { MiniStError } from './errors.js';
import { isCssColor } from './theme/css-color.js';

/** The `[server]` table. */
export interface ServerConfig {
  /** TCP port; 0 asks the OS for any free port (handy in tests). */
  port: number;
  /** Interface to listen on; `undefined` listens on all of them (and prints localhost). */
  address: string | undefined;
  /** Streamlit opens a browser unless headless; mini-st only prints the URL either way. */
  headless: boolean;
  /** Rerun open sessions when the script or a module it imports is saved. */
  runOnSave: boolean;
  /** Path prefix of every route, without leading or trailing slash ("" for none). */
  baseUrlPath: string;
  /** Extra origins allowed to open the WebSocket (`scheme://host[:port]`, or `*`). */
  corsAllowedOrigins: string[];
  /** Largest WebSocket message accepted from the page, in megabytes. */
  maxMessageSize: number;
  /** Seconds a session whose page went away is kept for it to reconnect and resume. */
  disconnectedSessionTTL: number;
  /** Host names (Host header) this server answers to; empty: any. `.example.com` takes subdomains. */
  allowedHosts: string[];
  /** Who may frame the page: CSP `frame-ancestors` sources. */
  frameAncestors: string[];
  /** Seconds a SIGTERM waits for running script runs to finish before stopping them. */
  shutdownGracePeriod: number;
  /** Largest file `st.file_uploader` accepts, in megabytes. */
  maxUploadSize: number;
}

/** The `[runner]` table: how scripts run. */
export interface RunnerConfig {
  /** `worker`: scripts run in worker threads, stoppable even in a tight loop; `none`: in the main thread. */
  isolation: 'worker' | 'none';
  /** Size of the worker pool (default: the number of cores). */
  workers: number;
  /** Seconds a stopped run may take to reach its next st call before its worker is replaced. */
  stopTimeout: number;
  /** Longest a single run may take, in seconds (unset: no limit). */
  maxRunSeconds: number | undefined;
  /** Heap limit of each worker in megabytes: a script past it crashes its worker, not the server. */
  maxWorkerMemoryMb: number;
}

/**
 * The `[theme]` table, Streamlit's names. Unset keys keep mini-st's own palette. See docs/theming.md.
 */
export interface ThemeConfig {
  /** The theme a page starts in ("light" or "dark"); unset: the operating system's. */
  base: 'light' | 'dark' | undefined;
  /** Buttons, sliders, focus rings, the current page: both themes. */
  primaryColor: string | undefined;
  /** The page's background, in the `base` theme (light when `base` is unset). */
  backgroundColor: string | undefined;
  /** The sidebar's and inputs' background, in the `base` theme. */
  secondaryBackgroundColor: string | undefined;
  /** The text, in the `base` theme. */
  textColor: string | undefined;
  /** Links: both themes. */
  linkColor: string | undefined;
  font: 'sans serif' | 'serif' | 'monospace' | undefined;
}

interface Sections {
  server: ServerConfig;
  runner: RunnerConfig;
  theme: ThemeConfig;
}
type Section = keyof Sections;

/** A dotted option name, e.g. `"server.port"`. */
export type ConfigKey = {
  [S in Section]: `${S}.${keyof Sections[S] & string}`;
}[Section];

type ValueOf<K extends ConfigKey> = K extends `${infer S extends Section}.${infer N}`
  ? N extends keyof Sections[S]
    ? Sections[S][N]
    : never
  : never;

/** Where a value came from. */
export type ConfigSource =
  | { kind: 'default' }
  | { kind: 'file'; file: string }
  | { kind: 'env'; name: string }
  | { kind: 'flag'; name: string };

/** The resolved configuration. */
export interface Config {
  server: ServerConfig;
  runner: RunnerConfig;
  theme: ThemeConfig;
  /** Where each option's value came from. */
  sources: Record<ConfigKey, ConfigSource>;
  /** The config.toml that was read, when there was one. */
  configFile: string | undefined;
  /** Options that were accepted but ignored (Streamlit options mini-st does not implement…). */
  warnings: string[];
}

/** Thrown by a parser with the detail of what is wrong; becomes MST_ERR_CONFIG_VALUE. */
class BadValue extends Error {}

interface OptionSpec<T> {
  default: T;
  description: string;
  /** `raw` is a TOML value from the file, or a string from the environment or a flag. */
  parse(raw: unknown): T;
}

const DEFAULT_PORT = 8501;

/** Every option mini-st reads, with its default and parser. */
export const OPTIONS: { [K in ConfigKey]: OptionSpec<ValueOf<K>> } = {
  'server.port': {
    default: DEFAULT_PORT,
    description: 'The port to listen on (0: any free port). When not set and taken, the next free port is used.',
    parse: (raw) => integerIn(raw, 0, 65535),
  },
  'server.address': {
    default: undefined,
    description: 'The address to listen on. Unset: every interface.',
    parse: (raw) => {
      const text = stringOf(raw).trim();
      return text === '' ? undefined : text;
    },
  },
  'server.headless': {
    default: false,
    description: 'Do not open a browser at startup (mini-st never opens one; kept for Streamlit configs).',
    parse: booleanOf,
  },
  'server.runOnSave': {
    default: false,
    description: 'Rerun open sessions when the script is saved.',
    parse: booleanOf,
  },
  'server.baseUrlPath': {
    default: '',
    description: 'Serve the app under this path, e.g. "apps/demo".',
    parse: (raw) => normalizeBaseUrlPath(stringOf(raw)),
  },
  'server.corsAllowedOrigins': {
    default: [],
    description: 'Origins, besides the page\'s own, allowed to open the WebSocket ("*": any).',
    parse: (raw) => {
      const list = typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : raw;
      if (!Array.isArray(list)) throw new BadValue('expected a list of origins');
      return list.map((item) => normalizeOrigin(stringOf(item)));
    },
  },
  'server.maxMessageSize': {
    // Streamlit's 200 is sized for file uploads, which mini-st takes over HTTP instead; a frame is parsed
    // whole in the main thread, so the limit bounds what one message can cost everyone.
    default: 16,
    description: 'Largest WebSocket message accepted from the page, in megabytes.',
    parse: positiveNumber,
  },
  'server.disconnectedSessionTTL': {
    default: 120,
    description: 'Seconds a session is kept after its page went away, so the page can reconnect and resume it.',
    parse: nonNegativeNumber,
  },
  'server.allowedHosts': {
    default: [],
    description: 'Host names this server answers to (the Host header), e.g. ["app.example.com", ".example.org"]; empty: any.',
    parse: (raw) => listOf(raw, 'host names').map(normalizeHost),
  },
  'server.frameAncestors': {
    default: ["'self'"],
    description: 'Pages allowed to frame the app (CSP frame-ancestors), e.g. ["\'self\'", "https://portal.example.com"].',
    parse: (raw) => {
      const sources = listOf(raw, 'frame-ancestors sources').map(frameSource);
      if (sources.length === 0) throw new BadValue('expected at least one source (use "\'none\'" to forbid framing)');
      return sources;
    },
  },
  'server.shutdownGracePeriod': {
    default: 10,
    description: 'Seconds a SIGTERM waits for running script runs to finish before stopping them.',
    parse: nonNegativeNumber,
  },
  'server.maxUploadSize': {
    // Streamlit's name and default. Uploads go over HTTP (not the WebSocket), one file per request.
    default: 200,
    description: 'Largest file st.file_uploader accepts, in megabytes.',
    parse: positiveNumber,
  },
  'runner.isolation': {
    default: 'worker',
    description: '"worker": scripts run in worker threads and a runaway loop can be stopped; "none": in the main thread.',
    parse: (raw) => {
      const text = stringOf(raw).trim();
      if (text !== 'worker' && text !== 'none') throw new BadValue('expected "worker" or "none"');
      return text;
    },
  },
  'runner.workers': {
    default: Math.max(1, availableParallelism()),
    description: 'Number of worker threads that run scripts (default: the number of cores).',
    parse: (raw) => integerIn(raw, 1, 256),
  },
  'runner.stopTimeout': {
    default: 3,
    description: 'Seconds a stopped run may take to reach its next st call before its worker is replaced.',
    parse: positiveNumber,
  },
  'runner.maxRunSeconds': {
    default: undefined,
    description: 'Longest a single run may take, in seconds (unset: no limit).',
    parse: positiveNumber,
  },
  'runner.maxWorkerMemoryMb': {
    default: 2048,
    description: 'Heap limit of each script worker, in megabytes; a script past it crashes its worker, not the server.',
    parse: (raw) => integerIn(raw, 16, 1_048_576),
  },
  'theme.base': {
    default: undefined,
    description: 'The theme pages start in: "light" or "dark" (unset: the operating system\'s). People can switch in the page\'s menu.',
    parse: (raw) => {
      const text = stringOf(raw).trim().toLowerCase();
      if (text !== 'light' && text !== 'dark') throw new BadValue(`expected "light" or "dark", got ${show(raw)}`);
      return text;
    },
  },
  'theme.primaryColor': { default: undefined, description: 'Accent color of buttons, sliders and focus rings (both themes).', parse: colorOf },
  'theme.backgroundColor': { default: undefined, description: 'Background of the page, in the base theme.', parse: colorOf },
  'theme.secondaryBackgroundColor': { default: undefined, description: 'Background of the sidebar and of inputs, in the base theme.', parse: colorOf },
  'theme.textColor': { default: undefined, description: 'Color of the text, in the base theme.', parse: colorOf },
  'theme.linkColor': { default: undefined, description: 'Color of links (both themes).', parse: colorOf },
  'theme.font': {
    default: undefined,
    description: 'Font of the page: "sans serif", "serif" or "monospace" (system fonts; nothing is downloaded).',
    parse: (raw) => {
      const text = stringOf(raw).trim().toLowerCase();
      if (text === 'sans serif' || text === 'sans-serif') return 'sans serif';
      if (text === 'serif' || text === 'monospace') return text;
      throw new BadValue(`expected "sans serif", "serif" or "monospace", got ${show(raw)}`);
    },
  },
};

export const CONFIG_KEYS = Object.keys(OPTIONS) as ConfigKey[];

/** Streamlit options that mini-st accepts in config.toml and ignores, with a warning. */
const STREAMLIT_ONLY: Record<Section, readonly string[]> = {
  server: [
    'folderWatchList', 'folderWatchBlacklist', 'fileWatcherType', 'showEmojiIcons', 'allowRunOnSave',
    'scriptHealthCheckEnabled', 'enableCORS', 'enableXsrfProtection',
    'enableArrowTruncation', 'enableWebsocketCompression', 'websocketPingInterval',
    'enableStaticServing', 'trustedUserHeaders', 'sslCertFile',
    'sslKeyFile', 'cookieSecret', 'customComponentBaseUrlPath', 'useStarlette',
  ],
  runner: ['magicEnabled', 'postScriptGC', 'fastReruns', 'enforceSerializableSessionState', 'enumCoercion', 'installTracer', 'fixMatplotlib'],
  theme: [
    'codeFont', 'headingFont', 'codeFontSize', 'baseFontSize', 'baseFontWeight', 'baseRadius', 'buttonRadius', 'borderColor',
    'dataframeBorderColor', 'showWidgetBorder', 'showSidebarBorder', 'codeBackgroundColor', 'linkUnderline', 'fontFaces',
    'headingFontSizes', 'headingFontWeights', 'chartCategoricalColors', 'chartSequentialColors', 'sidebar', 'light', 'dark',
  ],
};

/** Streamlit sections mini-st has no use for; accepted silently so Streamlit configs keep working. */
const OTHER_STREAMLIT_SECTIONS = new Set([
  'global', 'logger', 'client', 'browser', 'mapbox', 'deprecation', 'magic', 'secrets', 'ui', 'snowflake',
]);

export interface LoadConfigOptions {
  /** Directory holding `.streamlit/config.toml` (the directory `mini-st` was started in). */
  cwd: string;
  /** Flags from the command line, keyed by option name without dashes: `{ 'server.port': '8502' }`. */
  flags?: Readonly<Record<string, string>>;
  /** Usually `process.env`. */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Resolves the configuration: flags over environment over `.streamlit/config.toml` over defaults.
 * Throws MST_ERR_CONFIG_SYNTAX, MST_ERR_CONFIG_VALUE or MST_ERR_CONFIG_UNKNOWN_KEY.
 *
 * @example
 * const config = await loadConfig({ cwd: process.cwd(), flags: { 'server.port': '0' }, env: process.env });
 * config.server.port; // 0
 * config.sources['server.port']; // { kind: 'flag', name: '--server.port' }
 */
export async function loadConfig(options: LoadConfigOptions): Promise<Config> {
  const { cwd, flags = {}, env = {} } = options;
  const config = defaults();
  await applyFile(config, join(cwd, '.streamlit', 'config.toml'));
  for (const key of CONFIG_KEYS) {
    const name = [`MINI_ST_${envSuffix(key)}`, `STREAMLIT_${envSuffix(key)}`].find((n) => env[n]);
    if (name) assign(config, key, env[name], { kind: 'env', name });
  }
  for (const [flag, value] of Object.entries(flags)) {
    const source: ConfigSource = { kind: 'flag', name: `--${flag}` };
    if (!isConfigKey(flag)) {
      throw new MiniStError('MST_ERR_CONFIG_UNKNOWN_KEY', { key: flag, source: describeSource(source) });
    }
    assign(config, flag, value, source);
  }
  return config;
}

/** True when the user chose the port; then a taken port is an error instead of a reason to try the next. */
export function portWasExplicit(config: Config): boolean {
  return config.sources['server.port'].kind !== 'default';
}

/** Human wording of a source, for messages: a file path, "environment variable X", "flag --x". */
export function describeSource(source: ConfigSource): string {
  switch (source.kind) {
    case 'default':
      return 'the defaults';
    case 'file':
      return source.file;
    case 'env':
      return `environment variable ${source.name}`;
    case 'flag':
      return `command-line flag ${source.name}`;
  }
}

/** The value of one option, by its dotted name. */
export function configValue<K extends ConfigKey>(config: Config, key: K): ValueOf<K> {
  const [section, name] = splitKey(key);
  return (config[section] as unknown as Record<string, ValueOf<K>>)[name] as ValueOf<K>;
}

export function isConfigKey(key: string): key is ConfigKey {
  return Object.hasOwn(OPTIONS, key);
}

/**
 * The configuration as a config.toml, each value preceded by its description and source: what
 * `mini-st config show` prints. Unset options are commented out.
 */
export function formatConfigToml(config: Config): string {
  const lines: string[] = [
    '# The configuration `mini-st run` would use here.',
    '# Precedence: command-line flags > environment (MINI_ST_*, STREAMLIT_*) > .streamlit/config.toml > defaults.',
  ];
  let section = '';
  for (const key of CONFIG_KEYS) {
    const [keySection, name] = splitKey(key);
    if (keySection !== section) {
      section = keySection;
      lines.push('', `[${section}]`);
    }
    const value: unknown = configValue(config, key);
    lines.push('', `# ${OPTIONS[key].description}`, `# Source: ${describeSource(config.sources[key])}`);
    lines.push(value === undefined ? `# ${name} =` : `${name} = ${tomlValue(value)}`);
  }
  return lines.join('\n') + '\n';
}

function tomlValue(value: unknown): string {
  // JSON strings, numbers and booleans are valid TOML values too.
  return Array.isArray(value) ? `[${value.map((item) => JSON.stringify(item)).join(', ')}]` : JSON.stringify(value);
}

function defaults(): Config {
  const config: Config = {
    server: {} as ServerConfig,
    runner: {} as RunnerConfig,
    theme: {} as ThemeConfig,
    sources: {} as Record<ConfigKey, ConfigSource>,
    configFile: undefined,
    warnings: [],
  };
  for (const key of CONFIG_KEYS) {
    const value = OPTIONS[key].default;
    setValue(config, key, Array.isArray(value) ? [...value] : value, { kind: 'default' });
  }
  return config;
}

async function applyFile(config: Config, file: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text);
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const detail = error.message.replace(/^Invalid TOML document: /, '');
    throw new MiniStError('MST_ERR_CONFIG_SYNTAX', { file, line: error.line, column: error.column, detail }, { cause: error });
  }
  config.configFile = file;
  const source: ConfigSource = { kind: 'file', file };
  for (const [section, table] of Object.entries(doc)) {
    if (section !== 'server' && section !== 'runner' && section !== 'theme') {
      if (!OTHER_STREAMLIT_SECTIONS.has(section)) {
        config.warnings.push(`Ignoring [${section}] in ${file}: neither mini-st nor Streamlit has such a section.`);
      }
      continue;
    }
    if (typeof table !== 'object' || table === null || Array.isArray(table)) {
      throw new MiniStError('MST_ERR_CONFIG_VALUE', { key: section, source: file, detail: 'expected a table' });
    }
    for (const [name, value] of Object.entries(table)) {
      const key = `${section}.${name}`;
      if (isConfigKey(key)) assign(config, key, value, source);
      else if (STREAMLIT_ONLY[section].includes(name)) {
        config.warnings.push(`Ignoring ${key} in ${file}: a Streamlit option mini-st does not implement.`);
      } else throw new MiniStError('MST_ERR_CONFIG_UNKNOWN_KEY', { key, source: file });
    }
  }
}

function assign(config: Config, key: ConfigKey, raw: unknown, source: ConfigSource): void {
  let value: unknown;
  try {
    value = OPTIONS[key].parse(raw);
  } catch (error) {
    if (!(error instanceof BadValue)) throw error;
    throw new MiniStError('MST_ERR_CONFIG_VALUE', { key, source: describeSource(source), detail: error.message });
  }
  setValue(config, key, value, source);
}

function setValue(config: Config, key: ConfigKey, value: unknown, source: ConfigSource): void {
  const [section, name] = splitKey(key);
  (config[section] as unknown as Record<string, unknown>)[name] = value;
  config.sources[key] = source;
}

function splitKey(key: ConfigKey): [Section, string] {
  const dot = key.indexOf('.');
  return [key.slice(0, dot) as Section, key.slice(dot + 1)];
}

/** `server.runOnSave` → `SERVER_RUN_ON_SAVE`, as Streamlit names its environment variables. */
function envSuffix(key: ConfigKey): string {
  return key.replace('.', '_').replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

// --- parsers: each throws BadValue with what was expected -------------------------------------

function stringOf(raw: unknown): string {
  if (typeof raw !== 'string') throw new BadValue(`expected a string, got ${show(raw)}`);
  return raw;
}

function integerIn(raw: unknown, min: number, max: number): number {
  const n = typeof raw === 'string' && /^\s*\d+\s*$/.test(raw) ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min || n > max) {
    throw new BadValue(`expected a whole number from ${min} to ${max}, got ${show(raw)}`);
  }
  return n;
}

function positiveNumber(raw: unknown): number {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0) {
    throw new BadValue(`expected a positive number, got ${show(raw)}`);
  }
  return n;
}

function nonNegativeNumber(raw: unknown): number {
  const n = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) {
    throw new BadValue(`expected a number of seconds, 0 or more, got ${show(raw)}`);
  }
  return n;
}

/** A TOML list, or a comma- or space-separated string (environment variables, flags). */
function listOf(raw: unknown, what: string): string[] {
  const list = typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : raw;
  if (!Array.isArray(list)) throw new BadValue(`expected a list of ${what}`);
  return list.map((item) => stringOf(item).trim());
}

/** "App.Example.com" → "app.example.com"; ".example.com" (subdomains too) and "host:port" stay. */
function normalizeHost(text: string): string {
  const host = text.toLowerCase();
  if (host === '*') return host;
  if (!/^\.?(\[[0-9a-f:.]+\]|[a-z0-9_-]+(\.[a-z0-9_-]+)*)(:\d{1,5})?$/.test(host)) {
    throw new BadValue(`"${text}" is not a host name like app.example.com (or .example.com for its subdomains)`);
  }
  return host;
}

/** One CSP source for frame-ancestors: 'self', 'none', a scheme ("https:") or an origin, `*.` allowed. */
function frameSource(text: string): string {
  const lower = text.toLowerCase();
  if (lower === "'self'" || lower === "'none'" || lower === 'self' || lower === 'none') return `'${lower.replaceAll("'", '')}'`;
  if (/^[a-z][a-z0-9+.-]*:$/.test(lower)) return lower;
  if (/^(https?:\/\/)?(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?$/.test(lower)) return lower;
  throw new BadValue(`"${text}" is not a frame-ancestors source ('self', 'none', https:, or an origin like https://portal.example.com)`);
}

/** A `[theme]` color: hex, rgb()/hsl() or a CSS name, so it cannot inject CSS (theme/css-color.ts). */
function colorOf(raw: unknown): string {
  const text = stringOf(raw).trim();
  if (!isCssColor(text)) throw new BadValue(`expected a CSS color like "#ff4b4b", "rgb(255, 75, 75)" or "tomato", got ${show(raw)}`);
  return text;
}

function booleanOf(raw: unknown): boolean {
  if (typeof raw === 'boolean') return raw;
  const text = typeof raw === 'string' ? raw.trim().toLowerCase() : undefined;
  if (text === 'true' || text === '1' || text === 'yes') return true;
  if (text === 'false' || text === '0' || text === 'no') return false;
  throw new BadValue(`expected true or false, got ${show(raw)}`);
}

/** "/apps//demo/" → "apps/demo". Refuses what would not survive in a URL path. */
function normalizeBaseUrlPath(text: string): string {
  const segments = text.split('/').filter(Boolean);
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || !/^[A-Za-z0-9._~!$&'()*+,;=:@%-]+$/.test(segment)) {
      throw new BadValue(`"${text}" is not a URL path (segment "${segment}")`);
    }
  }
  return segments.join('/');
}

/** "HTTPS://Example.com:443/" → "https://example.com", the form browsers send in Origin. */
function normalizeOrigin(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '*') return '*';
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new BadValue(`"${text}" is not an origin like https://example.com`);
  }
  const onlyOrigin = (url.pathname === '/' || url.pathname === '') && !url.search && !url.hash && !url.username;
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !onlyOrigin) {
    throw new BadValue(`"${text}" is not an origin like https://example.com`);
  }
  return url.origin;
}

function show(raw: unknown): string {
  return typeof raw === 'string' ? JSON.stringify(raw) : Array.isArray(raw) ? 'a list' : String(raw);
}
