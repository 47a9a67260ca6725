/**
 * Multipage apps through a real session, in both isolation modes: the page's address (under the
 * base path) picks the page on connect and after back/forward, and st.switch_page moves the
 * session's address, so a login started later returns to the page shown.
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
  dir = await mkdtemp(path.join(tmpdir(), 'mini-st-nav-session-'));
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await rm(dir, { recursive: true, force: true });
});

const APP = `import { st } from "mini-st";
function home() { st.title("Home"); if (st.button("Go")) st.switch_page("second"); }
function second() { st.title("Second"); }
await st.navigation([st.Page(home), st.Page(second)]).run();
`;

function titles(sent: ServerMessage[]): string[] {
  return sent.flatMap((m) => (m.type === 'deltas' ? m.deltas.flatMap((d) => (d.element?.type === 'heading' ? [d.element.body] : [])) : []));
}

describe.each(['none', 'worker'] as const)('navigation in a session (runner.isolation = %s)', (isolation) => {
  it('shows the page the address names under the base path, and follows back/forward and switch_page', async () => {
    const file = path.join(dir, 'app.ts');
    await writeFile(file, APP);
    const config = { server: { runOnSave: false, baseUrlPath: 'apps/demo' }, runner: { isolation, workers: 1, stopTimeout: 1 } } as unknown as Config;
    manager = new SessionManager({ scriptPath: file, config, log: () => {} });
    await manager.start();
    const page = fakeConnection();
    const handler = manager.open(page.connection, { origin: undefined, remoteAddress: '127.0.0.1', headers: {} });
    handler.message(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets: {}, page: '/apps/demo/second?x=1' }));
    const first = await page.next('navigation');
    expect(first).toMatchObject({ current: 'second', replace: true });
    await page.next('run_finished');
    expect(titles(page.sent)).toEqual(['Second']);

    // Back to the app's own address: the default page.
    page.sent.length = 0;
    handler.message(JSON.stringify({ type: 'rerun', widgets: {}, page: '/apps/demo/' }));
    await page.next('run_finished', (m) => m.status === 'ok');
    expect(titles(page.sent)).toEqual(['Home']);
    const go = page.sent.flatMap((m) => (m.type === 'deltas' ? m.deltas.flatMap((d) => (d.element?.type === 'button' ? [d.element.id] : [])) : []))[0]!;

    // The script switches page: a new history entry for /second.
    page.sent.length = 0;
    handler.message(JSON.stringify({ type: 'rerun', widgets: {}, trigger: go }));
    await page.next('navigation', (m) => m.current === 'second');
    await page.next('run_finished', (m) => m.status === 'ok');
    expect(page.sent.filter((m) => m.type === 'navigation').at(-1)).toMatchObject({ current: 'second', replace: false });
    expect(titles(page.sent)).toContain('Second');

    // An unchanged menu is not sent again.
    page.sent.length = 0;
    handler.message(JSON.stringify({ type: 'rerun', widgets: {} }));
    await page.next('run_finished', (m) => m.status === 'ok');
    expect(page.sent.filter((m) => m.type === 'navigation')).toEqual([]);
  });
});
