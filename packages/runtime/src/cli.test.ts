import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer as createHttpServer } from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { listen, main, type CliIo } from './cli.js';
import { CONFIG_KEYS, loadConfig } from './config.js';
import { FakeHub } from './server/test-support.js';

const hubs: FakeHub[] = [];
vi.mock('./session/session-manager.js', () => ({
  createSessionManager: vi.fn(async () => {
    const hub = new FakeHub();
    hubs.push(hub);
    return hub;
  }),
}));

let cwd: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mini-st-cli-'));
  await writeFile(join(cwd, 'app.ts'), 'import { st } from "mini-st";\nst.title("hi");\n');
  out = [];
  err = [];
  hubs.length = 0;
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

function io(extra: Partial<CliIo> = {}): Partial<CliIo> {
  return { cwd, env: {}, stdout: (line) => out.push(line), stderr: (line) => err.push(line), ...extra };
}

/** Starts `mini-st run …`, waits until it listens, and returns its URL and a stop function. */
async function start(args: string[], env: Record<string, string> = {}) {
  const controller = new AbortController();
  let ready!: (url: string) => void;
  const listening = new Promise<string>((resolve) => (ready = resolve));
  const exit = main(['run', 'app.ts', ...args], io({ env, signal: controller.signal, onListening: ready }));
  const url = await Promise.race([listening, exit.then((code) => Promise.reject(new Error(`exited ${code}: ${err.join('\n')}`)))]);
  return { url, exit, stop: () => controller.abort() };
}

async function occupy(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '::', resolve));
  return { server, port: (server.address() as { port: number }).port };
}

describe('mini-st run', () => {
  it('serves the script, prints the real URL, and stops cleanly', async () => {
    const app = await start(['--server.port', '0', '--server.headless=true']);
    expect(out).toContain('  You can now view your mini-st app in your browser.');
    const local = out.find((line) => line.startsWith('  Local URL: '));
    expect(local).toBe(`  Local URL: ${app.url}`);
    expect(app.url).toMatch(/^http:\/\/localhost:\d+$/);
    expect(app.url).not.toMatch(/:0$/);
    const health = await fetch(`${app.url.replace('localhost', '127.0.0.1')}/_stcore/health`);
    expect(await health.text()).toBe('ok');

    app.stop();
    expect(await app.exit).toBe(0);
    expect(hubs[0]!.closedHub).toBe(true);
  });

  it('prints the base path in the URL and serves under it', async () => {
    const app = await start(['--server.port=0', '--server.baseUrlPath', '/apps/demo/', '--server.address', '127.0.0.1']);
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/apps\/demo$/);
    expect(out.some((line) => line.startsWith('  URL: '))).toBe(true);
    expect(await (await fetch(`${app.url}/_stcore/health`)).text()).toBe('ok');
    app.stop();
    expect(await app.exit).toBe(0);
  });

  it('fails with MST_ERR_PORT_IN_USE naming the source when a chosen port is taken', async () => {
    const { server, port } = await occupy();
    try {
      expect(await main(['run', 'app.ts', '--server.port', String(port)], io())).toBe(1);
      expect(err.join('\n')).toContain(`Error [MST_ERR_PORT_IN_USE]: Port ${port} is already in use (set by command-line flag --server.port)`);
      // The session layer loads only once the port is open: nothing was started, nothing to close.
      expect(hubs).toHaveLength(0);

      err.length = 0;
      expect(await main(['run', 'app.ts'], io({ env: { STREAMLIT_SERVER_PORT: String(port) } }))).toBe(1);
      expect(err.join('\n')).toContain('environment variable STREAMLIT_SERVER_PORT');
    } finally {
      server.close();
    }
  });

  it('fails with MST_ERR_SCRIPT_NOT_FOUND when the script is missing', async () => {
    expect(await main(['run', 'nope.ts'], io())).toBe(1);
    expect(err[0]).toMatch(/^Error \[MST_ERR_SCRIPT_NOT_FOUND\]: Script not found: .*nope\.ts$/);
    expect(hubs).toHaveLength(0);
  });

  it('fails with MST_ERR_CONFIG_VALUE on a bad flag value', async () => {
    expect(await main(['run', 'app.ts', '--server.port', 'x'], io())).toBe(1);
    expect(err[0]).toContain('Error [MST_ERR_CONFIG_VALUE]: Bad value for "server.port" in command-line flag --server.port');
  });

  it('warns about Streamlit options it ignores', async () => {
    await mkdir(join(cwd, '.streamlit'));
    await writeFile(join(cwd, '.streamlit', 'config.toml'), '[server]\nenableCORS = false\n');
    const app = await start(['--server.port', '0']);
    expect(err.join('\n')).toContain('server.enableCORS');
    app.stop();
    await app.exit;
  });
});

describe('listen', () => {
  it('moves to the next port when the default port is taken', async () => {
    const { server, port } = await occupy();
    const config = await loadConfig({ cwd });
    config.server.port = port; // still sourced from the defaults
    const http = createHttpServer();
    try {
      const address = await listen(http, config);
      expect(address.port).toBeGreaterThan(port);
    } finally {
      http.close();
      server.close();
    }
  });
});

describe('other commands', () => {
  it('prints the version from package.json', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(await main(['--version'], io())).toBe(0);
    expect(out).toEqual([`mini-st, version ${pkg.version}`]);
  });

  it('prints help with examples for help, --help and no command', async () => {
    for (const argv of [['help'], ['--help'], [], ['-h']]) {
      out.length = 0;
      expect(await main(argv, io())).toBe(0);
      const text = out.join('\n');
      expect(text).toMatch(/^Usage: mini-st \[OPTIONS\] COMMAND/);
      for (const command of ['run', 'init', 'hello', 'config', 'auth']) expect(text).toMatch(new RegExp(`^  ${command} +\\S`, 'm'));
      expect(text).toContain('$ mini-st hello');
      expect(text).toContain('$ mini-st run app.ts');
    }
  });

  it('prints each command\'s own help, with usage, options and examples, as --help or through help', async () => {
    const usage = { run: 'mini-st run [OPTIONS] FILE', init: 'mini-st init [FOLDER]', hello: 'mini-st hello [OPTIONS]', config: 'mini-st config show', auth: 'mini-st auth dev-provider', version: 'mini-st version' };
    for (const [command, line] of Object.entries(usage)) {
      for (const argv of [[command, '--help'], ['help', command]]) {
        out.length = 0;
        expect(await main(argv, io())).toBe(0);
        const text = out.join('\n');
        expect(text.startsWith(`Usage: ${line}`)).toBe(true);
        expect(text).toContain('Examples:');
        expect(text).toContain(`  $ mini-st ${command}`);
      }
    }
    out.length = 0;
    await main(['run', '--help'], io());
    // Every option of run is listed, with a type, from the one table in config.ts.
    for (const key of CONFIG_KEYS) expect(out.join('\n')).toMatch(new RegExp(`--${key.replace('.', '\\.')} [A-Z]+`));
    expect(await main(['help', 'serve'], io())).toBe(1);
    expect(err[0]).toContain('Error [MST_ERR_CLI_USAGE]: No such command: serve.');
  });

  it('shows the resolved config with each value\'s source', async () => {
    expect(await main(['config', 'show', '--server.port', '9100'], io({ env: { MINI_ST_SERVER_RUN_ON_SAVE: 'true' } }))).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('[server]');
    expect(text).toContain('# Source: command-line flag --server.port\nport = 9100');
    expect(text).toContain('# Source: environment variable MINI_ST_SERVER_RUN_ON_SAVE\nrunOnSave = true');
  });

  it('refuses unknown commands and options with MST_ERR_CLI_USAGE', async () => {
    expect(await main(['serve', 'app.ts'], io())).toBe(1);
    expect(err[0]).toContain('Error [MST_ERR_CLI_USAGE]: Unknown command: serve app.ts');
    err.length = 0;
    expect(await main(['run', 'app.ts', '--port', '1'], io())).toBe(1);
    expect(err[0]).toContain('Did you mean --server.port?');
    err.length = 0;
    expect(await main(['run'], io())).toBe(1);
    expect(err[0]).toContain('MST_ERR_CLI_USAGE');
  });
});
