/**
 * The `mini-st` command: `run`, `hello`, `init`, `config show`, `auth dev-provider`, `help`,
 * `version` (their help texts are commands/help.ts). The only place that opens a port. It resolves the configuration, creates the session layer for the script, builds the
 * server, listens (trying the next ports when the default one is taken, as Streamlit does) and
 * closes everything on SIGINT / SIGTERM. `bin/mini-st.js` calls `main`.
 */
import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { resolve } from 'node:path';
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import {
  CONFIG_KEYS,
  describeSource,
  formatConfigToml,
  loadConfig,
  portWasExplicit,
  type Config,
} from './config.js';
import { MiniStError } from './errors.js';
import { runAuthCommand } from './auth/dev-command.js';
import { prepareHello } from './commands/hello.js';
import { helpFor } from './commands/help.js';
import { initApp } from './commands/init.js';
import { installSecrets, openSecrets } from './secrets.js';
import { createEarlyServer, type EarlyServer } from './server/early-server.js';
import { createConsoleLogger, type Logger } from './server/logger.js';
import { deferHub } from './session/deferred-hub.js';
import type { SessionHub } from './session/types.js';
import type { Auth } from './auth/index.js';
import { HEALTH_PATH } from '@mini-st/protocol';

/** Streamlit gives up after this many taken ports. */
const MAX_PORT_TRIES = 100;
/** A shutdown that takes longer (a script stuck in a long await) is cut short. */
const SHUTDOWN_GRACE_MS = 5000;

/** The process around the CLI; tests pass their own. */
export interface CliIo {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** One line of output, without its newline. */
  stdout(line: string): void;
  stderr(line: string): void;
  /** Aborting it stops a running app as SIGINT does (tests). */
  signal?: AbortSignal;
  /** Called with the app's URL once it listens (tests). */
  onListening?(url: string): void;
}

const processIo: CliIo = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
};

/**
 * Runs one command line and resolves with the exit code. `run` resolves only after the app has
 * been stopped.
 *
 * @example
 * process.exit(await main(['run', 'app.ts', '--server.port', '8502']));
 */
export async function main(argv: readonly string[], io: Partial<CliIo> = {}): Promise<number> {
  const cli: CliIo = { ...processIo, ...io };
  try {
    const { words, flags } = parseArgs(argv);
    const [command, ...rest] = words;
    const wantsVersion = flags.has('version') || command === 'version';
    if (flags.has('help') || command === 'help' || (command === undefined && !wantsVersion)) {
      return print(cli, helpFor(command === 'help' ? rest[0] : command));
    }
    if (wantsVersion) return print(cli, `mini-st, version ${version()}`);
    // `auth dev-provider` has its own flag (--port), not a config option.
    if (command === 'auth') return await runAuthCommand(rest, flags, { stdout: cli.stdout, stopRequested: () => stopRequested(cli.signal) });
    if (command === 'init') {
      if (flags.size > 0) throw usage(`Unknown option --${[...flags.keys()][0]} for init (it takes only a folder).`);
      return await initApp(rest, cli);
    }
    const configFlags = configFlagsOf(flags);
    if (command === 'hello') {
      if (rest.length > 0) throw usage(`mini-st hello takes no arguments, got: ${rest.join(' ')}`);
      return await runHello(configFlags, cli);
    }
    if (command === 'run') {
      if (rest.length !== 1) throw usage(rest.length === 0 ? 'Missing the script to run: mini-st run <file.ts>' : `Too many arguments: ${rest.join(' ')}`);
      return await runApp(rest[0]!, configFlags, cli);
    }
    if (command === 'config' && rest.length === 1 && rest[0] === 'show') {
      return print(cli, formatConfigToml(await loadConfig({ cwd: cli.cwd, flags: configFlags, env: cli.env })).trimEnd());
    }
    throw usage(`Unknown command: ${[command, ...rest].join(' ')}`);
  } catch (error) {
    cli.stderr(formatError(error));
    return 1;
  }
}

/** `Error [CODE]: message`, the one shape every failure of the CLI takes. */
export function formatError(error: unknown): string {
  if (error instanceof MiniStError) return `Error [${error.code}]: ${error.message}`;
  const fault = new MiniStError('MST_ERR_INTERNAL', { detail: error instanceof Error ? error.message : String(error) });
  const stack = error instanceof Error && error.stack ? `\n${error.stack}` : '';
  return `Error [${fault.code}]: ${fault.message}${stack}`;
}

async function runApp(file: string, flags: Record<string, string>, io: CliIo): Promise<number> {
  const scriptPath = resolve(io.cwd, file);
  const info = await stat(scriptPath).catch(() => undefined);
  if (!info?.isFile()) throw new MiniStError('MST_ERR_SCRIPT_NOT_FOUND', { path: scriptPath });
  const config = await loadConfig({ cwd: io.cwd, flags, env: io.env });
  const logger = createConsoleLogger({ out: io.stdout, err: io.stderr });
  for (const warning of config.warnings) logger.warn(`Warning: ${warning}`);

  // A script's stray promise (not awaited, rejected later) must not take down every session.
  const strayRejection = (reason: unknown) =>
    logger.error(`Error [MST_ERR_UNHANDLED_REJECTION]: a promise rejected and nothing handled it`, reason);
  process.on('unhandledRejection', strayRejection);

  // One secrets store for st.secrets and for login; a broken file is reported, not fatal.
  const secrets = openSecrets({ cwd: io.cwd, log: (message) => logger.warn(message) });
  installSecrets(secrets);
  const secretsError = secrets.current().error;
  if (secretsError) logger.warn(`Warning [${secretsError.code}]: ${secretsError.message}`);

  // Health first (docs/performance.md, cold start): a plain node:http server opens the port and
  // answers the health probe before Fastify and its plugins load; every other request waits for
  // them. The login stack (openid-client, libsodium) and the session layer (esbuild, the script
  // runner, the worker threads) load after that; a request or page that comes sooner waits too.
  const base = config.server.baseUrlPath;
  const early = createEarlyServer(`${base ? `/${base}` : ''}${HEALTH_PATH}`);
  const address = await listen(early.server, config);
  printUrls(io, config, address);
  let app: FastifyInstance;
  let hub: SessionHub | undefined;
  let auth: Auth;
  try {
    const { createAuth } = await import('./auth/index.js');
    auth = await createAuth({ secrets, config, log: logger, background: true });
    const gateway = auth.gateway;
    // The session layer starts at once: its worker threads and esbuild warm up on the other core
    // while this thread loads Fastify.
    const hubLoading = import('./session/session-manager.js').then(({ createSessionManager }) =>
      createSessionManager({ scriptPath, cwd: io.cwd, config, auth: gateway, log: (message) => logger.warn(message) }),
    );
    hub = deferHub(hubLoading, (message, error) => logger.error(message, error));
    const { buildServer } = await import('./server/build-server.js');
    app = await buildServer({ config, hub, logger, auth, listening: true });
    await app.ready();
    early.attach(app.server);
    auth.ready().catch((error: unknown) => logger.error('Error [MST_ERR_INTERNAL]: the login stack failed to load', error));
  } catch (error) {
    // The server could not be built: nothing is served, and the session layer (if it started) goes.
    early.fail();
    await hub?.close().catch(() => undefined);
    early.close();
    early.server.closeAllConnections();
    throw error;
  }

  await stopRequested(io.signal);
  io.stdout('  Stopping...');
  await drain(early, hub, config.server.shutdownGracePeriod * 1000);
  const closing = Promise.allSettled([app.close(), hub.close()]);
  await Promise.race([closing, new Promise((done) => setTimeout(done, SHUTDOWN_GRACE_MS).unref())]);
  early.server.closeAllConnections();
  auth.close();
  secrets.close();
  process.off('unhandledRejection', strayRejection);
  return 0;
}

/**
 * The graceful half of a stop (SIGTERM from an orchestrator, a rolling restart): stop accepting
 * connections, so a load balancer sends new pages elsewhere, and let the runs in progress finish
 * within `server.shutdownGracePeriod`, their pages still connected. `app.close()` then tells every
 * page to reconnect (close code 1001), which finds the next process or another replica.
 */
async function drain(early: EarlyServer, hub: SessionHub, graceMs: number): Promise<void> {
  // No callback: it would wait for the open WebSockets, which close only after the drain.
  early.close();
  await hub.drain?.(graceMs);
}

/** `mini-st hello`: the demo, run like any app, from a folder with its own login settings. */
async function runHello(flags: Record<string, string>, io: CliIo): Promise<number> {
  const hello = await prepareHello();
  io.stdout('');
  io.stdout(`  Welcome to mini-st! This demo is an ordinary script: ${hello.script}`);
  if (!hello.devProvider) io.stdout('  Its login needs the oidc-provider package: npm install --save-dev oidc-provider@9');
  // The script's worker threads read st.secrets (and check st.login) from process.cwd().
  const started = process.cwd();
  process.chdir(hello.cwd);
  try {
    return await runApp(hello.script, flags, { ...io, cwd: hello.cwd });
  } finally {
    process.chdir(started);
    await hello.close();
  }
}

/**
 * Listens on `server.port`. A taken port is an error when the user chose it; otherwise the next
 * ports are tried, as Streamlit does. Without `server.address` it listens on every interface.
 */
export async function listen(server: Server, config: Config): Promise<AddressInfo> {
  const explicit = portWasExplicit(config);
  const host = config.server.address;
  let port = config.server.port;
  for (let attempt = 1; ; attempt++) {
    try {
      await listenOn(server, port, host);
      return server.address() as AddressInfo;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && !explicit && port !== 0 && port < 65535 && attempt < MAX_PORT_TRIES) {
        port += 1;
        continue;
      }
      if (code === 'EADDRINUSE') {
        throw new MiniStError('MST_ERR_PORT_IN_USE', { port, source: describeSource(config.sources['server.port']) }, { cause: error });
      }
      const detail = error instanceof Error ? error.message : String(error);
      throw new MiniStError('MST_ERR_LISTEN', { address: host ?? 'every interface', port, detail }, { cause: error });
    }
  }
}

async function listenOn(server: Server, port: number, host: string | undefined): Promise<void> {
  if (host !== undefined) {
    await listenOnce(server, port, host);
    return;
  }
  try {
    // "::" takes IPv4 too on dual-stack hosts, so both localhost forms reach the app.
    await listenOnce(server, port, '::');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EAFNOSUPPORT' && code !== 'EADDRNOTAVAIL') throw error;
    await listenOnce(server, port, '0.0.0.0');
  }
}

function listenOnce(server: Server, port: number, host: string): Promise<void> {
  return new Promise((done, failed) => {
    const onError = (error: Error) => {
      server.off('listening', onListening);
      failed(error);
    };
    const onListening = () => {
      server.off('error', onError);
      done();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen({ port, host });
  });
}

function printUrls(io: CliIo, config: Config, address: AddressInfo): void {
  const path = config.server.baseUrlPath ? `/${config.server.baseUrlPath}` : '';
  const host = config.server.address;
  const everywhere = host === undefined || host === '0.0.0.0' || host === '::';
  const url = (name: string) => `http://${name.includes(':') ? `[${name}]` : name}:${address.port}${path}`;
  const local = url(everywhere ? 'localhost' : host);
  io.stdout('');
  io.stdout('  You can now view your mini-st app in your browser.');
  io.stdout('');
  if (everywhere) {
    io.stdout(`  Local URL: ${local}`);
    const network = networkAddress();
    if (network) io.stdout(`  Network URL: ${url(network)}`);
  } else {
    io.stdout(`  URL: ${local}`);
  }
  io.stdout('');
  io.onListening?.(local);
}

/** The first external IPv4 address, as Streamlit shows for phones on the same network. */
function networkAddress(): string | undefined {
  for (const entries of Object.values(networkInterfaces())) {
    const found = entries?.find((entry) => entry.family === 'IPv4' && !entry.internal);
    if (found) return found.address;
  }
  return undefined;
}

/** Resolves on the first SIGINT or SIGTERM (or abort); a second signal exits at once. */
function stopRequested(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((done) => {
    const stop = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      process.once('SIGINT', () => process.exit(130)).once('SIGTERM', () => process.exit(143));
      done();
    };
    const abort = () => {
      process.off('SIGINT', stop).off('SIGTERM', stop);
      done();
    };
    process.once('SIGINT', stop).once('SIGTERM', stop);
    if (signal?.aborted) abort();
    else signal?.addEventListener('abort', abort, { once: true });
  });
}

// --- arguments -------------------------------------------------------------------------------

interface ParsedArgs {
  words: string[];
  /** Flag name without dashes → value ("true" for a bare flag). */
  flags: Map<string, string>;
}

/** `--key value`, `--key=value`, and bare `--key` (true) when no value follows. */
function parseArgs(argv: readonly string[]): ParsedArgs {
  const words: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h') flags.set('help', 'true');
    else if (arg === '-v' || arg === '-V') flags.set('version', 'true');
    else if (arg.startsWith('--') && arg.length > 2) {
      const eq = arg.indexOf('=');
      if (eq > 0) flags.set(arg.slice(2, eq), arg.slice(eq + 1));
      else {
        const next = argv[i + 1];
        const isBare = next === undefined || next.startsWith('--') || arg === '--help' || arg === '--version';
        flags.set(arg.slice(2), isBare ? 'true' : next);
        if (!isBare) i++;
      }
    } else words.push(arg);
  }
  return { words, flags };
}

/** Flags naming options (`server.port`); anything else but help/version is a usage error. */
function configFlagsOf(flags: Map<string, string>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of flags) {
    if (name === 'help' || name === 'version') continue;
    if (!name.includes('.')) {
      const guess = CONFIG_KEYS.find((key) => key.endsWith(`.${name}`));
      throw usage(`Unknown option --${name}.${guess ? ` Did you mean --${guess}?` : ''}`);
    }
    result[name] = value;
  }
  return result;
}

function usage(detail: string): MiniStError {
  return new MiniStError('MST_ERR_CLI_USAGE', { detail });
}

function print(io: CliIo, text: string): number {
  for (const line of text.split('\n')) io.stdout(line);
  return 0;
}

function version(): string {
  // ../package.json from both src/cli.ts and dist/cli.js.
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

