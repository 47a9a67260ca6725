/**
 * The entry of a worker thread that runs scripts. It holds the runners of the sessions bound to
 * it (their session_state and everything their scripts create stay in this thread) and compiles
 * the script for itself. The main thread keeps all I/O; this thread only runs scripts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import '../index.js';
import type { RunnerToSession } from './messages.js';
import { ScriptRunner } from './script-runner.js';
import { ScriptSource } from './script-source.js';
import type { FromWorker, ToWorker, WorkerData } from './worker-messages.js';

const port = parentPort;
if (!port) throw new Error('worker-main runs only as a worker thread');

const { scriptPath } = workerData as WorkerData;
// The main thread compiles too and prints compile errors once; here they are only drawn in pages.
const source = new ScriptSource(scriptPath, () => {});
const runners = new Map<string, ScriptRunner>();

// A script's stray promise must not take down the other sessions of this worker.
process.on('unhandledRejection', (reason) => {
  console.error('Error [MST_ERR_UNHANDLED_REJECTION]: a promise rejected and nothing handled it:', reason);
});

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'open': {
      const { sessionId } = message;
      const send = (event: RunnerToSession) => port.postMessage({ type: 'event', sessionId, message: event } satisfies FromWorker);
      runners.set(sessionId, new ScriptRunner(source, send, undefined, message.lastRunId));
      return;
    }
    case 'post':
      runners.get(message.sessionId)?.post(message.message);
      return;
    case 'close':
      runners.get(message.sessionId)?.post({ type: 'shutdown' });
      runners.delete(message.sessionId);
      return;
    case 'source_changed':
      source.invalidate();
      return;
    default:
      message satisfies never;
  }
});
