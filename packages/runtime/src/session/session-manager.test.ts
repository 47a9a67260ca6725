import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROTOCOL_VERSION, type ServerMessage } from '@mini-st/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../index.js';
import type { UserIdentity } from '../auth/types.js';
import type { Config } from '../config.js';
import { SessionManager } from './session-manager.js';
import { fakeConnection } from '../testing-support/fake-connection.js';

let dir: string;
let manager: SessionManager | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mini-st-sessions-'));
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await rm(dir, { recursive: true, force: true });
});

type Isolation = 'none' | 'worker';

function config(runOnSave = false, isolation: Isolation = 'none', extra: Partial<Config['runner']> = {}): Config {
  return {
    server: { runOnSave },
    runner: { isolation, workers: 2, stopTimeout: 1, maxRunSeconds: undefined, ...extra },
  } as unknown as Config;
}

let isolation: Isolation = 'none';

async function start(source: string, runOnSave = false) {
  const file = path.join(dir, 'app.ts');
  await writeFile(file, source);
  manager = new SessionManager({ scriptPath: file, config: config(runOnSave, isolation), log: () => {} });
  await manager.start();
  return file;
}

const hello = (sessionId?: string, widgets = {}) =>
  JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets, page: '/', ...(sessionId ? { sessionId } : {}) });

describe.each(['none', 'worker'] as const)('SessionManager (runner.isolation = %s)', (mode) => {
  beforeEach(() => {
    isolation = mode;
  });

  it('starts a session on hello and runs the script', async () => {
    await start('import { st } from "mini-st";\nst.title("Hi");\n');
    const page = fakeConnection();
    manager!.open(page.connection, { origin: undefined, remoteAddress: '127.0.0.1', headers: {} }).message(hello());
    const started = await page.next('session_start');
    expect(started).toMatchObject({ resumed: false, scriptName: 'app.ts' });
    await page.next('run_finished');
    expect(page.sent.map((m) => m.type)).toEqual(['session_start', 'run_started', 'deltas', 'run_finished']);
  });

  it('resumes a session after a reconnect with its widget values', async () => {
    await start('import { st } from "mini-st";\nconst n = st.slider("n");\nst.text(`n=${n}`);\n');
    const first = fakeConnection();
    const handler = manager!.open(first.connection, { origin: undefined, remoteAddress: '', headers: {} });
    handler.message(hello());
    const { sessionId } = await first.next('session_start');
    const firstRun = await first.next('deltas');
    const slider = firstRun.deltas.find((d) => d.element?.type === 'slider')!.element as { id: string };
    handler.message(JSON.stringify({ type: 'rerun', widgets: { [slider.id]: 42 } }));
    await first.next('run_finished', (m) => m.runId === 2);
    handler.closed();

    const second = fakeConnection();
    manager!.open(second.connection, { origin: undefined, remoteAddress: '', headers: {} }).message(hello(sessionId));
    expect(await second.next('session_start')).toMatchObject({ resumed: true, sessionId });
    const deltas = await second.next('deltas');
    expect(deltas.deltas.map((d) => d.element?.type === 'text' && d.element.body)).toContain('n=42');
    expect(manager!.sessionCount).toBe(1);
  });

  it('answers a malformed first frame with an error and closes the socket', async () => {
    await start('import { st } from "mini-st";\n');
    const page = fakeConnection();
    manager!.open(page.connection, { origin: undefined, remoteAddress: '', headers: {} }).message('{"type":"rerun","widgets":{}}');
    expect(page.sent[0]).toMatchObject({ type: 'error', code: 'MST_ERR_PROTOCOL' });
    expect(page.closed()).toMatchObject({ code: 1008 });
    expect(manager!.sessionCount).toBe(0);
  });

  it('keeps serving other sessions when one script run throws', async () => {
    await start('import { st } from "mini-st";\nif (st.checkbox("boom")) throw new Error("boom");\nst.text("fine");\n');
    const a = fakeConnection();
    const b = fakeConnection();
    const ha = manager!.open(a.connection, { origin: undefined, remoteAddress: '', headers: {} });
    ha.message(hello());
    manager!.open(b.connection, { origin: undefined, remoteAddress: '', headers: {} }).message(hello());
    const first = await a.next('deltas');
    await a.next('run_finished');
    const box = first.deltas.find((d) => d.element?.type === 'checkbox')!.element as { id: string };
    ha.message(JSON.stringify({ type: 'rerun', widgets: { [box.id]: true } }));
    expect(await a.next('run_finished', (m) => m.runId === 2)).toMatchObject({ status: 'error' });
    expect(await b.next('run_finished')).toMatchObject({ status: 'ok' });
  });

  it('reruns open sessions when the script is saved with runOnSave', async () => {
    const file = await start('import { st } from "mini-st";\nst.text("v1");\n', true);
    const page = fakeConnection();
    manager!.open(page.connection, { origin: undefined, remoteAddress: '', headers: {} }).message(hello());
    await page.next('run_finished');
    await writeFile(file, 'import { st } from "mini-st";\nst.text("v2");\n');
    const update = await page.next('deltas', (m) => m.deltas.some((d) => d.element?.type === 'text' && d.element.body === 'v2'));
    expect(update.runId).toBe(2);
  });

  it('offers a rerun instead when runOnSave is off', async () => {
    const file = await start('import { st } from "mini-st";\nst.text("v1");\n', false);
    const page = fakeConnection();
    manager!.open(page.connection, { origin: undefined, remoteAddress: '', headers: {} }).message(hello());
    await page.next('run_finished');
    await writeFile(file, 'import { st } from "mini-st";\nst.text("v2");\n');
    await page.next('source_changed');
  });
});

describe('SessionManager with an auth gateway', () => {
  function fakeGateway() {
    const listeners: Array<(browserId: string, user: UserIdentity | null) => void> = [];
    return {
      listeners,
      checkLogin: (provider: string | undefined) => {
        if (provider === 'nope') throw new Error('unknown provider nope');
      },
      loginUrl: ({ provider, page, browserId }: { provider: string | undefined; page: string; browserId: string }) =>
        `/auth/login?provider=${provider ?? ''}&page=${encodeURIComponent(page)}&b=${browserId}`,
      logoutUrl: ({ page }: { page: string; browserId: string }) => `/auth/logout?page=${encodeURIComponent(page)}`,
      onIdentityChange: (listener: (browserId: string, user: UserIdentity | null) => void) => {
        listeners.push(listener);
        return () => listeners.splice(listeners.indexOf(listener), 1);
      },
    };
  }

  async function startWithAuth(source: string) {
    const file = path.join(dir, 'app.ts');
    await writeFile(file, source);
    const gateway = fakeGateway();
    manager = new SessionManager({ scriptPath: file, config: config(), auth: gateway, log: () => {} });
    await manager.start();
    return gateway;
  }

  const info = (browserId: string, name?: string) => ({
    origin: undefined,
    remoteAddress: '',
    headers: {},
    identity: { browserId, user: name ? { claims: { sub: name, name }, tokens: {} } : null },
  });

  const app = [
    'import { st } from "mini-st";',
    'st.text("ready");',
    'if (st.button("in")) st.login();',
    'if (st.button("bad")) st.login("nope");',
    'if (st.button("out")) st.logout();',
  ].join('\n');

  it('sends the page to the login route with its page and browser', async () => {
    await startWithAuth(app);
    const page = fakeConnection();
    const handler = manager!.open(page.connection, info('b1'));
    handler.message(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets: {}, page: '/x?y=1' }));
    const first = await page.next('deltas');
    await page.next('run_finished');
    const button = (label: string) => (first.deltas.find((d) => d.element?.type === 'button' && d.element.label === label)!.element as { id: string }).id;
    handler.message(JSON.stringify({ type: 'rerun', widgets: {}, trigger: button('in') }));
    expect(await page.next('navigate')).toEqual({ type: 'navigate', url: '/auth/login?provider=&page=%2Fx%3Fy%3D1&b=b1' });
    handler.message(JSON.stringify({ type: 'rerun', widgets: {}, trigger: button('bad') }));
    const failed = await page.next('run_finished', (m) => m.runId === 3);
    expect(failed.status).toBe('error');
  });

  it('refuses to resume a session from another browser', async () => {
    await startWithAuth(app);
    const first = fakeConnection();
    manager!.open(first.connection, info('b1')).message(hello());
    const { sessionId } = await first.next('session_start');
    const thief = fakeConnection();
    manager!.open(thief.connection, info('b2')).message(hello(sessionId));
    const started = await thief.next('session_start');
    expect(started.resumed).toBe(false);
    expect(started.sessionId).not.toBe(sessionId);
  });

  it('reruns the other tabs of a browser when its identity changes', async () => {
    const gateway = await startWithAuth(app);
    const tab = fakeConnection();
    manager!.open(tab.connection, info('b1')).message(hello());
    await tab.next('run_finished');
    const other = fakeConnection();
    manager!.open(other.connection, info('b2')).message(hello());
    await other.next('run_finished');
    for (const listener of gateway.listeners) listener('b1', null);
    await tab.next('run_finished', (m) => m.runId === 2);
    expect(other.sent.filter((m) => m.type === 'run_started')).toHaveLength(1);
  });
});
