/**
 * Test support: drive a ScriptRunner with a script given as a function, and read back what each
 * run sent. Used by the runner and st tests; not part of the public surface.
 */
import type { Delta, Element, RunStatus, WidgetValue } from '@mini-st/protocol';
import type { RunnerToSession } from '../runner/messages.js';
import { ScriptRunner } from '../runner/script-runner.js';

export interface RunResult {
  runId: number;
  status: RunStatus;
  deltas: Delta[];
  counts: Record<string, number>;
  /** Elements of this run in the order sent. */
  elements: Element[];
  /** Text of every text-like element, in order (handy for assertions). */
  texts: string[];
}

export function runnerHarness(script: () => unknown) {
  const messages: RunnerToSession[] = [];
  const runner = new ScriptRunner({ load: async () => ({ main: async () => void (await script()), files: [] }) }, (message) =>
    messages.push(message),
  );

  function runs(): RunResult[] {
    const results = new Map<number, RunResult>();
    for (const message of messages) {
      if (message.type === 'run_started') {
        results.set(message.runId, { runId: message.runId, status: 'ok', deltas: [], counts: {}, elements: [], texts: [] });
      } else if (message.type === 'delta') {
        const run = results.get(message.runId);
        if (!run) continue;
        run.deltas.push(message.delta);
        if (message.delta.element) {
          run.elements.push(message.delta.element);
          const text = textOf(message.delta.element);
          if (text !== undefined) run.texts.push(text);
        }
      } else if (message.type === 'run_finished') {
        const run = results.get(message.runId);
        if (!run) continue;
        run.status = message.status;
        run.counts = message.counts;
      }
    }
    return [...results.values()];
  }

  return {
    runner,
    messages,
    runs,
    /** Post a rerun and wait until the runner is idle; returns the last run. */
    async rerun(widgets: Record<string, WidgetValue> = {}, triggers: string[] = []): Promise<RunResult> {
      runner.post({ type: 'rerun', widgets, triggers });
      await runner.idle();
      const all = runs();
      return all[all.length - 1] as RunResult;
    },
    /** The widget element with this label in the last run. */
    widget(label: string) {
      const all = runs();
      const last = all[all.length - 1];
      const element = last?.elements.find((e) => 'label' in e && e.label === label);
      if (!element || !('id' in element)) throw new Error(`no widget labelled ${label} in the last run`);
      return element;
    },
  };
}

function textOf(element: Element): string | undefined {
  switch (element.type) {
    case 'heading':
    case 'markdown':
    case 'text':
    case 'code':
    case 'alert':
      return element.body;
    case 'exception':
      return `${element.name}: ${element.message}`;
    default:
      return undefined;
  }
}
