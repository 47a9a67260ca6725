/**
 * Media and uploads through the real session layer, with scripts in the main thread and in worker
 * threads: bytes reach the storage (transferred from a worker), a session holds what its page
 * shows and lets go of the rest when a run finishes, uploads reach the script synchronously, and
 * a session's end releases everything.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PROTOCOL_VERSION, type FileUploaderElement } from '@mini-st/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../index.js';
import type { Config } from '../config.js';
import { SessionManager } from '../session/session-manager.js';
import { fakeConnection } from '../testing-support/fake-connection.js';

const SCRIPT = `
import { st } from "mini-st";
const png = (n: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, n, n, n]);
const which = st.number_input("which", { value: 0 });
st.image(png(which));
const file = st.file_uploader("File");
st.text(file ? file.name + ":" + file.text() : "no file");
`;

let dir: string;
let manager: SessionManager | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'mini-st-media-'));
});
afterEach(async () => {
  await manager?.close();
  manager = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe.each(['none', 'worker'] as const)('media through sessions (runner.isolation = %s)', (isolation) => {
  it('stores, holds, releases, and takes uploads', async () => {
    const file = path.join(dir, 'app.ts');
    await writeFile(file, SCRIPT);
    const config = { server: { runOnSave: false, maxUploadSize: 5 }, runner: { isolation, workers: 1, stopTimeout: 1, maxRunSeconds: undefined } } as unknown as Config;
    manager = new SessionManager({ scriptPath: file, config, log: () => {} });
    await manager.start();
    const store = manager.media.store;
    const page = fakeConnection();
    const handler = manager.open(page.connection, { origin: undefined, remoteAddress: '127.0.0.1', headers: {} });
    handler.message(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets: {}, page: '/' }));
    const start = await page.next('session_start');
    expect(start).toMatchObject({ uploadToken: expect.any(String), maxUploadSizeMb: 5 });
    await page.next('run_finished', (m) => m.runId === 1);

    const elements = page.sent.flatMap((m) => (m.type === 'deltas' ? m.deltas.flatMap((d) => (d.element ? [d.element] : [])) : []));
    const imageUrl = (elements.find((e) => e.type === 'image') as { images: { url: string }[] }).images[0]!.url;
    const first = imageUrl.split('/').pop()!;
    expect(store.get(first)).toMatchObject({ mimetype: 'image/png', refs: 1 });
    expect(store.get(first)!.bytes.byteLength).toBe(11);

    // An upload through the route's target, then the page's value: the script reads it at once.
    const uploader = elements.find((e): e is FileUploaderElement => e.type === 'file_uploader')!;
    const target = manager.media.uploadTarget(start.sessionId, start.uploadToken)!;
    expect(manager.media.uploadTarget(start.sessionId, 'forged')).toBeUndefined();
    const info = target.upload(uploader.id, 'a.txt', 'text/plain', new TextEncoder().encode('hello'));
    const numberId = (elements.find((e) => e.type === 'number_input') as { id: string }).id;
    handler.message(JSON.stringify({ type: 'rerun', widgets: { [uploader.id]: info.fileId, [numberId]: 1 } }));
    await page.next('run_finished', (m) => m.runId === 2);
    const texts = page.sent.flatMap((m) => (m.type === 'deltas' ? m.deltas.flatMap((d) => (d.element?.type === 'text' ? [d.element.body] : [])) : []));
    expect(texts.at(-1)).toBe('a.txt:hello');

    // The second run showed another picture: the first is let go, the second held.
    const second = [...new Set(page.sent.flatMap((m) => (m.type === 'deltas' ? m.deltas.flatMap((d) => (d.element?.type === 'image' ? [d.element.images[0]!.url] : [])) : [])))]
      .map((url) => url.split('/').pop()!)
      .find((id) => id !== first)!;
    expect(store.get(first)?.refs ?? 0).toBe(0);
    expect(store.get(second)?.refs).toBe(1);

    // The session ends: it lets go, and the file waits out its grace.
    manager.session(start.sessionId)!.dispose();
    expect(store.get(second)).toMatchObject({ refs: 0, releasedAt: expect.any(Number) });
    expect(target.uploadedBytes).toBe(0);
  });
});
