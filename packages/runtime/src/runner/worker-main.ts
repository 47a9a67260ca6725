/**
 * The entry of a worker thread that runs scripts. It holds the runners of the sessions bound to
 * it (their session_state and everything their scripts create stay in this thread) and compiles
 * the script for itself. The main thread keeps all I/O; this thread only runs scripts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import '../index.js';
import { checkLoginConfiguration } from '../auth/check-login.js';
import { installSecrets, openSecrets } from '../secrets.js';
import type { RunnerToSession } from './messages.js';
import { ScriptRunner } from './script-runner.js';
import { GridDataSender } from './grid-data.js';
import { asTextDelta } from './text-delta.js';
import { ScriptSource } from './script-source.js';
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.js';
import { transferablesOf } from '../media/transfer.js';

const port = parentPort;
if (!port) throw new Error('worker-main runs only as a worker thread');

const { scriptPath, cwd } = workerData as WorkerData;
// st.secrets and st.login() read the app's secrets files, wherever the process was started.
installSecrets(openSecrets({ cwd }));
// The main thread compiles too and prints compile errors once; here they are only drawn in pages.
const source = new ScriptSource(scriptPath, () => {});
// Compile now, so the first session's first run does not wait for it.
void source.load().catch(() => undefined);
const runners = new Map<string, ScriptRunner>();
const gridData = new GridDataSender();
// `st.login()` checks the [auth] configuration here, from the same secrets files, synchronously.
const services = { checkLogin: (provider: string | undefined) => checkLoginConfiguration(provider) };

// Events leave in one postMessage per event-loop turn, so a rerun's deltas and run_finished cross
// the thread boundary together; `run_finished` flushes at once. `run_started` leaves at once too
// (with whatever is queued before it): the main thread and the page must know a run is under way
// even if the script then never yields, to offer Stop and to stop it.
let outbox: FromWorker[] = [];
function post(event: FromWorker): void {
  if (outbox.length === 0) setImmediate(flush);
  outbox.push(event);
  // A finished run has nothing more to wait for; a started one must be known at once.
  if (event.message.type === 'run_started' || event.message.type === 'run_finished') flush();
}
function flush(): void {
  if (outbox.length === 0) return;
  const batch = outbox;
  outbox = [];
  port!.postMessage(batch, transferablesOf(batch));
}

// A script's stray promise must not take down the other sessions of this worker.
process.on('unhandledRejection', (reason) => {
  console.error('Error [MST_ERR_UNHANDLED_REJECTION]: a promise rejected and nothing handled it:', reason);
});
// Nor may a throw in a script's timer or event handler, which would end the thread and reset the
// session_state of every session on it. (process.exit() still ends the thread; the pool replaces it.)
process.on('uncaughtException', (error) => {
  console.error('Error [MST_ERR_UNHANDLED_REJECTION]: a script threw outside its run and nothing caught it:', error);
});

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open': {
      const { sessionId } = message;
      // Grid data the main thread already holds is not copied again (grid-data.ts); other
      // elements cross as their JSON text, made here once (text-delta.ts).
      const send = (event: RunnerToSession) => post({ type: 'event', sessionId, message: asTextDelta(gridData.strip(sessionId, event)) });
      runners.set(sessionId, new ScriptRunner(source, send, services, message.lastRunId));
      return;
    }
    case 'post':
      runners.get(message.sessionId)?.post(message.message);
      return;
    case 'close':
      runners.get(message.sessionId)?.post({ type: 'shutdown' });
      runners.delete(message.sessionId);
      gridData.forget(message.sessionId);
      return;
    case 'source_changed':
      source.invalidate();
      return;
    default:
      message satisfies never;
  }
});
