import type { Delta, ServerMessage, WidgetValue } from '@mini-st/protocol';
import { describe, expect, it } from 'vitest';
import { asTextDelta } from '../runner/text-delta.js';
import { OutgoingQueue, type OutgoingMessage } from './outgoing-queue.js';
import { deltasText, hasText } from './wire-text.js';

/**
 * Two queues fed the same run, one with objects (in-process) and one with a worker's texts:
 * every frame on the wire must read the same, so the page and every test see the same messages.
 */
type Step =
  | { run: number; deltas: Delta[]; counts?: Record<string, number>; status?: 'ok' | 'interrupted'; fragments?: string[] }
  | { page: Record<string, WidgetValue> }
  | { reset: true };

const wire = (message: OutgoingMessage) => (message.type === 'deltas' && hasText(message) ? deltasText(message) : JSON.stringify(message));

function frames(steps: Step[], asText: boolean): string[][] {
  const flushes: string[][] = [];
  const q = new OutgoingQueue((messages) => flushes.push(messages.map(wire)));
  for (const step of steps) {
    if ('page' in step) q.pageChanged(step.page);
    else if ('reset' in step) q.reset();
    else {
      q.runStarted(step.run, step.fragments);
      for (const delta of step.deltas) {
        const event = asTextDelta({ type: 'delta', runId: step.run, delta });
        if (asText) {
          expect(event.type).toBe('delta_text');
          q.delta(step.run, event.type === 'delta_text' ? event.delta : delta);
        } else q.delta(step.run, delta);
      }
      // `counts` absent: the run streams on (only `reached` goes out).
      if (step.counts) q.runFinished(step.run, step.status ?? 'ok', step.counts);
      q.flush();
    }
  }
  return flushes;
}

function expectSameWire(steps: Step[]): string[][] {
  const objects = frames(steps, false);
  expect(frames(steps, true)).toEqual(objects);
  return objects;
}

const text = (path: number[], body: string): Delta => ({ path, element: { type: 'text', body } });
const vertical = (path: number[]): Delta => ({ path, block: { type: 'vertical', border: false } });
const expander = (path: number[]): Delta => ({ path, block: { type: 'expander', label: 'x', expanded: false } });
const slider = (value: number): Delta => ({
  path: [0, 0],
  element: { type: 'slider', id: 's', label: 'n', value, min: 0, max: 9, step: 1, dataType: 'int', disabled: false, labelVisibility: 'visible' },
});

describe("a worker's text deltas on the wire", () => {
  it('reads exactly as the objects would, and each frame parses back to the message', () => {
    const flushes = expectSameWire([{ run: 1, deltas: [text([0, 0], 'a "quoted" é'), vertical([0, 1]), text([0, 1, 0], 'in')], counts: { '0': 2, '0.1': 1 } }]);
    const deltas = JSON.parse(flushes[0]![1]!) as ServerMessage;
    expect(deltas).toEqual({ type: 'deltas', runId: 1, deltas: [text([0, 0], 'a "quoted" é'), vertical([0, 1]), text([0, 1, 0], 'in')] });
  });

  it('skips unchanged elements and carries `reached` while a run streams', () => {
    const flushes = expectSameWire([
      { run: 1, deltas: [text([0, 0], 'a'), text([0, 1], 'b')], counts: { '0': 2 } },
      { run: 2, deltas: [text([0, 0], 'a'), text([0, 1], 'c')], counts: { '0': 2 } },
      { run: 3, deltas: [text([0, 0], 'a')] },
    ]);
    expect(flushes[1]).toHaveLength(3);
    expect(JSON.parse(flushes[2]![1]!)).toEqual({ type: 'deltas', runId: 3, deltas: [], reached: { '0': 1 } });
  });

  it('merges a newer element into the queued one, but not past an ancestor replaced after it', () => {
    const flushes = expectSameWire([
      { run: 1, deltas: [text([0, 0], 'one'), text([0, 1], 'x'), text([0, 0], 'two')], counts: { '0': 2 } },
      { run: 2, deltas: [vertical([0, 2]), text([0, 2, 0], 'one'), expander([0, 2]), text([0, 2, 0], 'two')], counts: { '0': 3, '0.2': 1 } },
    ]);
    expect((JSON.parse(flushes[0]![1]!) as { deltas: Delta[] }).deltas).toEqual([text([0, 0], 'two'), text([0, 1], 'x')]);
    expect((JSON.parse(flushes[1]![1]!) as { deltas: Delta[] }).deltas).toHaveLength(4);
  });

  it('drops a replaced block\'s children, prunes, and sends everything after a reset', () => {
    expectSameWire([
      { run: 1, deltas: [vertical([0, 0]), text([0, 0, 0], 'in'), text([0, 1], 'b')], counts: { '0': 2, '0.0': 1 } },
      { run: 2, deltas: [expander([0, 0]), text([0, 0, 0], 'in')], counts: { '0': 1, '0.0': 1 } },
      { run: 3, deltas: [expander([0, 0]), text([0, 0, 0], 'in'), text([0, 1], 'b')], counts: { '0': 2, '0.0': 1 } },
      { reset: true },
      { run: 4, deltas: [expander([0, 0]), text([0, 0, 0], 'in'), text([0, 1], 'b')], counts: { '0': 2, '0.0': 1 } },
    ]);
  });

  it('keeps rule 5: the page\'s own value is not echoed, a server-side reset is sent', () => {
    const flushes = expectSameWire([
      { run: 1, deltas: [slider(1), text([0, 1], 'n=1')], counts: { '0': 2 } },
      { page: { s: 5 } },
      { run: 2, deltas: [slider(5), text([0, 1], 'n=5')], counts: { '0': 2 } },
      { page: { s: 7 } },
      { run: 3, deltas: [slider(5), text([0, 1], 'n=5')], counts: { '0': 2 } },
    ]);
    expect((JSON.parse(flushes[1]![1]!) as { deltas: Delta[] }).deltas).toEqual([text([0, 1], 'n=5')]);
    expect((JSON.parse(flushes[2]![1]!) as { deltas: Delta[] }).deltas).toEqual([slider(5)]);
  });

  it('prunes a fragment run only inside its fragment', () => {
    expectSameWire([
      { run: 1, deltas: [vertical([0, 0]), text([0, 0, 0], 'a'), text([0, 0, 1], 'b'), text([0, 1], 'out')], counts: { '0': 2, '0.0': 2 } },
      { run: 2, fragments: ['0.0'], deltas: [vertical([0, 0]), text([0, 0, 0], 'a2')], counts: { '0.0': 1 } },
      { run: 3, deltas: [vertical([0, 0]), text([0, 0, 0], 'a2'), text([0, 0, 1], 'b'), text([0, 1], 'out')], counts: { '0': 2, '0.0': 2 } },
    ]);
  });
});

describe('asTextDelta', () => {
  it('keeps grids and uploaders as objects: the main thread reads them', () => {
    const uploader: Delta = {
      path: [0, 0],
      element: { type: 'file_uploader', id: 'u', label: 'f', value: '', accept: ['.csv'], multiple: false, disabled: false, labelVisibility: 'visible' } as never,
    };
    const grid: Delta = { path: [0, 1], element: { type: 'dataframe', digest: 'd', data: { columns: [], rowCount: 0 }, columns: [], useContainerWidth: false, hideIndex: false } as never };
    expect(asTextDelta({ type: 'delta', runId: 1, delta: uploader }).type).toBe('delta');
    expect(asTextDelta({ type: 'delta', runId: 1, delta: grid }).type).toBe('delta');
    expect(asTextDelta({ type: 'run_finished', runId: 1, status: 'ok', counts: {} }).type).toBe('run_finished');
  });

  it("names a widget's id and a block's type, which the queue needs without parsing", () => {
    expect(asTextDelta({ type: 'delta', runId: 1, delta: slider(3) })).toMatchObject({ type: 'delta_text', delta: { widgetId: 's' } });
    expect(asTextDelta({ type: 'delta', runId: 1, delta: expander([0]) })).toMatchObject({ type: 'delta_text', delta: { blockType: 'expander' } });
    expect(asTextDelta({ type: 'delta', runId: 1, delta: text([0], 'a') })).not.toHaveProperty('delta.widgetId');
  });
});
