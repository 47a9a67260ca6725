/**
 * The second half of the rerun's floor: what the script itself costs, with no server around it.
 *
 *   (a) bare: the compiled body of app-30.ts (compiled by the runtime's own compileScript, so it is
 *       the very function a rerun calls) run with a no-op `st` whose widgets return their
 *       defaults. This is the user's code alone, the part no runtime can make faster;
 *   (b) runner: the same script through a real `ScriptRunner` (run context, widget registration,
 *       element building) with a `send` that drops every event: the script side of a rerun, with
 *       no thread hop, no diffing and no socket. For context, not part of the floor.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { importRuntimeSource } from './runtime-bundle.mjs';

const RUNTIME_GLOBAL = Symbol.for('mini-st.runtime');

/** A `st` that draws nothing; widgets return what the script gave as their default. */
function noopSt() {
  const noop = () => undefined;
  const widgets = {
    slider: (_label, o) => o?.value ?? o?.min_value ?? 0,
    number_input: (_label, o) => o?.value ?? o?.min_value ?? 0,
    text_input: (_label, o) => o?.value ?? '',
    text_area: (_label, o) => o?.value ?? '',
    checkbox: (_label, o) => o?.value ?? false,
    toggle: (_label, o) => o?.value ?? false,
    selectbox: (_label, options, o) => options[o?.index ?? 0],
    radio: (_label, options, o) => options[o?.index ?? 0],
    multiselect: (_label, _options, o) => o?.default ?? [],
    button: () => false,
    form_submit_button: () => false,
  };
  const base = { session_state: {}, ...widgets };
  return new Proxy(base, { get: (target, name) => (name in target ? target[name] : noop) });
}

/**
 * Time `count` calls (after `warmup`) of the bare script and of `ScriptRunner` reruns.
 * Resolves to `{ bare: number[], runner: number[] }` in milliseconds.
 */
export async function scriptFloor(appPath, { count = 5000, warmup = 500, budgetMs = 30_000 } = {}) {
  const { compileScript, ScriptRunner, publishRuntime } = await importRuntimeSource(
    'script-floor',
    [
      "export { compileScript } from './runner/compile.ts';",
      "export { ScriptRunner } from './runner/script-runner.ts';",
      "export { publishRuntime } from './runner/runtime-global.ts';",
    ].join('\n'),
  );
  const script = await compileScript(path.resolve(appPath));
  const deadline = performance.now() + budgetMs;

  // (a) The bare body: the compiled module reads `st` from the runtime global at each call.
  const realApi = globalThis[RUNTIME_GLOBAL];
  globalThis[RUNTIME_GLOBAL] = { st: noopSt(), StreamlitAPIException: Error };
  const bare = [];
  try {
    for (let i = 0; i < warmup + count && performance.now() < deadline; i++) {
      const started = performance.now();
      await script.main();
      if (i >= warmup) bare.push(performance.now() - started);
    }
  } finally {
    globalThis[RUNTIME_GLOBAL] = realApi;
    publishRuntime();
  }

  // (b) Through ScriptRunner, events dropped (the first run's are kept to find the slider).
  const events = [];
  let keep = true;
  const runner = new ScriptRunner({ load: async () => script }, (event) => keep && events.push(event));
  runner.post({ type: 'rerun', widgets: {}, triggers: [] });
  await runner.idle();
  const finished = events.find((e) => e.type === 'run_finished');
  if (finished?.status !== 'ok') throw new Error(`the first run of ${appPath} ended with status ${finished?.status}`);
  const slider = events.find((e) => e.type === 'delta' && e.delta.element?.type === 'slider')?.delta.element;
  if (!slider) throw new Error(`no slider in ${appPath}`);
  keep = false;
  const runnerSamples = [];
  let value = slider.value;
  const runnerDeadline = performance.now() + budgetMs;
  for (let i = 0; i < warmup + count && performance.now() < runnerDeadline; i++) {
    value = value >= slider.max ? slider.min : value + slider.step;
    const started = performance.now();
    runner.post({ type: 'rerun', widgets: { [slider.id]: value }, triggers: [] });
    await runner.idle();
    if (i >= warmup) runnerSamples.push(performance.now() - started);
  }
  runner.post({ type: 'shutdown' });
  return { bare, runner: runnerSamples };
}
