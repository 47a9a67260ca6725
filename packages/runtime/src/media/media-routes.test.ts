import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import type { SessionToRunner } from '../runner/messages.js';
import { buildServer } from '../server/build-server.js';
import { silentLogger } from '../server/logger.js';
import { FakeHub, makeStaticFixture } from '../server/test-support.js';
import { createMediaHub } from './media-hub.js';
import { contentDisposition } from './media-routes.js';
import { MediaStore } from './media-store.js';
import { SessionMedia } from './session-media.js';

const ID = `${'a'.repeat(40)}.mp4`;
const DOWNLOAD = `${'b'.repeat(40)}.txt`;
const VIDEO = Uint8Array.from({ length: 1000 }, (_, i) => i % 256);

let fixture: Awaited<ReturnType<typeof makeStaticFixture>>;
let app: FastifyInstance;
let store: MediaStore;
let session: SessionMedia;
let posted: SessionToRunner[];

beforeEach(async () => {
  fixture = await makeStaticFixture();
  store = new MediaStore();
  posted = [];
  session = new SessionMedia(store, 1, (message) => posted.push(message));
  session.delta({ path: [0, 0], element: { type: 'file_uploader', id: 'up', label: 'Up', disabled: false, labelVisibility: 'visible', value: '', files: [], accept: ['.csv'], multiple: true } });
  store.add({ id: ID, mimetype: 'video/mp4', bytes: VIDEO });
  store.add({ id: DOWNLOAD, mimetype: 'text/plain', bytes: new TextEncoder().encode('hello'), fileName: 'résumé "v2".txt' });
  const hub = Object.assign(new FakeHub(), { media: createMediaHub(store, (id) => (id === 'S1' ? { files: session } : undefined)) });
  const config = await loadConfig({ cwd: fixture.dir, flags: { 'server.maxUploadSize': '1' } });
  app = await buildServer({ config, hub, staticDir: fixture.dir, logger: silentLogger });
});
afterEach(async () => {
  await app.close();
  store.close();
  await fixture.remove();
});

const upload = (headers: Record<string, string> = {}, body: string | Buffer = 'a,b\n1,2', url = '/_stcore/upload_file/S1/up') =>
  app.inject({
    method: 'PUT',
    url,
    headers: { host: 'localhost:8501', origin: 'http://localhost:8501', 'sec-fetch-site': 'same-origin', 'x-mini-st-upload-token': session.uploadToken, 'x-mini-st-file-name': encodeURIComponent('dätä.csv'), 'content-type': 'text/csv', ...headers },
    body,
  });

describe('GET /_stcore/media', () => {
  it('serves a stored file with its type, long caching, ranges advertised and a sandboxing CSP', async () => {
    const res = await app.inject({ url: `/_stcore/media/${ID}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('video/mp4');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['cache-control']).toContain('max-age=31536000');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.rawPayload.equals(Buffer.from(VIDEO))).toBe(true);
  });

  it('answers a Range with 206 and exactly those bytes', async () => {
    const res = await app.inject({ url: `/_stcore/media/${ID}`, headers: { range: 'bytes=100-199' } });
    expect(res.statusCode).toBe(206);
    expect(res.headers['content-range']).toBe('bytes 100-199/1000');
    expect([...res.rawPayload]).toEqual([...VIDEO.subarray(100, 200)]);
  });

  it('answers an unsatisfiable Range with 416 and the size', async () => {
    const res = await app.inject({ url: `/_stcore/media/${ID}`, headers: { range: 'bytes=5000-' } });
    expect(res.statusCode).toBe(416);
    expect(res.headers['content-range']).toBe('bytes */1000');
    expect(res.json().code).toBe('MST_ERR_MEDIA_RANGE');
  });

  it('serves a download as an attachment under its encoded name', async () => {
    const res = await app.inject({ url: `/_stcore/media/${DOWNLOAD}` });
    expect(res.headers['content-disposition']).toBe(contentDisposition('résumé "v2".txt'));
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''r%C3%A9sum%C3%A9%20%22v2%22.txt");
    expect(res.body).toBe('hello');
  });

  it('answers 404 with a code for unknown and malformed names', async () => {
    for (const name of [`${'c'.repeat(40)}.png`, '..%2Fsecret.txt', 'x']) {
      const res = await app.inject({ url: `/_stcore/media/${name}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('MST_ERR_MEDIA_NOT_FOUND');
    }
  });
});

describe('PUT /_stcore/upload_file', () => {
  it('takes a file from the session\'s own page and hands it to the runner', async () => {
    const res = await upload();
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: 'dätä.csv', type: 'text/csv', size: 7 });
    const message = posted.at(-1);
    expect(message?.type === 'upload' && new TextDecoder().decode(new Uint8Array(message.file.bytes))).toBe('a,b\n1,2');
  });

  it('refuses another session, a wrong token, and no token', async () => {
    for (const [url, headers] of [
      ['/_stcore/upload_file/S2/up', {}],
      ['/_stcore/upload_file/S1/up', { 'x-mini-st-upload-token': 'wrong' }],
    ] as const) {
      const res = await upload(headers, 'x', url);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('MST_ERR_UPLOAD_SESSION');
    }
    const res = await app.inject({ method: 'PUT', url: '/_stcore/upload_file/S1/up', headers: { 'content-type': 'text/csv', 'x-mini-st-file-name': 'a.csv' }, body: 'x' });
    expect(res.statusCode).toBe(403);
    expect(posted).toEqual([]);
  });

  it('refuses cross-site requests', async () => {
    const foreign = await upload({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('MST_ERR_UPLOAD_ORIGIN');
    const noOriginCrossSite = await app.inject({
      method: 'PUT',
      url: '/_stcore/upload_file/S1/up',
      headers: { 'sec-fetch-site': 'cross-site', 'x-mini-st-upload-token': session.uploadToken, 'x-mini-st-file-name': 'a.csv', 'content-type': 'text/csv' },
      body: 'x',
    });
    expect(noOriginCrossSite.statusCode).toBe(403);
    expect(posted).toEqual([]);
  });

  it('refuses a file over server.maxUploadSize with a coded 413', async () => {
    const res = await upload({}, Buffer.alloc(1024 * 1024 + 1));
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('MST_ERR_UPLOAD_TOO_LARGE');
    expect(posted).toEqual([]);
  });

  it('enforces the uploader\'s type filter on the server', async () => {
    const res = await upload({ 'x-mini-st-file-name': 'evil.exe' });
    expect(res.statusCode).toBe(415);
    expect(res.json().code).toBe('MST_ERR_UPLOAD_TYPE');
    expect(res.json().message).toContain('.csv');
  });

  it('removes a file the page dropped', async () => {
    const { fileId } = (await upload()).json() as { fileId: string };
    const res = await app.inject({
      method: 'DELETE',
      url: `/_stcore/upload_file/S1/up/${fileId}`,
      headers: { host: 'localhost:8501', origin: 'http://localhost:8501', 'x-mini-st-upload-token': session.uploadToken },
    });
    expect(res.statusCode).toBe(204);
    expect(posted.at(-1)).toEqual({ type: 'upload_removed', fileId });
    expect(session.uploadedBytes).toBe(0);
  });
});
