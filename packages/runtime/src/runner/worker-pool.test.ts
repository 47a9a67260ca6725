import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROTOCOL_VERSION } from '@mini-st/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../index.js';
import type { Config } from '../config.js';
import { SessionManager } from '../session/session-manager.js';
import { fakeConnection } from '../testing-support/fake-connection.js';

let dir: string;
let manager: SessionManager | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mini-st-workers-'));
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(source: string, runner: Partial<Config['runner']> = {}) {
  const file = path.join(dir, 'app.ts');
  await writeFile(file, source);
  const config = {
    server: { runOnSave: false },
    runner: { isolation: 'worker', workers: 2, stopTimeout: 0.5, maxRunSeconds: undefined, ...runner },
  } as unknown as Config;
  manager = new SessionManager({ scriptPath: file, config, log: () => {} });
  await manager.start();
}

function connect() {
  const page = fakeConnection();
  const handler = manager!.open(page.connection, { origin: undefined, remoteAddress: '', headers: {} });
  handler.message(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets: {}, page: '/' }));
  return { ...page, handler, send: (message: object) => handler.message(JSON.stringify(message)) };
}

/** The id of the first widget element of a kind in what a page has been sent. */
function widgetId(page: ReturnType<typeof connect>, type: string): string {
  for (const message of page.sent) {
    if (message.type !== 'deltas') continue;
    const found = message.deltas.find((d) => d.element?.type === type);
    if (found?.element && 'id' in found.element) return found.element.id;
  }
  throw new Error(`no ${type} sent`);
}

const LOOPING_APP = [
  'import { st } from "mini-st";',
  'const n = st.slider("n");',
  'st.text(`n=${n}`);',
  'if (st.checkbox("spin")) { while (true) {} }',
].join('\n');

describe('WorkerPool', () => {
  it('keeps other sessions rerunning while one spins in a loop without st calls', async () => {
    await start(LOOPING_APP);
    const spinner = connect();
    const healthy = connect();
    await spinner.next('run_finished');
    await healthy.next('run_finished');
    spinner.send({ type: 'rerun', widgets: { [widgetId(spinner, 'checkbox')]: true } });
    await spinner.next('run_started', (m) => m.runId === 2);
    const slider = widgetId(healthy, 'slider');
    for (let value = 1; value <= 3; value++) {
      healthy.send({ type: 'rerun', widgets: { [slider]: value } });
      const finished = await healthy.next('run_finished', (m) => m.runId === value + 1);
      expect(finished.status).toBe('ok');
    }
    expect(spinner.sent.some((m) => m.type === 'run_finished' && m.runId === 2)).toBe(false);
  });

  it('tells the page of every run once, whether it ends at once, waits, or never yields', async () => {
    await start(
      [
        'import { st } from "mini-st";',
        'const n = st.slider("n");',
        'if (st.checkbox("wait")) await new Promise((resolve) => setTimeout(resolve, 50));',
        'st.text(`n=${n}`);',
        'if (st.checkbox("spin")) { while (true) {} }',
      ].join('\n'),
    );
    const page = connect();
    await page.next('run_finished');
    const slider = widgetId(page, 'slider');
    const [wait, spin] = page.sent
      .flatMap((m) => (m.type === 'deltas' ? m.deltas : []))
      .flatMap((d) => (d.element?.type === 'checkbox' ? [d.element.id] : []));
    // Runs that end at once.
    for (let value = 1; value <= 3; value++) {
      page.send({ type: 'rerun', widgets: { [slider]: value } });
      await page.next('run_finished', (m) => m.runId === value + 1);
    }
    // A run that waits on a timer.
    page.send({ type: 'rerun', widgets: { [wait!]: true } });
    expect(await page.next('run_finished', (m) => m.runId === 5)).toMatchObject({ status: 'ok' });
    // A run that never yields must still be known, to offer Stop and to stop it.
    page.send({ type: 'rerun', widgets: { [wait!]: false, [spin!]: true } });
    await page.next('run_started', (m) => m.runId === 6);
    const started = page.sent.flatMap((m) => (m.type === 'run_started' ? [m.runId] : []));
    expect(started).toEqual([1, 2, 3, 4, 5, 6]);
    expect(page.sent.some((m) => m.type === 'run_finished' && m.runId === 6)).toBe(false);
  });

  it('stops a spinning script forcibly after stopTimeout and keeps its widget values', async () => {
    await start(LOOPING_APP);
    const page = connect();
    await page.next('run_finished');
    page.send({ type: 'rerun', widgets: { [widgetId(page, 'slider')]: 42 } });
    await page.next('run_finished', (m) => m.runId === 2);
    const checkbox = widgetId(page, 'checkbox');
    page.send({ type: 'rerun', widgets: { [checkbox]: true } });
    await page.next('run_started', (m) => m.runId === 3);
    page.send({ type: 'stop' });
    const ended = await page.next('run_finished', (m) => m.runId === 3);
    expect(ended.status).toBe('stopped');
    expect(await page.next('error')).toMatchObject({ code: 'MST_ERR_SCRIPT_STOPPED_FORCIBLY' });
    // The fresh runner reruns from the page's values: the slider keeps 42, and the checkbox is
    // still on, so it spins again: stop it once more and switch the checkbox off.
    await page.next('run_started', (m) => m.runId === 4);
    page.send({ type: 'rerun', widgets: { [checkbox]: false } });
    await page.next('run_finished', (m) => m.runId > 4 && m.status === 'ok');
    const texts = page.sent.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).flatMap((d) => (d.element?.type === 'text' ? [d.element.body] : []));
    expect(texts.at(-1)).toBe('n=42');
  });

  it('contains a worker that runs out of memory', async () => {
    await start(
      [
        'import { st } from "mini-st";',
        'st.text("alive");',
        'if (st.checkbox("hog")) { const hog: number[][] = []; while (true) hog.push(new Array(1e6).fill(1)); }',
      ].join('\n'),
      { workers: 1, maxWorkerMemoryMb: 64 },
    );
    const page = connect();
    await page.next('run_finished');
    page.send({ type: 'rerun', widgets: { [widgetId(page, 'checkbox')]: true } });
    expect(await page.next('error')).toMatchObject({ code: 'MST_ERR_WORKER_CRASHED' });
    await page.next('run_finished', (m) => m.runId === 2 && m.status === 'stopped');
  });

  it('stops a run that exceeds maxRunSeconds with a clear message', async () => {
    await start(
      ['import { st } from "mini-st";', 'for (let i = 0; ; i++) { await new Promise((r) => setTimeout(r, 20)); st.text(`tick`); }'].join('\n'),
      { maxRunSeconds: 0.2 },
    );
    const page = connect();
    const finished = await page.next('run_finished');
    expect(finished.status).toBe('stopped');
    const limit = page.sent.find((m) => m.type === 'deltas' && m.deltas.some((d) => d.element?.type === 'exception'));
    expect(JSON.stringify(limit)).toContain('MST_ERR_RUN_TIME_LIMIT');
  });
});
