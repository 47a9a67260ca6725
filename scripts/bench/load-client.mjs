/**
 * One load-generating process for the bench's scale measures (forked by scripts/bench/load.mjs;
 * several of them share the sessions, so the client is not what limits a 2-core machine). It holds
 * many protocol sessions to one mini-st on 127.0.0.1 and, told by its parent over IPC:
 *
 *   connect  open N sessions (hello, first run), a bounded number at a time;
 *   run      'closed': every session moves the slider again as soon as its last rerun finished;
 *            'rate':   every session moves it once per period, phases spread evenly;
 *   close    close every socket and exit.
 *
 * Each rerun is timed from the send to the `run_finished` of the run it started, as in the one-
 * client round trip. The client speaks the protocol directly on `ws` (not ws-client.js, which
 * keeps every message) so that a thousand sessions cost it little; it skips parsing `deltas`
 * frames after the first run (the server writes `type` first). Everything is bounded in time.
 */
import { createRequire } from 'node:module';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../../examples/package.json', import.meta.url)));
const WebSocket = require('ws');

const STREAM_PATH = '/_stcore/stream';
const PROTOCOL_VERSION = 1;
const RERUN_TIMEOUT_MS = 10_000;

const stats = { errors: 0, errorKinds: {}, drops: 0, timeouts: 0, late: 0 };
const countError = (kind) => {
  stats.errors += 1;
  stats.errorKinds[kind] = (stats.errorKinds[kind] ?? 0) + 1;
};

class Session {
  constructor(port) {
    this.port = port;
    this.closing = false;
    this.busy = false;
    this.backlog = false;
    this.value = 0;
    this.onFinish = null;
  }

  /** Open the socket, say hello, resolve with ms to the first run_finished. */
  connect(timeoutMs) {
    const startedAt = performance.now();
    const origin = `http://127.0.0.1:${this.port}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`no first run within ${timeoutMs} ms`)), timeoutMs);
      const fail = (error) => {
        clearTimeout(timer);
        this.closing = true;
        this.ws?.terminate();
        reject(error);
      };
      const ws = new WebSocket(`ws://127.0.0.1:${this.port}${STREAM_PATH}`, { origin, perMessageDeflate: false });
      this.ws = ws;
      ws.on('error', (error) => {
        if (!this.ready) fail(error);
      });
      ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', protocol: PROTOCOL_VERSION, widgets: {}, page: '/' })));
      ws.on('close', () => {
        if (!this.ready) return fail(new Error('closed before the first run finished'));
        if (!this.closing) {
          stats.drops += 1;
          if (this.busy) this.finish('dropped');
        }
      });
      ws.on('message', (data) => {
        const text = data.toString();
        if (this.ready) return this.message(text);
        const message = JSON.parse(text);
        if (message.type === 'deltas' && !this.slider) {
          this.slider = message.deltas.find((d) => d.element?.type === 'slider')?.element;
        } else if (message.type === 'run_finished') {
          clearTimeout(timer);
          if (message.status !== 'ok' || !this.slider) return fail(new Error(`first run: status ${message.status}, slider ${Boolean(this.slider)}`));
          this.ready = true;
          this.value = this.slider.value;
          resolve(performance.now() - startedAt);
        } else if (message.type === 'error') {
          fail(new Error(`${message.code}: ${message.message}`));
        }
      });
    });
  }

  message(text) {
    // Deltas are most of the traffic and need no reading here.
    if (text.startsWith('{"type":"deltas"')) return;
    const message = JSON.parse(text);
    if (message.type === 'run_started') {
      if (this.busy && this.runId === undefined) this.runId = message.runId;
    } else if (message.type === 'run_finished') {
      if (this.busy && message.runId === this.runId) this.finish(message.status);
    } else if (message.type === 'error') {
      countError(`server error ${message.code}`);
    }
  }

  rerun() {
    const slider = this.slider;
    this.value = this.value >= slider.max ? slider.min : this.value + slider.step;
    this.busy = true;
    this.runId = undefined;
    this.sentAt = performance.now();
    this.timer = setTimeout(() => {
      stats.timeouts += 1;
      countError('timeout');
      this.finish('timeout');
    }, RERUN_TIMEOUT_MS);
    this.ws.send(JSON.stringify({ type: 'rerun', widgets: { [slider.id]: this.value } }));
  }

  finish(status) {
    clearTimeout(this.timer);
    this.busy = false;
    const now = performance.now();
    if (status !== 'ok' && status !== 'timeout') countError(`run ${status}`);
    this.onFinish?.(status === 'ok', this.sentAt, now);
  }

  close() {
    this.closing = true;
    clearTimeout(this.timer);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.close(1000, 'bench done');
  }
}

let sessions = [];
let port;

async function connect({ url, count, concurrency = 16, timeoutMs = 60_000 }) {
  port = Number(new URL(url).port);
  const firstRunMs = [];
  const failures = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      next += 1;
      const session = new Session(port);
      try {
        firstRunMs.push(await session.connect(timeoutMs));
        sessions.push(session);
      } catch (error) {
        failures.push(String(error.message ?? error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return { type: 'connected', ok: sessions.length, failed: failures.length, failures: failures.slice(0, 5), firstRunMs };
}

/**
 * Drive every session for `durationMs` (after `warmupMs`, not counted). `mode` 'closed': rerun
 * again at once; 'rate': once per `periodMs`, session i of this client starting at
 * `(offset + i) / total` of a period so that all clients together spread evenly.
 */
async function run({ mode, durationMs, warmupMs = 0, periodMs = 1000, offset = 0, total = sessions.length }) {
  Object.assign(stats, { errors: 0, errorKinds: {}, drops: 0, timeouts: 0, late: 0 });
  const samples = [];
  let completed = 0;
  let finished = 0;
  const eld = monitorEventLoopDelay({ resolution: 5 });
  eld.enable();
  const startAt = performance.now() + 50;
  const measureFrom = startAt + warmupMs;
  const endAt = measureFrom + durationMs;
  const timers = [];

  await new Promise((resolve) => {
    let inFlight = 0;
    let ended = false;
    const maybeDone = () => {
      if (ended && inFlight === 0) resolve();
    };
    const send = (session) => {
      inFlight += 1;
      session.rerun();
    };
    sessions.forEach((session, i) => {
      session.backlog = false;
      session.onFinish = (ok, sentAt, finishedAt) => {
        inFlight -= 1;
        if (ok) finished += 1;
        if (ok && sentAt >= measureFrom && sentAt < endAt) samples.push(finishedAt - sentAt);
        if (ok && finishedAt >= measureFrom && finishedAt <= endAt) completed += 1;
        const now = performance.now();
        if (now < endAt && session.ws.readyState === WebSocket.OPEN) {
          if (mode === 'closed') send(session);
          else if (session.backlog) {
            session.backlog = false;
            send(session);
          }
        }
        maybeDone();
      };
      const firstAt = mode === 'closed' ? startAt : startAt + ((offset + i) / total) * periodMs;
      const tick = () => {
        if (performance.now() >= endAt || session.ws.readyState !== WebSocket.OPEN) return;
        if (mode === 'rate') timers.push(setTimeout(tick, Math.max(0, nextTick() - performance.now())));
        if (session.busy) {
          if (!session.backlog) stats.late += 1;
          session.backlog = true;
        } else send(session);
      };
      let due = firstAt;
      const nextTick = () => (due += periodMs);
      timers.push(setTimeout(tick, Math.max(0, firstAt - performance.now())));
    });
    timers.push(
      setTimeout(() => {
        ended = true;
        maybeDone();
      }, endAt - performance.now()),
    );
    // In-flight reruns get their own timeouts; this is the phase's hard stop.
    timers.push(setTimeout(resolve, endAt - performance.now() + RERUN_TIMEOUT_MS + 1000));
  });
  for (const timer of timers) clearTimeout(timer);
  eld.disable();
  return {
    type: 'ran',
    samples,
    completed,
    /** Every rerun that finished, warm-up included (to divide CPU time by). */
    finished,
    seconds: durationMs / 1000,
    ...stats,
    loopDelayMs: { p50: eld.percentile(50) / 1e6, p99: eld.percentile(99) / 1e6, max: eld.max / 1e6 },
  };
}

async function close() {
  for (const session of sessions) session.close();
  await new Promise((resolve) => setTimeout(resolve, 200));
  for (const session of sessions) session.ws.terminate();
  sessions = [];
  return { type: 'closed' };
}

const commands = { connect, run, close };
process.on('message', async (message) => {
  try {
    const reply = await commands[message.cmd](message);
    process.send(reply);
    if (message.cmd === 'close') process.disconnect();
  } catch (error) {
    process.send({ type: 'failed', error: String(error?.stack ?? error) });
  }
});
// The parent went away: nothing left to do.
process.on('disconnect', () => process.exit(0));
