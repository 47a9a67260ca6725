/**
 * What a session survives: its page coming back after the TTL, a graceful shutdown, a script that
 * exits, throws outside its run or draws without end. Both runner modes where the fault can occur.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROTOCOL_VERSION, type DeltasMessage } from '@mini-st/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../index.js';
import type { Config } from '../config.js';
import { MAX_ELEMENTS_PER_RUN } from '../runner/run-context.js';
import { fakeConnection } from '../testing-support/fake-connection.js';
import { SessionManager } from './session-manager.js';

let dir: string;
let manager: SessionManager | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mini-st-faults-'));
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await rm(dir, { recursive: true, force: true });
});

type Isolation = 'none' | 'worker';

async function start(source: string, isolation: Isolation, server: Partial<Config['server']> = {}) {
  const file = path.join(dir, 'app.ts');
  await writeFile(file, source);
  const config = {
    server: { runOnSave: false, ...server },
    runner: { isolation, workers: 1, stopTimeout: 1, maxRunSeconds: undefined },
  } as unknown as Config;
  manager = new SessionManager({ scriptPath: file, config, log: () => {} });
  await manager.start();
}

const info = { origin: undefined, remoteAddress: '127.0.0.1', headers: {} };
const hello = (sessionId?: string) =>
  JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets: {}, page: '/', ...(sessionId ? { sessionId } : {}) });

function open(sessionId?: string) {
  const page = fakeConnection();
  const handler = manager!.open(page.connection, info);
  handler.message(hello(sessionId));
  return { ...page, handler };
}

const texts = (sent: ReturnType<typeof fakeConnection>['sent']) =>
  sent.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).flatMap((d) => (d.element?.type === 'text' ? [d.element.body] : []));

describe.each(['none', 'worker'] as const)('sessions and faults (runner.isolation = %s)', (isolation) => {
  it('starts afresh after server.disconnectedSessionTTL, and tells the page so', async () => {
    await start('import { st } from "mini-st";\nst.text("hi");\n', isolation, { disconnectedSessionTTL: 0.2 });
    const first = open();
    const { sessionId } = await first.next('session_start');
    await first.next('run_finished');
    first.handler.closed();
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(manager!.sessionCount).toBe(0);

    const second = open(sessionId);
    const started = await second.next('session_start');
    expect(started.resumed).toBe(false);
    expect(started.sessionId).not.toBe(sessionId);
    expect(await second.next('error')).toMatchObject({ code: 'MST_ERR_SESSION_EXPIRED' });
    await second.next('run_finished');
  });

  it('resumes within the TTL without a notice', async () => {
    await start('import { st } from "mini-st";\nst.text("hi");\n', isolation, { disconnectedSessionTTL: 60 });
    const first = open();
    const { sessionId } = await first.next('session_start');
    first.handler.closed();
    const second = open(sessionId);
    expect(await second.next('session_start')).toMatchObject({ resumed: true, sessionId });
    await second.next('run_finished');
    expect(second.sent.some((m) => m.type === 'error')).toBe(false);
  });

  it('drains: waits for a run in progress to finish, and turns new pages away meanwhile', async () => {
    await start('import { st } from "mini-st";\nawait new Promise((r) => setTimeout(r, 600));\nst.text("done");\n', isolation);
    const page = open();
    await page.next('run_started');
    const began = Date.now();
    const drained = manager!.drain(10_000);
    const late = open();
    expect(late.closed()).toMatchObject({ code: 1012 });
    await drained;
    expect(Date.now() - began).toBeGreaterThanOrEqual(300);
    expect(await page.next('run_finished')).toMatchObject({ status: 'ok' });
    expect(texts(page.sent)).toEqual(['done']);
  });

  it('drains no longer than the grace period', async () => {
    await start('import { st } from "mini-st";\nawait new Promise((r) => setTimeout(r, 60_000));\n', isolation);
    const page = open();
    await page.next('run_started');
    const began = Date.now();
    await manager!.drain(300);
    // Not a speed check: the run would take 60 s; returning well before proves the grace holds.
    expect(Date.now() - began).toBeLessThan(30_000);
  });

  it(`stops a run that draws more than ${MAX_ELEMENTS_PER_RUN} elements with MST_ERR_TOO_MANY_ELEMENTS`, async () => {
    // The second loop catches the error and tries to draw on: every st call fails from there.
    await start(
      'import { st } from "mini-st";\n' +
        'try { for (let i = 0; i < 150_000; i++) st.text(String(i)); } catch {}\n' +
        'st.text("after");\n',
      isolation,
    );
    const page = open();
    const finished = await page.next('run_finished');
    expect(finished.status).toBe('error');
    const deltas = page.sent.filter((m): m is DeltasMessage => m.type === 'deltas').flatMap((m) => m.deltas);
    expect(deltas.length).toBeLessThanOrEqual(MAX_ELEMENTS_PER_RUN + 1);
    const exception = deltas.at(-1)!.element;
    expect(exception).toMatchObject({ type: 'exception', code: 'MST_ERR_TOO_MANY_ELEMENTS' });
    expect(texts(page.sent)).not.toContain('after');
  }, 60_000);
});

describe('script faults in worker threads', () => {
  it("contains a script's process.exit(): the worker is replaced, the page told, and the session reruns", async () => {
    await start(
      'import { st } from "mini-st";\nif (st.button("exit")) process.exit(3);\nst.text("alive");\n',
      'worker',
    );
    const page = open();
    const first = await page.next('deltas');
    await page.next('run_finished');
    const button = first.deltas.find((d) => d.element?.type === 'button')!.element as { id: string };
    page.handler.message(JSON.stringify({ type: 'rerun', widgets: {}, trigger: button.id }));
    expect(await page.next('error')).toMatchObject({ code: 'MST_ERR_WORKER_CRASHED', message: expect.stringContaining('process.exit()') });
    const rerun = await page.next('run_finished', (m) => m.status === 'ok' && m.runId > 2);
    expect(rerun.status).toBe('ok');
    expect(manager!.sessionCount).toBe(1);
  });

  it('contains a stray rejection and a throw in a timer: the worker and its sessions live on', async () => {
    await start(
      'import { st } from "mini-st";\n' +
        'st.session_state.runs = (st.session_state.runs ?? 0) + 1;\n' +
        'Promise.reject(new Error("stray"));\n' +
        'setTimeout(() => { throw new Error("late"); }, 0);\n' +
        'st.text(`runs=${st.session_state.runs}`);\n',
      'worker',
    );
    const page = open();
    await page.next('run_finished');
    await new Promise((resolve) => setTimeout(resolve, 200));
    page.handler.message(JSON.stringify({ type: 'rerun', widgets: {} }));
    await page.next('run_finished', (m) => m.runId === 2);
    // session_state survived: the thread was not replaced.
    expect(texts(page.sent)).toContain('runs=2');
    expect(page.sent.some((m) => m.type === 'error')).toBe(false);
  });
});
