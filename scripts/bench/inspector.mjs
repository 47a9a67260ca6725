/**
 * Heap figures from a running mini-st without any hook in the runtime: the server child is
 * started with `--inspect=127.0.0.1:0`, and this client speaks the DevTools protocol to it, to the
 * main thread directly and to each worker thread through the `NodeWorker` domain. It can force a
 * full garbage collection (`HeapProfiler.collectGarbage`) and read each isolate's used heap
 * (`Runtime.getHeapUsage`). Nothing is enabled that would slow the server while it is attached,
 * and `close()` detaches.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(fileURLToPath(new URL('../../examples/package.json', import.meta.url)));
const WebSocket = require('ws');

/** Node's inspector flag for `startApp({ nodeArgs })`: any free port on loopback. */
export const INSPECT_ARGS = ['--inspect=127.0.0.1:0'];

/** The inspector's WebSocket URL, from the child's stderr ("Debugger listening on ws://…"). */
export function inspectorUrl(stderr) {
  return /Debugger listening on (ws:\/\/\S+)/.exec(stderr)?.[1];
}

/**
 * Connect to a process's inspector and attach to its worker threads.
 *
 * @example
 * const inspector = await connectInspector(inspectorUrl(app.output().stderr));
 * const { total } = await inspector.heapAfterGc();
 */
export async function connectInspector(url, { timeoutMs = 10_000 } = {}) {
  const ws = new WebSocket(url, { perMessageDeflate: false });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let nextId = 1;
  const pending = new Map();
  const workers = new Map(); // sessionId → title
  const settle = (message) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    clearTimeout(waiter.timer);
    if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
    else waiter.resolve(message.result);
  };
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    if (message.id !== undefined) return settle(message);
    if (message.method === 'NodeWorker.attachedToWorker') {
      workers.set(message.params.sessionId, message.params.workerInfo?.title ?? 'worker');
    } else if (message.method === 'NodeWorker.detachedFromWorker') {
      workers.delete(message.params.sessionId);
    } else if (message.method === 'NodeWorker.receivedMessageFromWorker') {
      const inner = JSON.parse(message.params.message);
      if (inner.id !== undefined) settle(inner);
    }
  });

  /** Call a method on the main thread, or on a worker when `sessionId` is given. */
  const call = (method, params = {}, sessionId) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`inspector: ${method} got no answer within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, { resolve, reject, timer, method });
      const inner = JSON.stringify({ id, method, params });
      if (sessionId === undefined) ws.send(inner);
      else ws.send(JSON.stringify({ id: nextId++, method: 'NodeWorker.sendMessageToWorker', params: { sessionId, message: inner } }));
    });

  await call('NodeWorker.enable', { waitForDebuggerOnStart: false });
  // Attach events for the workers that already run arrive right after enable.
  await new Promise((resolve) => setTimeout(resolve, 200));

  const isolates = () => [{ name: 'main', sessionId: undefined }, ...[...workers].map(([sessionId, title]) => ({ name: title, sessionId }))];

  return {
    get workerCount() {
      return workers.size;
    },
    /** Full GC in every isolate (twice: the first pass can free what the second then finds dead). */
    async collectGarbage() {
      for (let pass = 0; pass < 2; pass++) {
        await Promise.all(isolates().map((isolate) => call('HeapProfiler.collectGarbage', {}, isolate.sessionId)));
      }
    },
    /** Used heap of each isolate and their sum, in bytes, after a full GC. */
    async heapAfterGc() {
      await this.collectGarbage();
      const parts = await Promise.all(
        isolates().map(async (isolate) => ({ name: isolate.name, used: (await call('Runtime.getHeapUsage', {}, isolate.sessionId)).usedSize })),
      );
      return { total: parts.reduce((sum, part) => sum + part.used, 0), parts };
    },
    async close() {
      if (ws.readyState === WebSocket.CLOSED) return;
      await call('NodeWorker.disable').catch(() => undefined);
      const closed = new Promise((resolve) => ws.once('close', resolve));
      ws.close();
      await closed;
    },
  };
}
