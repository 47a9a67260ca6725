import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { createEarlyServer, type EarlyServer } from './early-server.js';

let early: EarlyServer | undefined;
afterEach(() => {
  early?.close();
  early?.server.closeAllConnections();
  early = undefined;
});

async function open(healthPath = '/_stcore/health'): Promise<string> {
  early = createEarlyServer(healthPath);
  await new Promise<void>((done) => early!.server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(early.server.address() as AddressInfo).port}`;
}

/** The app's own server: never listening, it gets requests and upgrades forwarded. */
function appServer(): Server {
  const app = createServer((req, res) => res.end(`app saw ${req.method} ${req.url}`));
  const wss = new WebSocketServer({ noServer: true });
  app.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => ws.send(`hello ${req.url}`)));
  return app;
}

describe('the early server', () => {
  it('answers health before the app is attached, under the base path', async () => {
    const url = await open('/base/_stcore/health');
    const res = await fetch(`${url}/base/_stcore/health?probe=1`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.text()).toBe('ok');
  });

  it('holds other requests and upgrades until the app is attached, then hands them over in order', async () => {
    const url = await open();
    const arrived = Promise.all([once(early!.server, 'request'), once(early!.server, 'upgrade')]);
    let answered = false;
    const page = fetch(`${url}/some/page`).then((r) => ((answered = true), r.text()));
    const socket = new WebSocket(`${url.replace('http', 'ws')}/_stcore/stream`);
    const greeting = new Promise<string>((done) => socket.once('message', (data) => done(String(data))));
    // Both have reached the early server, which holds them while health still answers …
    await arrived;
    expect(await (await fetch(`${url}/_stcore/health`)).text()).toBe('ok');
    expect(answered).toBe(false);
    // … and are served by the app once it is attached.
    early!.attach(appServer());
    expect(await page).toBe('app saw GET /some/page');
    expect(await greeting).toBe('hello /_stcore/stream');
    socket.close();
    // Health is the app's from now on.
    expect(await (await fetch(`${url}/_stcore/health`)).text()).toBe('app saw GET /_stcore/health');
  });

  it('answers what waits with 500 when the app fails to load', async () => {
    const url = await open();
    const page = fetch(`${url}/`);
    expect((await fetch(`${url}/_stcore/health`)).status).toBe(200);
    early!.fail();
    expect((await page).status).toBe(500);
    expect((await fetch(`${url}/later`)).status).toBe(500);
  });
});
