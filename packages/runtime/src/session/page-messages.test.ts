/**
 * Messages beside the tree, through a real session and runner in both isolation modes: the page's
 * address reaches `st.query_params`, a write in the script reaches the page, back/forward (a
 * rerun carrying `page`) reruns with the new query, and toasts and page config pass through.
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
import { parseClientMessage } from './validate.js';

let dir: string;
let manager: SessionManager | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mini-st-page-messages-'));
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await rm(dir, { recursive: true, force: true });
});

const SCRIPT = `import { st } from "mini-st";
st.set_page_config({ page_title: "Query", layout: "wide" });
st.text(\`tab=\${st.query_params.tab ?? "none"}\`);
st.query_params.seen = "1";
st.toast("hello", { icon: "👋" });
`;

function texts(messages: ServerMessage[]): string[] {
  return messages.flatMap((m) => (m.type === 'deltas' ? m.deltas.flatMap((d) => (d.element?.type === 'text' ? [d.element.body] : [])) : []));
}

describe.each(['none', 'worker'] as const)('query params, toasts and page config (runner.isolation = %s)', (isolation) => {
  it('reads the page query, sends writes and toasts to the page, and follows back/forward', async () => {
    const file = path.join(dir, 'app.ts');
    await writeFile(file, SCRIPT);
    const config = { server: { runOnSave: false }, runner: { isolation, workers: 1, stopTimeout: 1, maxRunSeconds: undefined } } as unknown as Config;
    manager = new SessionManager({ scriptPath: file, config, log: () => {} });
    await manager.start();
    const page = fakeConnection();
    const handler = manager.open(page.connection, { origin: undefined, remoteAddress: '127.0.0.1', headers: {} });
    handler.message(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets: {}, page: '/app?tab=a' }));
    await page.next('run_finished');
    expect(texts(page.sent)).toEqual(['tab=a']);
    expect(page.sent.filter((m) => m.type === 'query_params' || m.type === 'toast' || m.type === 'page_config')).toEqual([
      { type: 'page_config', title: 'Query', layout: 'wide' },
      { type: 'query_params', query: '?tab=a&seen=1' },
      { type: 'toast', body: 'hello', icon: '👋', duration: 4 },
    ]);

    // Back: the page reports its address again; the script sees the older query.
    handler.message(JSON.stringify({ type: 'rerun', widgets: {}, page: '/app?tab=b' }));
    await page.next('run_finished', (m) => m.runId === 2);
    expect(texts(page.sent)).toEqual(['tab=a', 'tab=b']);
    expect(page.sent.filter((m) => m.type === 'query_params').at(-1)).toEqual({ type: 'query_params', query: '?tab=b&seen=1' });
  });
});

describe('validating rerun.page', () => {
  it('accepts a page address and refuses anything else', () => {
    expect(parseClientMessage(JSON.stringify({ type: 'rerun', widgets: {}, page: '/?a=1' }))).toEqual({ type: 'rerun', widgets: {}, page: '/?a=1' });
    expect(() => parseClientMessage(JSON.stringify({ type: 'rerun', widgets: {}, page: 5 }))).toThrow(/rerun.page/);
  });
});
