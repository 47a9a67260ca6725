/**
 * A small client of mini-st's wire protocol over `ws`: it opens `/_stcore/stream` the way the page
 * does (hello first, with the page's Origin), keeps every server message with its size and arrival
 * time, and lets a test or the benchmark wait for messages and send reruns. Plain JavaScript with
 * types in `ws-client.d.ts`, because `scripts/bench.mjs` runs it under Node 20, which cannot load
 * TypeScript; `protocol.test.ts` checks that the constants below match `@mini-st/protocol`.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

/** Mirrors of `STREAM_PATH` and `PROTOCOL_VERSION` in `@mini-st/protocol` (checked by a test). */
export const STREAM_PATH = '/_stcore/stream';
export const PROTOCOL_VERSION = 1;

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Connect to a running app and say hello. Resolves once the socket is open and hello is sent;
 * rejects when the upgrade is refused (the error carries the HTTP status).
 *
 * @example
 * const client = await wsClient(app.url);
 * await client.waitFor((m) => m.type === 'run_finished');
 * const run = await client.rerun({ [sliderId]: 7 });
 */
export async function wsClient(appUrl, options = {}) {
  const http = new URL(appUrl);
  const wsUrl = new URL(STREAM_PATH, http);
  wsUrl.protocol = http.protocol === 'https:' ? 'wss:' : 'ws:';
  const origin = options.origin === undefined ? http.origin : options.origin;
  const ws = new WebSocket(wsUrl, { ...(origin === null ? {} : { origin }), perMessageDeflate: false });

  /** @type {import('./ws-client.js').Received[]} */
  const received = [];
  /** @type {Set<() => void>} */
  const listeners = new Set();
  let closeInfo = /** @type {{ code: number, reason: string } | null} */ (null);
  let sessionId = /** @type {string | undefined} */ (undefined);

  const notify = () => {
    for (const listener of [...listeners]) listener();
  };

  ws.on('message', (data, isBinary) => {
    const bytes = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data.byteLength;
    const text = isBinary ? '' : data.toString();
    let message;
    try {
      message = JSON.parse(text);
    } catch {
      message = { type: 'unparseable', text };
    }
    if (message.type === 'session_start') sessionId = message.sessionId;
    received.push({ message, bytes, at: performance.now() });
    notify();
  });
  ws.on('close', (code, reason) => {
    closeInfo = { code, reason: reason.toString() };
    notify();
  });

  await new Promise((resolve, reject) => {
    const onOpen = () => {
      ws.off('error', onError);
      ws.off('unexpected-response', onUnexpected);
      resolve(undefined);
    };
    const onError = (error) => {
      ws.off('open', onOpen);
      reject(error);
    };
    const onUnexpected = (_request, response) => {
      ws.off('open', onOpen);
      ws.off('error', onError);
      const error = new Error(`WebSocket upgrade refused: HTTP ${response.statusCode}`);
      error.status = response.statusCode;
      response.resume();
      // Aborting a handshake emits 'error' as well: the rejection below already says it all.
      ws.on('error', () => {});
      ws.terminate();
      reject(error);
    };
    ws.once('open', onOpen);
    ws.once('error', onError);
    ws.once('unexpected-response', onUnexpected);
  });
  // Errors after the open show up as a close; keep them from becoming unhandled events.
  ws.on('error', () => {});

  const send = (message) => ws.send(JSON.stringify(message));

  /** Wait until `predicate` holds for some received message at index >= `after`. */
  const waitFor = (predicate, { after = 0, timeoutMs = DEFAULT_TIMEOUT_MS } = {}) =>
    new Promise((resolve, reject) => {
      let scanned = after;
      const check = () => {
        for (; scanned < received.length; scanned++) {
          const entry = received[scanned];
          if (predicate(entry.message)) {
            done();
            resolve(entry.message);
            return;
          }
        }
        if (closeInfo) {
          done();
          reject(new Error(`socket closed (${closeInfo.code} ${closeInfo.reason}) before the awaited message\n${describe(received)}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no matching message within ${timeoutMs} ms\n${describe(received)}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    });

  /** Index of the first message of the run with `runId`. */
  const startOf = (runId, after) => received.findIndex((e, i) => i >= after && e.message.type === 'run_started' && e.message.runId === runId);

  const client = {
    ws,
    received,
    get messages() {
      return received.map((e) => e.message);
    },
    get sessionId() {
      return sessionId;
    },
    get closed() {
      return closeInfo;
    },
    mark: () => received.length,
    send,
    waitFor,
    async rerun(widgets, trigger, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
      const after = received.length;
      const sentAt = performance.now();
      send(trigger === undefined ? { type: 'rerun', widgets } : { type: 'rerun', widgets, trigger });
      const started = await waitFor((m) => m.type === 'run_started', { after, timeoutMs });
      const finished = await waitFor((m) => m.type === 'run_finished' && m.runId === started.runId, { after, timeoutMs });
      return runResult(received, startOf(started.runId, after), finished, sentAt, after);
    },
    stop: () => send({ type: 'stop' }),
    waitForClose({ timeoutMs = DEFAULT_TIMEOUT_MS } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!closeInfo) return;
          done();
          resolve(closeInfo);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`socket still open after ${timeoutMs} ms\n${describe(received)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      const closed = new Promise((resolve) => ws.once('close', resolve));
      ws.close(1000, 'done');
      await closed;
    },
  };

  if (options.hello !== false) {
    send({
      type: 'hello',
      protocol: PROTOCOL_VERSION,
      ...(options.sessionId ? { sessionId: options.sessionId } : {}),
      widgets: options.widgets ?? {},
      page: options.page ?? '/',
    });
  }
  return client;
}

/**
 * Sum up one run from the messages received after a rerun was sent: the messages from its
 * `run_started` to its `run_finished`, and every byte received since the send.
 */
function runResult(received, startIndex, finished, sentAt, after) {
  const end = received.findIndex((e, i) => i >= after && e.message === finished);
  const slice = received.slice(after, end + 1);
  const own = received.slice(startIndex, end + 1);
  return {
    runId: finished.runId,
    status: finished.status,
    counts: finished.counts,
    messages: own.map((e) => e.message),
    deltas: own.flatMap((e) => (e.message.type === 'deltas' ? e.message.deltas : [])),
    messageCount: slice.length,
    bytes: slice.reduce((n, e) => n + e.bytes, 0),
    elapsedMs: received[end].at - sentAt,
  };
}

function describe(received) {
  const tail = received.slice(-12).map((e) => JSON.stringify(e.message).slice(0, 300));
  return `received ${received.length} message(s)${tail.length ? `; the last ones:\n  ${tail.join('\n  ')}` : ''}`;
}
