/**
 * The rerun round trip of a real app: `mini-st run app-30.ts` as a child process, one protocol
 * client (the same one the end-to-end tests use), and a loop that moves the slider and waits for
 * the run it causes to finish: from sending `rerun` to receiving that run's `run_finished`.
 * Past 800 reruns the session resumes on a fresh connection (long-session.mjs), which keeps a long
 * loop under the server's per-connection flood gate; the resume itself is not timed.
 */
import { performance } from 'node:perf_hooks';
import { startApp } from '../../examples/e2e/app-process.js';
import { wsClient } from '../../examples/e2e/ws-client.js';
import { longSession } from './long-session.mjs';
import { cpuMeter, startWithPid } from './proc.mjs';

const APP = 'scripts/bench/app-30.ts';
const SLIDER_LABEL = 'n';

/**
 * Start the app with scripts in a worker thread (`isolation: 'worker'`, the default) or in the
 * server's own thread (`'none'`), then time `warmup` + `count` reruns (stopping early when
 * `budgetMs` is spent).
 * Resolves to per-rerun samples plus the one-off startup and first-run times.
 */
export async function rerunRoundTrip({ count = 1000, warmup = 100, budgetMs = 120_000, isolation = 'worker', spin = false } = {}) {
  const spawnedAt = performance.now();
  const app = await startWithPid(() => startApp(APP, { args: ['--runner.isolation', isolation] }), 'mini-st.js');
  const startupMs = performance.now() - spawnedAt;
  let client;
  let spinner;
  try {
    if (spin) {
      // Another session first (it takes the first worker), spinning in a loop without st calls.
      spinner = await wsClient(app.url);
      await spinner.waitFor((m) => m.type === 'run_finished', { timeoutMs: 30_000 });
      const box = spinner.messages
        .flatMap((m) => (m.type === 'deltas' ? m.deltas : []))
        .find((d) => d.element?.type === 'checkbox' && d.element.label === 'Spin forever')?.element;
      if (!box) throw new Error(`no "Spin forever" checkbox in ${APP}`);
      spinner.send({ type: 'rerun', widgets: { [box.id]: true } });
      await spinner.waitFor((m) => m.type === 'run_started' && m.runId === 2, { timeoutMs: 30_000 });
    }
    const helloAt = performance.now();
    client = await longSession(app.url);
    const firstRunMs = performance.now() - helloAt;
    if (client.slider.label !== SLIDER_LABEL) throw new Error(`no slider labelled "${SLIDER_LABEL}" in the first run of ${APP}`);

    const samples = { ms: [], bytes: [], messages: [], deltas: [] };
    const deadline = performance.now() + budgetMs;
    let cpu;
    for (let i = 0; i < warmup + count && performance.now() < deadline; i++) {
      if (i === warmup) cpu = cpuMeter(app.pid);
      const run = await client.moveSlider();
      if (i < warmup) continue;
      samples.ms.push(run.elapsedMs);
      samples.bytes.push(run.bytes);
      samples.messages.push(run.messageCount);
      samples.deltas.push(run.deltas.length);
    }
    return { samples, startupMs, firstRunMs, elementCount: client.elements, serverCpu: cpu?.stop() };
  } catch (error) {
    const { stdout, stderr } = app.output();
    error.message += `\n--- mini-st stdout ---\n${stdout}\n--- mini-st stderr ---\n${stderr}`;
    throw error;
  } finally {
    await client?.close();
    await spinner?.close();
    await app.stop();
  }
}
