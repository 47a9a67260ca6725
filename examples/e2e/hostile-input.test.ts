/**
 * Hostile input against a real `mini-st run` process on 127.0.0.1: 10,000 random and mutated
 * frames from several clients while one well-behaved client keeps working; a foreign origin;
 * oversize frames; a script that draws a million elements. The server must stay up, keep its
 * memory bounded and never show the good client an error.
 */
import { readFileSync } from 'node:fs';
import { PROTOCOL_VERSION, type Delta, type Element, type ServerMessage } from '@mini-st/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { frameSource, type Frame } from './fuzz-frames.js';
import { fixture, startApp, wsClient, type RunningApp, type WsClient } from './harness.js';

const TOTAL_FRAMES = 10_000;
const FUZZERS = 6;
/** One flood (3,000–3,500 reruns at once, past the burst), so that most frames are distinct cases. */
const FLOODS = 1;
const SEED = Number(process.env.MINI_ST_FUZZ_SEED ?? 20261127);

/** Resident memory of a process, in MB (Linux). */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

const elementDeltas = (messages: readonly ServerMessage[]) =>
  messages.flatMap((m) => (m.type === 'deltas' ? m.deltas : [])).filter((d): d is Delta & { element: Element } => d.element !== undefined);

function widgetId(c: WsClient, label: string): string {
  const found = elementDeltas(c.messages).find((d) => 'label' in d.element && d.element.label === label);
  if (!found || !('id' in found.element)) throw new Error(`no widget "${label}"`);
  return found.element.id;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes the first half of a masked text frame, then cuts the TCP connection. */
function cutMidFrame(ws: WebSocket, text: string): void {
  const payload = Buffer.from(text.slice(0, 120));
  const header = Buffer.from([0x81, 0x80 | payload.length, 1, 2, 3, 4]);
  const socket = (ws as unknown as { _socket: import('node:net').Socket })._socket;
  socket.write(Buffer.concat([header, payload.subarray(0, payload.length >> 1)]));
  socket.destroy();
}

describe('hostile input against a running server', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startApp(fixture('fuzz-target.ts'), {
      args: ['--server.maxMessageSize', '1', '--runner.workers', '2'],
    });
    // A crash would otherwise show only as refused connections.
    void app.exited.then(({ code, signal }) => {
      if (code !== 0 && signal !== 'SIGTERM') console.error(`mini-st exited (code ${code}, signal ${signal})\n${app.output().stderr.slice(-4000)}`);
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('survives 10,000 random and mutated frames from several clients while a good client keeps working', async () => {
    const good = await wsClient(app.url);
    await good.waitFor((m) => m.type === 'run_finished');
    const ids = ['n', 'name', 'count', 'pick', 'many', 'on', 'Go', 'note', 'Send'].map((label) => widgetId(good, label));
    const slider = ids[0]!;
    const origin = new URL(app.url).origin;

    // Warm up, then take the memory baseline.
    for (let i = 1; i <= 20; i++) await good.rerun({ [slider]: i });
    const baseline = rssMb(app.pid);
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(app.pid))), 200);

    let sent = 0;
    let floods = 0;
    const outcomes = { connections: 0, closedByServer: new Map<number, number>(), errorCodes: new Map<string, number>() };
    const count = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);

    const fuzzer = async (index: number) => {
      const frames = frameSource(SEED + index, PROTOCOL_VERSION);
      let ws: WebSocket | null = null;
      while (sent < TOTAL_FRAMES) {
        if (!ws || ws.readyState !== WebSocket.OPEN) {
          ws = await new Promise<WebSocket | null>((resolve) => {
            const socket = new WebSocket(new URL('/_stcore/stream', app.url.replace('http', 'ws')), { origin, perMessageDeflate: false });
            socket.on('error', () => resolve(null));
            socket.on('message', (data) => {
              const text = String(data);
              if (text.startsWith('{"type":"error"')) count(outcomes.errorCodes, JSON.parse(text).code);
            });
            socket.on('close', (code) => count(outcomes.closedByServer, code));
            socket.once('open', () => resolve(socket));
          });
          outcomes.connections += 1;
          if (!ws) continue;
          if (frames.random() < 0.7) ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets: {}, page: '/' }));
        }
        let frame: Frame = frames.next(ids);
        if (frame.kind === 'flood' && floods >= FLOODS) frame = { kind: 'text', data: frame.data };
        switch (frame.kind) {
          case 'text':
            ws.send(frame.data);
            sent += 1;
            break;
          case 'bytes':
            ws.send(frame.data, { binary: frame.binary });
            sent += 1;
            break;
          case 'flood':
            floods += 1;
            for (let i = 0; i < frame.count && ws.readyState === WebSocket.OPEN; i++, sent++) ws.send(frame.data);
            break;
          case 'cut':
            cutMidFrame(ws, frame.data);
            sent += 1;
            ws = null;
            break;
        }
        // Client-side back-pressure: a frame counts once it has left, not while it waits in our buffer.
        while (ws && ws.readyState === WebSocket.OPEN && ws.bufferedAmount > 0) await sleep(2);
        await new Promise((resolve) => setImmediate(resolve));
      }
      ws?.terminate();
    };

    // The good client works all along: every run must finish, with its own value, and no error.
    let goodRuns = 0;
    let slowest = 0;
    let fuzzing = true;
    const goodLoop = (async () => {
      for (let i = 1000; fuzzing; i++) {
        const run = await good.rerun({ [slider]: i }, undefined, { timeoutMs: 15_000 });
        expect(run.status).toBe('ok');
        expect(run.deltas.some((d) => d.element?.type === 'text' && d.element.body.startsWith(`n=${i} `))).toBe(true);
        slowest = Math.max(slowest, run.elapsedMs);
        goodRuns += 1;
      }
    })();

    const began = Date.now();
    await Promise.all(Array.from({ length: FUZZERS }, (_, i) => fuzzer(i)));
    fuzzing = false;
    await goodLoop;
    clearInterval(sampler);
    const seconds = (Date.now() - began) / 1000;

    // The server is up, healthy, and still serves a newcomer.
    expect((await fetch(new URL('/_stcore/health', app.url))).status).toBe(200);
    const late = await wsClient(app.url);
    expect(await late.waitFor((m) => m.type === 'run_finished')).toMatchObject({ status: 'ok' });
    await late.close();

    const { stderr } = app.output();
    console.log(
      `fuzz: seed ${SEED}, ${sent} frames from ${FUZZERS} clients over ${outcomes.connections} connections in ${seconds.toFixed(1)} s; ` +
        `good client: ${goodRuns} runs, slowest ${slowest.toFixed(0)} ms; RSS ${baseline.toFixed(0)} → peak ${peak.toFixed(0)} MB; ` +
        `closes ${JSON.stringify(Object.fromEntries(outcomes.closedByServer))}; errors ${JSON.stringify(Object.fromEntries(outcomes.errorCodes))}`,
    );
    expect(sent).toBeGreaterThanOrEqual(TOTAL_FRAMES);
    expect(good.messages.filter((m) => m.type === 'error')).toEqual([]);
    expect(good.closed).toBeNull();
    expect(goodRuns).toBeGreaterThan(20);
    expect(slowest).toBeLessThan(5_000);
    expect(peak - baseline).toBeLessThan(400);
    expect(stderr).not.toMatch(/MST_ERR_INTERNAL|Uncaught|FATAL|out of memory/i);
    // Each kind of refusal was exercised, with its code.
    for (const code of ['MST_ERR_PROTOCOL', 'MST_ERR_MESSAGE_TOO_LARGE']) expect(outcomes.errorCodes.get(code) ?? 0).toBeGreaterThan(0);
    await good.close();
  }, 240_000);

  it('refuses a foreign-origin WebSocket with 403 before any session exists', async () => {
    await expect(wsClient(app.url, { origin: 'https://evil.example' })).rejects.toMatchObject({ status: 403 });
  });

  it('refuses an oversize frame with MST_ERR_MESSAGE_TOO_LARGE and close code 1009', async () => {
    const c = await wsClient(app.url);
    await c.waitFor((m) => m.type === 'run_finished');
    c.send({ type: 'rerun', widgets: { x: 'y'.repeat(2 * 1024 * 1024) } });
    expect(await c.waitFor((m) => m.type === 'error')).toMatchObject({ code: 'MST_ERR_MESSAGE_TOO_LARGE' });
    expect(await c.waitForClose()).toEqual({ code: 1009, reason: 'MST_ERR_MESSAGE_TOO_LARGE' });
  });
});

describe('huge output', () => {
  it('stops a run that draws a million elements with MST_ERR_TOO_MANY_ELEMENTS, memory bounded', async () => {
    const app = await startApp(fixture('huge.ts'));
    try {
      const baseline = rssMb(app.pid);
      let peak = baseline;
      const sampler = setInterval(() => (peak = Math.max(peak, rssMb(app.pid))), 100);
      const c = await wsClient(app.url);
      const finished = await c.waitFor((m) => m.type === 'run_finished', { timeoutMs: 60_000 });
      clearInterval(sampler);
      expect(finished).toMatchObject({ status: 'error' });
      const deltas = elementDeltas(c.messages);
      expect(deltas.at(-1)!.element).toMatchObject({ type: 'exception', code: 'MST_ERR_TOO_MANY_ELEMENTS' });
      expect(deltas.length).toBeLessThanOrEqual(100_002);
      console.log(`huge output: ${deltas.length} elements sent, RSS ${baseline.toFixed(0)} → peak ${peak.toFixed(0)} MB`);
      expect(peak - baseline).toBeLessThan(600);
      // The server still answers.
      expect((await fetch(new URL('/_stcore/health', app.url))).status).toBe(200);
      await c.close();
    } finally {
      await app.stop();
    }
  }, 120_000);
});
