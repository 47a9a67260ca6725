/**
 * `mini-st auth dev-provider [--port N]`: runs the development identity provider in the
 * foreground and prints the `[auth]` table that logs in against it. cli.ts parses the command
 * line and hands over here; the provider itself is dev-provider.ts.
 */
import { MiniStError } from '../errors.js';
import { DEMO_USERS, DEV_PROVIDER_PORT, startDevProvider } from './dev-provider.js';

export interface DevCommandIo {
  stdout(line: string): void;
  /** Resolves when the command should stop (SIGINT, SIGTERM, or a test's abort). */
  stopRequested(): Promise<void>;
}

/**
 * Runs `mini-st auth <words…>` with `flags` (name without dashes → value); resolves with the
 * exit code once the provider has stopped.
 *
 * @example
 * await runAuthCommand(['dev-provider'], new Map([['port', '9421']]), io);
 */
export async function runAuthCommand(words: readonly string[], flags: ReadonlyMap<string, string>, io: DevCommandIo): Promise<number> {
  if (words.length !== 1 || words[0] !== 'dev-provider') {
    throw usage(`Unknown command: auth ${words.join(' ')}`.trim() + '. Did you mean `mini-st auth dev-provider`?');
  }
  for (const name of flags.keys()) if (name !== 'port') throw usage(`Unknown option --${name} for auth dev-provider (only --port).`);
  const rawPort = flags.get('port') ?? String(DEV_PROVIDER_PORT);
  const port = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || port > 65535) throw usage(`--port expects a port number, got "${rawPort}".`);

  let provider;
  try {
    provider = await startDevProvider({ port });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new MiniStError('MST_ERR_PORT_IN_USE', { port, source: port === DEV_PROVIDER_PORT ? 'the default of auth dev-provider' : 'command-line flag --port' }, { cause: error });
    }
    throw error;
  }
  const users = Object.entries(DEMO_USERS).map(([id, user]) => `${id} (${user.name})`).join(', ');
  for (const line of [
    '',
    `  Development identity provider listening at ${provider.issuer} (this machine only).`,
    `  Log in as ${users} with any password; any other name works too.`,
    '',
    '  Its values are for localhost only: never use them for a real app. In .streamlit/secrets.toml:',
    '',
    ...provider.authTable().split('\n').map((line) => `  ${line}`),
    '',
  ]) {
    io.stdout(line);
  }
  await io.stopRequested();
  await provider.close();
  return 0;
}

function usage(detail: string): MiniStError {
  return new MiniStError('MST_ERR_CLI_USAGE', { detail });
}
