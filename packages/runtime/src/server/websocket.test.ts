import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { loadConfig } from '../config.js';
import { buildServer, type BuildServerOptions } from './build-server.js';
import { silentLogger } from './logger.js';
import { FakeHub, makeStaticFixture } from './test-support.js';

let fixture: Awaited<ReturnType<typeof makeStaticFixture>>;
let app: FastifyInstance | undefined;
let hub: FakeHub;

beforeEach(async () => {
  fixture = await makeStaticFixture();
  hub = new FakeHub();
});
afterEach(async () => {
  await app?.close();
  app = undefined;
  await fixture.remove();
});

async function build(flags: Record<string, string> = {}, streamLimits?: BuildServerOptions['streamLimits']): Promise<FastifyInstance> {
  const config = await loadConfig({ cwd: fixture.dir, flags });
  app = await buildServer({ config, hub, staticDir: fixture.dir, logger: silentLogger, ...(streamLimits ? { streamLimits } : {}) });
  await app.ready(); // injectWS routes through the app, which needs its plugins loaded
  return app;
}

function closeOf(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

describe('the WebSocket at /_stcore/stream', () => {
  it('refuses a foreign origin with 403 before any session exists', async () => {
    const server = await build();
    await expect(
      server.injectWS('/_stcore/stream', { headers: { origin: 'https://evil.test', host: 'localhost:8501' } }),
    ).rejects.toThrow('403');
    expect(hub.opened).toHaveLength(0);
  });

  it('accepts its own origin and forwards text frames and the close to the handler', async () => {
    const server = await build();
    const ws = await server.injectWS('/_stcore/stream', {
      headers: { origin: 'http://localhost:8501', host: 'localhost:8501' },
    });
    await hub.until(() => hub.opened.length === 1);
    const [opened] = hub.opened;
    expect(opened!.info.origin).toBe('http://localhost:8501');
    expect(opened!.info.headers.host).toBe('localhost:8501');

    ws.send('{"type":"stop"}');
    await hub.until(() => opened!.messages.length === 1);
    expect(opened!.messages).toEqual(['{"type":"stop"}']);

    const received = new Promise<string>((resolve) => ws.once('message', (data) => resolve(String(data))));
    opened!.connection.send({ type: 'source_changed' });
    expect(JSON.parse(await received)).toEqual({ type: 'source_changed' });

    ws.terminate(); // injectWS's in-memory stream does not carry a graceful close; a real port does
    await hub.until(() => opened!.closed);
  });

  it('honours server.corsAllowedOrigins', async () => {
    const server = await build({ 'server.corsAllowedOrigins': 'https://portal.test' });
    const ws = await server.injectWS('/_stcore/stream', { headers: { origin: 'https://portal.test', host: 'localhost:8501' } });
    await hub.until(() => hub.opened.length === 1);
    ws.terminate();
  });

  it('serves the stream under server.baseUrlPath', async () => {
    const server = await build({ 'server.baseUrlPath': 'apps/demo' });
    const ws = await server.injectWS('/apps/demo/_stcore/stream', { headers: {} });
    await hub.until(() => hub.opened.length === 1);
    ws.terminate();
  });
});

describe('the WebSocket over a real port', () => {
  async function listen(flags: Record<string, string> = {}, streamLimits?: BuildServerOptions['streamLimits']): Promise<string> {
    const server = await build(flags, streamLimits);
    await server.listen({ port: 0, host: '127.0.0.1' });
    return `ws://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  }

  it('refuses a foreign origin with 403 and MST_ERR_WS_ORIGIN', async () => {
    const url = await listen();
    const ws = new WebSocket(`${url}/_stcore/stream`, { origin: 'https://evil.test' });
    const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      ws.once('unexpected-response', (_req, res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      ws.once('open', () => reject(new Error('upgraded')));
    });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'MST_ERR_WS_ORIGIN' });
    expect(hub.opened).toHaveLength(0);
  });

  it('accepts the page\'s own origin, and closes with 1003 on a binary frame', async () => {
    const url = await listen();
    const origin = url.replace('ws:', 'http:');
    const ws = new WebSocket(`${url}/_stcore/stream`, { origin });
    await new Promise((resolve) => ws.once('open', resolve));
    await hub.until(() => hub.opened.length === 1);
    expect(hub.opened[0]!.info.remoteAddress).toBe('127.0.0.1');
    ws.send('{"type":"stop"}');
    await hub.until(() => hub.opened[0]!.messages.length === 1);
    const closed = closeOf(ws);
    ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await closed).toBe(1003);
    await hub.until(() => hub.opened[0]!.closed);
  });

  it('lets the session close the socket with a code, and reports the close once', async () => {
    hub.onOpen = (opened) => opened.connection.close(1008, 'go away');
    const ws = new WebSocket(`${await listen()}/_stcore/stream`);
    expect(await closeOf(ws)).toBe(1008);
    await hub.until(() => hub.opened[0]!.closed);
    // Sending after the close is dropped, not thrown.
    hub.opened[0]!.connection.send({ type: 'source_changed' });
  });

  it('closes a socket whose frame exceeds server.maxMessageSize with 1009, saying why with MST_ERR_MESSAGE_TOO_LARGE', async () => {
    const url = await listen({ 'server.maxMessageSize': '0.001' }); // about 1 KB
    const ws = new WebSocket(`${url}/_stcore/stream`);
    await new Promise((resolve) => ws.once('open', resolve));
    const messages: string[] = [];
    ws.on('message', (data) => messages.push(String(data)));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    ws.send('x'.repeat(4096));
    expect(await closed).toEqual({ code: 1009, reason: 'MST_ERR_MESSAGE_TOO_LARGE' });
    expect(messages.map((m) => JSON.parse(m))).toEqual([
      { type: 'error', code: 'MST_ERR_MESSAGE_TOO_LARGE', message: expect.stringContaining('server.maxMessageSize (0.001 MB)') },
    ]);
    expect(hub.opened[0]!.messages).toEqual([]);
  });

  it('slows a flooding socket down, closes it with MST_ERR_RATE_LIMITED when it will not wait, and keeps serving the others', async () => {
    const url = await listen({}, { inboundLimits: { rate: 50, burst: 10, backlog: 20 } });
    const polite = new WebSocket(`${url}/_stcore/stream`);
    await new Promise((resolve) => polite.once('open', resolve));
    const flood = new WebSocket(`${url}/_stcore/stream`);
    await new Promise((resolve) => flood.once('open', resolve));
    await hub.until(() => hub.opened.length === 2);
    const [politeSide, floodSide] = hub.opened;
    const messages: string[] = [];
    flood.on('message', (data) => messages.push(String(data)));
    const closed = new Promise<{ code: number; reason: string }>((resolve) => flood.once('close', (code, reason) => resolve({ code, reason: String(reason) })));
    for (let i = 0; i < 1000; i++) flood.send(`{"n":${i}}`);
    polite.send('{"type":"stop"}');
    expect(await closed).toEqual({ code: 1008, reason: 'MST_ERR_RATE_LIMITED' });
    expect(JSON.parse(messages[0]!)).toMatchObject({ type: 'error', code: 'MST_ERR_RATE_LIMITED' });
    // The burst went through, in order; the rest never reached the session.
    expect(floodSide!.messages.slice(0, 10)).toEqual(Array.from({ length: 10 }, (_, i) => `{"n":${i}}`));
    expect(floodSide!.messages.length).toBeLessThan(40);
    await hub.until(() => politeSide!.messages.length === 1);
    expect(politeSide!.closed).toBe(false);
    polite.terminate();
  });

  it('only slows down a client that sends a little too fast, delivering every frame in order', async () => {
    const url = await listen({}, { inboundLimits: { rate: 200, burst: 5, backlog: 100 } });
    const ws = new WebSocket(`${url}/_stcore/stream`);
    await new Promise((resolve) => ws.once('open', resolve));
    for (let i = 0; i < 40; i++) ws.send(String(i));
    await hub.until(() => hub.opened[0]!.messages.length === 40, 5000);
    expect(hub.opened[0]!.messages).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
    expect(hub.opened[0]!.closed).toBe(false);
    ws.terminate();
  });

  it('cuts off a page that stops reading, rather than buffering for it without end', async () => {
    const url = await listen({}, { maxBufferedBytes: 256 * 1024 });
    const ws = new WebSocket(`${url}/_stcore/stream`);
    await new Promise((resolve) => ws.once('open', resolve));
    await hub.until(() => hub.opened.length === 1);
    ws.pause(); // reads nothing more: the server's writes pile up
    const { connection } = hub.opened[0]!;
    const big = { type: 'error', code: 'X', message: 'y'.repeat(100_000) } as const;
    for (let i = 0; i < 2000 && !hub.opened[0]!.closed; i++) {
      connection.send(big);
      if (i % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await hub.until(() => hub.opened[0]!.closed, 5000);
    expect(connection.bufferedAmount).toBeLessThan(256 * 1024 + 2 * 100_100);
    ws.terminate();
  });

  it('pings every socket and cuts one that stops answering, leaving the others', async () => {
    const url = await listen({}, { pingIntervalMs: 100 });
    const mute = new WebSocket(`${url}/_stcore/stream`, { autoPong: false });
    const alive = new WebSocket(`${url}/_stcore/stream`);
    await Promise.all([mute, alive].map((ws) => new Promise((resolve) => ws.once('open', resolve))));
    await hub.until(() => hub.opened.length === 2);
    const cut = closeOf(mute);
    expect(await cut).toBe(1006); // terminated: no closing handshake with a dead peer
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(alive.readyState).toBe(WebSocket.OPEN);
    alive.terminate();
  });

  it('tells open pages the server is going away when it closes', async () => {
    const url = await listen();
    const ws = new WebSocket(`${url}/_stcore/stream`);
    await new Promise((resolve) => ws.once('open', resolve));
    const closed = closeOf(ws);
    await app!.close();
    app = undefined;
    expect(await closed).toBe(1001);
  });
});
