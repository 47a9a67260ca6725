/**
 * Fragment reruns through the whole server side, with scripts in worker threads: the page's
 * `rerun.fragmentId` reaches the runner, the wire shows a fragment run, and a fragment's request
 * during a long full run neither interrupts it nor gets its worker replaced.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROTOCOL_VERSION, type ServerMessage } from '@mini-st/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../index.js';
import type { Config } from '../config.js';
import { fakeConnection } from '../testing-support/fake-connection.js';
import { SessionManager } from './session-manager.js';

let dir: string;
let manager: SessionManager | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mini-st-fragments-'));
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(source: string) {
  const file = path.join(dir, 'app.ts');
  await writeFile(file, source);
  const config = { server: { runOnSave: false }, runner: { isolation: 'worker', workers: 1, stopTimeout: 0.3 } } as unknown as Config;
  manager = new SessionManager({ scriptPath: file, config, log: () => {} });
  await manager.start();
  const page = fakeConnection();
  const handler = manager.open(page.connection, { origin: undefined, remoteAddress: '', headers: {} });
  handler.message(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets: {}, page: '/' }));
  return { ...page, send: (message: object) => handler.message(JSON.stringify(message)) };
}

function widget(sent: ServerMessage[], label: string): { id: string; fragmentId?: string } {
  for (const message of sent) {
    if (message.type !== 'deltas') continue;
    const found = message.deltas.find((d) => d.element && 'label' in d.element && d.element.label === label);
    if (found?.element && 'id' in found.element) return found.element;
  }
  throw new Error(`no widget ${label} sent`);
}

const APP = [
  'import { st } from "mini-st";',
  'st.session_state.runs = (st.session_state.runs ?? 0) + 1;',
  'st.text(`runs ${st.session_state.runs}`);',
  'st.fragment(() => {',
  '  st.session_state.clicks ??= 0;',
  '  if (st.button("inside")) st.session_state.clicks += 1;',
  '  st.text(`clicks ${st.session_state.clicks}`);',
  '})();',
  // The app waits here (a slow full run) while the checkbox is on.
  'if (st.checkbox("slow")) await new Promise((resolve) => setTimeout(resolve, 900));',
  'st.text("end");',
].join('\n');

describe('fragment reruns through a session', () => {
  it('reruns only the fragment a page names, and says so on the wire', async () => {
    const page = await start(APP);
    await page.next('run_finished', (m) => m.runId === 1);
    const button = widget(page.sent, 'inside');
    expect(button.fragmentId).toMatch(/-0\.1$/);
    page.send({ type: 'rerun', widgets: {}, trigger: button.id, fragmentId: button.fragmentId });
    const started = await page.next('run_started', (m) => m.runId === 2);
    expect(started.fragments).toEqual(['0.1']);
    const finished = await page.next('run_finished', (m) => m.runId === 2);
    expect(finished).toMatchObject({ status: 'ok', counts: { '0.1': 2 } });
    const deltas = page.sent.filter((m) => m.type === 'deltas' && m.runId === 2).flatMap((m) => (m.type === 'deltas' ? m.deltas : []));
    expect(deltas.map((d) => d.element && 'body' in d.element && d.element.body)).toEqual(['clicks 1']);
  });

  it('lets a slow full run finish when a fragment asks to rerun meanwhile, and runs the fragment after it', async () => {
    const page = await start(APP);
    await page.next('run_finished', (m) => m.runId === 1);
    const button = widget(page.sent, 'inside');
    page.send({ type: 'rerun', widgets: { [widget(page.sent, 'slow').id]: true } });
    await page.next('run_started', (m) => m.runId === 2);
    page.send({ type: 'rerun', widgets: {}, trigger: button.id, fragmentId: button.fragmentId });
    // Past the stop timeout (0.3 s): the full run was not treated as one that would not stop.
    const full = await page.next('run_finished', (m) => m.runId === 2);
    expect(full.status).toBe('ok');
    const fragment = await page.next('run_finished', (m) => m.runId === 3);
    expect(fragment.status).toBe('ok');
    expect(page.sent.find((m) => m.type === 'run_started' && m.runId === 3)).toMatchObject({ fragments: ['0.1'] });
    expect(page.sent.filter((m) => m.type === 'error')).toEqual([]);
  });

  it('refuses a fragment id that is not a string', async () => {
    const page = await start(APP);
    await page.next('run_finished', (m) => m.runId === 1);
    page.send({ type: 'rerun', widgets: {}, fragmentId: 42 });
    const error = await page.next('error');
    expect(error.code).toBe('MST_ERR_PROTOCOL');
  });
});
