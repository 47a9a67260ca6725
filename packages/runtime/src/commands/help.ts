/**
 * The help of `mini-st` and of each command, in Streamlit's shape (usage line, what it does,
 * options, examples), so `mini-st --help`, `mini-st help run` and `mini-st run --help` read
 * like `streamlit --help` does. The run options are listed from config.ts, so they cannot drift.
 */
import { CONFIG_KEYS, OPTIONS, type ConfigKey } from '../config.js';
import { MiniStError } from '../errors.js';

const WIDTH = 100;

/** The commands, in the order the overview lists them. */
const COMMANDS: Readonly<Record<string, { summary: string; help: () => string }>> = {
  auth: { summary: 'Run the development identity provider (auth dev-provider).', help: authHelp },
  config: { summary: 'Show the configuration `run` would use (config show).', help: configHelp },
  hello: { summary: 'Run the demo app: widgets, layouts and login.', help: helloHelp },
  help: { summary: 'Show this message, or a command\'s help (help run).', help: overview },
  init: { summary: 'Create a new app: app.ts, .streamlit/, package.json, tsconfig.json.', help: initHelp },
  run: { summary: 'Run a TypeScript script as a web app.', help: runHelp },
  version: { summary: 'Show mini-st\'s version.', help: versionHelp },
};

/**
 * The help for `command` (`undefined`: the overview). An unknown command is a usage error.
 *
 * @example
 * helpFor('run'); // "Usage: mini-st run [OPTIONS] FILE …"
 */
export function helpFor(command: string | undefined): string {
  if (command === undefined) return overview();
  const entry = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!entry) throw new MiniStError('MST_ERR_CLI_USAGE', { detail: `No such command: ${command}. Commands: ${Object.keys(COMMANDS).join(', ')}.` });
  return entry.help();
}

function overview(): string {
  return [
    'Usage: mini-st [OPTIONS] COMMAND [ARGS]...',
    '',
    '  Streamlit for TypeScript, with login built in. Try out a demo with:',
    '',
    '      $ mini-st hello',
    '',
    '  Or start an app of your own:',
    '',
    '      $ mini-st init my-app',
    '      $ cd my-app && npm install',
    '      $ mini-st run app.ts',
    '',
    'Options:',
    option('--version', 'Show the version and exit.', 14),
    option('--help, -h', 'Show this message and exit.', 14),
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, { summary }]) => option(name, summary, 14)),
    '',
    '  Each command has its own help: mini-st run --help (or mini-st help run).',
    '',
    'Examples:',
    '  $ mini-st run app.ts',
    '  $ mini-st run app.ts --server.port 8502',
    '  $ mini-st init my-app',
    '  $ mini-st hello',
  ].join('\n');
}

function runHelp(): string {
  return [
    'Usage: mini-st run [OPTIONS] FILE',
    '',
    '  Run a TypeScript (or JavaScript) script as a web app. Every browser tab gets a session, and',
    '  the script reruns from top to bottom on every interaction. `import { st } from "mini-st"`',
    '  in the script is the running mini-st.',
    '',
    '  Options come from flags, then environment variables (MINI_ST_SERVER_PORT, or Streamlit\'s',
    '  STREAMLIT_SERVER_PORT), then .streamlit/config.toml in the current folder, then the defaults.',
    '  Secrets, and the [auth] table of login, come from .streamlit/secrets.toml.',
    '',
    'Options:',
    ...configOptions(),
    option('--help', 'Show this message and exit.'),
    '',
    'Examples:',
    '  $ mini-st run app.ts',
    '  $ mini-st run app.ts --server.port 8502 --server.runOnSave true',
    '  $ mini-st run app.ts --server.port 0            # any free port',
    '  $ mini-st run app.ts --server.baseUrlPath=apps/demo',
    '  $ MINI_ST_SERVER_PORT=9000 mini-st run app.ts',
  ].join('\n');
}

function initHelp(): string {
  return [
    'Usage: mini-st init [FOLDER]',
    '',
    '  Create a new mini-st app in FOLDER (created when missing; default: the current folder):',
    '',
    '    app.ts                           a first app: widgets and a login button',
    '    .streamlit/config.toml           options for mini-st run',
    '    .streamlit/secrets.toml.example  login: the development provider, Microsoft Entra, Google',
    '    .gitignore                       keeps .streamlit/secrets.toml out of git',
    '    package.json                     mini-st, TypeScript, the development provider',
    '    tsconfig.json                    types and completion for every st call',
    '',
    '  It never overwrites a file: when app.ts, tsconfig.json or a .streamlit/ file exists, it stops',
    '  and names it. An existing package.json or .gitignore is completed instead (after',
    '  `npm install mini-st`, say): init adds what is missing and changes nothing that is there.',
    '  Then it prints the next two commands.',
    '',
    'Options:',
    option('--help', 'Show this message and exit.'),
    '',
    'Examples:',
    '  $ mini-st init my-app',
    '  $ cd my-app && npm install',
    '  $ npx mini-st run app.ts',
    '',
    '  $ npm install mini-st && npx mini-st init    # in a folder of your own',
  ].join('\n');
}

function helloHelp(): string {
  return [
    'Usage: mini-st hello [OPTIONS]',
    '',
    '  Run the demo app: widgets, a tour of the layouts, and login against the development',
    '  identity provider (log in as alice, bob or carol, with any password). The demo is an',
    '  ordinary script, hello/app.ts in the mini-st package; its page shows where.',
    '',
    '  It takes the options of `mini-st run`, and runs with its own login settings: the secrets',
    '  of the current folder are not read.',
    '',
    'Options:',
    option('--server.port INTEGER', OPTIONS['server.port'].description),
    option('--server.address TEXT', OPTIONS['server.address'].description),
    option('--help', 'Show this message and exit.'),
    '  (and every other option of `mini-st run --help`)',
    '',
    'Examples:',
    '  $ mini-st hello',
    '  $ mini-st hello --server.port 8502',
  ].join('\n');
}

function configHelp(): string {
  return [
    'Usage: mini-st config show [OPTIONS]',
    '',
    '  Show the configuration `mini-st run` would use here, as a config.toml: every option with',
    '  its description, its value, and where the value comes from (a flag, an environment',
    '  variable, .streamlit/config.toml, or the default).',
    '',
    'Options:',
    option('--<option> VALUE', 'Any option of `mini-st run --help`, to see how it combines.'),
    option('--help', 'Show this message and exit.'),
    '',
    'Examples:',
    '  $ mini-st config show',
    '  $ mini-st config show --server.port 9000',
    '  $ MINI_ST_SERVER_RUN_ON_SAVE=true mini-st config show',
  ].join('\n');
}

function authHelp(): string {
  return [
    'Usage: mini-st auth dev-provider [--port N]',
    '',
    '  Run the development identity provider: a real OpenID Connect provider on 127.0.0.1, whose',
    '  login form takes any password (demo users: alice, bob, carol). It prints the [auth] table',
    '  for .streamlit/secrets.toml that logs in against it. Its values are for this machine only.',
    '',
    '  `mini-st run` starts it by itself at the first login when server_metadata_url points at',
    '  127.0.0.1:9421; run it on its own to share it between apps or to use another port. It needs',
    '  the oidc-provider package (npm install --save-dev oidc-provider@9).',
    '',
    'Options:',
    option('--port INTEGER', 'The port to listen on (default 9421; 0: any free port).'),
    option('--help', 'Show this message and exit.'),
    '',
    'Examples:',
    '  $ mini-st auth dev-provider',
    '  $ mini-st auth dev-provider --port 0',
  ].join('\n');
}

function versionHelp(): string {
  return ['Usage: mini-st version', '', '  Show mini-st\'s version (also: mini-st --version).', '', 'Examples:', '  $ mini-st version'].join('\n');
}

/** Every option of `run`, with a type from its default, as click shows them. */
function configOptions(): string[] {
  return CONFIG_KEYS.map((key) => option(`--${key} ${typeName(key)}`, OPTIONS[key].description));
}

function typeName(key: ConfigKey): string {
  const value: unknown = OPTIONS[key].default;
  if (typeof value === 'boolean') return 'BOOLEAN';
  if (typeof value === 'number') return Number.isInteger(value) ? 'INTEGER' : 'FLOAT';
  if (Array.isArray(value)) return 'LIST';
  return typeof value === 'string' ? 'TEXT' : 'VALUE';
}

/** `  name      description`, the description wrapped under itself. */
function option(name: string, description: string, column = 36): string {
  const head = `  ${name}`;
  const words = description.split(/\s+/);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    if (line && column + line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  const pad = ' '.repeat(column);
  const first = head.length < column - 1 ? head.padEnd(column) + (lines[0] ?? '') : `${head}\n${pad}${lines[0] ?? ''}`;
  return [first, ...lines.slice(1).map((rest) => pad + rest)].join('\n');
}
