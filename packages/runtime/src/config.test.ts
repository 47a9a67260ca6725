import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatConfigToml, loadConfig, portWasExplicit } from './config.js';
import { MiniStError } from './errors.js';

let cwd: string;
let file: string;

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mini-st-config-'));
  file = join(cwd, '.streamlit', 'config.toml');
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

async function writeToml(text: string): Promise<void> {
  await mkdir(join(cwd, '.streamlit'), { recursive: true });
  await writeFile(file, text);
}

async function failure(promise: Promise<unknown>): Promise<MiniStError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MiniStError);
  return error as MiniStError;
}

describe('loadConfig', () => {
  it('uses Streamlit defaults when nothing is set', async () => {
    const config = await loadConfig({ cwd });
    expect(config.server).toEqual({
      port: 8501,
      address: undefined,
      headless: false,
      runOnSave: false,
      baseUrlPath: '',
      corsAllowedOrigins: [],
      maxMessageSize: 16,
      disconnectedSessionTTL: 120,
      allowedHosts: [],
      frameAncestors: ["'self'"],
      shutdownGracePeriod: 10,
      maxUploadSize: 200,
    });
    expect(config.runner).toEqual({ isolation: 'worker', workers: Math.max(1, availableParallelism()), stopTimeout: 3, maxRunSeconds: undefined, maxWorkerMemoryMb: 2048 });
    expect(config.sources['server.port']).toEqual({ kind: 'default' });
    expect(config.configFile).toBeUndefined();
    expect(portWasExplicit(config)).toBe(false);
  });

  it('reads .streamlit/config.toml in the working directory', async () => {
    await writeToml(`
[server]
port = 9000
runOnSave = true
baseUrlPath = "/apps/demo/"
corsAllowedOrigins = ["https://Example.com:443/"]

[runner]
stopTimeout = 2.5
`);
    const config = await loadConfig({ cwd });
    expect(config.server.port).toBe(9000);
    expect(config.server.runOnSave).toBe(true);
    expect(config.server.baseUrlPath).toBe('apps/demo');
    expect(config.server.corsAllowedOrigins).toEqual(['https://example.com']);
    expect(config.runner.stopTimeout).toBe(2.5);
    expect(config.sources['server.port']).toEqual({ kind: 'file', file });
    expect(config.configFile).toBe(file);
    expect(portWasExplicit(config)).toBe(true);
  });

  it('ranks flags over environment over file', async () => {
    await writeToml('[server]\nport = 9000\nheadless = true\n');
    const env = { MINI_ST_SERVER_PORT: '9001', STREAMLIT_SERVER_PORT: '9002', STREAMLIT_SERVER_RUN_ON_SAVE: 'true' };
    const config = await loadConfig({ cwd, env, flags: { 'server.port': '9003' } });
    expect(config.server.port).toBe(9003);
    expect(config.sources['server.port']).toEqual({ kind: 'flag', name: '--server.port' });
    expect(config.server.runOnSave).toBe(true);
    expect(config.sources['server.runOnSave']).toEqual({ kind: 'env', name: 'STREAMLIT_SERVER_RUN_ON_SAVE' });
    expect(config.server.headless).toBe(true);

    const envOnly = await loadConfig({ cwd, env });
    expect(envOnly.server.port).toBe(9001);
    expect(envOnly.sources['server.port']).toEqual({ kind: 'env', name: 'MINI_ST_SERVER_PORT' });
  });

  it('splits list options given as text', async () => {
    const config = await loadConfig({ cwd, flags: { 'server.corsAllowedOrigins': 'http://a.test:3000, https://b.test' } });
    expect(config.server.corsAllowedOrigins).toEqual(['http://a.test:3000', 'https://b.test']);
  });

  it('names file, line and column of a TOML syntax error', async () => {
    await writeToml('[server]\nport = = 3\n');
    const error = await failure(loadConfig({ cwd }));
    expect(error.code).toBe('MST_ERR_CONFIG_SYNTAX');
    expect(error.params).toMatchObject({ file, line: 2 });
    expect(error.message).toContain(file);
  });

  it('names the key and the source of a bad value', async () => {
    await writeToml('[server]\nport = "eighty"\n');
    let error = await failure(loadConfig({ cwd }));
    expect(error.code).toBe('MST_ERR_CONFIG_VALUE');
    expect(error.message).toContain('server.port');
    expect(error.message).toContain(file);

    error = await failure(loadConfig({ cwd: tmpdir(), env: { MINI_ST_SERVER_HEADLESS: 'maybe' } }));
    expect(error.message).toContain('environment variable MINI_ST_SERVER_HEADLESS');

    error = await failure(loadConfig({ cwd: tmpdir(), flags: { 'server.port': '70000' } }));
    expect(error.message).toContain('--server.port');

    error = await failure(loadConfig({ cwd: tmpdir(), flags: { 'server.baseUrlPath': 'a/../b' } }));
    expect(error.code).toBe('MST_ERR_CONFIG_VALUE');

    error = await failure(loadConfig({ cwd: tmpdir(), flags: { 'server.corsAllowedOrigins': 'https://a.test/path' } }));
    expect(error.code).toBe('MST_ERR_CONFIG_VALUE');
  });

  it('refuses unknown keys in [server] and [runner], and unknown flags', async () => {
    await writeToml('[server]\nprot = 1\n');
    let error = await failure(loadConfig({ cwd }));
    expect(error.code).toBe('MST_ERR_CONFIG_UNKNOWN_KEY');
    expect(error.message).toContain('server.prot');

    error = await failure(loadConfig({ cwd: tmpdir(), flags: { 'server.prot': '1' } }));
    expect(error.code).toBe('MST_ERR_CONFIG_UNKNOWN_KEY');
  });

  it('accepts the rest of a Streamlit config, warning about Streamlit options it ignores', async () => {
    await writeToml(`
[theme]
primaryColor = "#F63366"
[theme.sidebar]
backgroundColor = "#fff"
[client]
toolbarMode = "minimal"
[server]
enableCORS = false
port = 8600
`);
    const config = await loadConfig({ cwd });
    expect(config.server.port).toBe(8600);
    expect(config.theme.primaryColor).toBe('#F63366');
    expect(config.warnings).toEqual([expect.stringContaining('theme.sidebar'), expect.stringContaining('server.enableCORS')]);
  });

  it('reads the hardening options: session TTL, allowed hosts, frame ancestors, shutdown grace', async () => {
    await writeToml(`
[server]
disconnectedSessionTTL = 30
allowedHosts = ["App.Example.com", ".example.org", "localhost:8501"]
frameAncestors = ["'self'", "https://Portal.example.com", "https://*.example.net"]
shutdownGracePeriod = 0
`);
    const config = await loadConfig({ cwd });
    expect(config.server).toMatchObject({
      disconnectedSessionTTL: 30,
      allowedHosts: ['app.example.com', '.example.org', 'localhost:8501'],
      frameAncestors: ["'self'", 'https://portal.example.com', 'https://*.example.net'],
      shutdownGracePeriod: 0,
    });
    expect(config.warnings).toEqual([]);

    const env = { STREAMLIT_SERVER_DISCONNECTED_SESSION_TTL: '5', MINI_ST_SERVER_FRAME_ANCESTORS: "'none'" };
    const fromEnv = await loadConfig({ cwd: tmpdir(), env });
    expect(fromEnv.server.disconnectedSessionTTL).toBe(5);
    expect(fromEnv.server.frameAncestors).toEqual(["'none'"]);
  });

  it('refuses frame-ancestors and host values that could break out of their header', async () => {
    for (const [key, value] of [
      ['server.frameAncestors', "'self'; script-src *"],
      ['server.frameAncestors', 'https://a.test/"x'],
      ['server.allowedHosts', 'evil.test/path'],
      ['server.allowedHosts', 'a.test;b.test'],
      ['server.disconnectedSessionTTL', '-1'],
    ] as const) {
      const error = await failure(loadConfig({ cwd: tmpdir(), flags: { [key]: value } }));
      expect(error.code).toBe('MST_ERR_CONFIG_VALUE');
    }
  });

  it('treats an explicitly chosen default port as explicit', async () => {
    const config = await loadConfig({ cwd, flags: { 'server.port': '8501' } });
    expect(portWasExplicit(config)).toBe(true);
  });
});

describe('formatConfigToml', () => {
  it('prints every option with its source, as TOML that loads back to the same values', async () => {
    const config = await loadConfig({
      cwd,
      flags: { 'server.port': '9100', 'server.corsAllowedOrigins': 'https://a.test,https://b.test' },
    });
    const text = formatConfigToml(config);
    expect(text).toContain('# Source: command-line flag --server.port\nport = 9100');
    expect(text).toContain('# address =');
    expect(text).toContain('corsAllowedOrigins = ["https://a.test", "https://b.test"]');

    await writeToml(text);
    const reloaded = await loadConfig({ cwd });
    expect(reloaded.server).toEqual(config.server);
    expect(reloaded.runner).toEqual(config.runner);
  });
});
