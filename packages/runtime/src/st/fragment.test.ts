import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunnerToSession } from '../runner/messages.js';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';
import { parseRunEvery } from './fragment.js';

type Harness = ReturnType<typeof runnerHarness>;

/** The id of the newest widget element with this label, in any run so far. */
function widgetId(h: Harness, label: string): string {
  for (const run of h.runs().reverse()) {
    const element = run.elements.find((e) => 'label' in e && e.label === label);
    if (element && 'id' in element) return element.id;
  }
  throw new Error(`no widget labelled ${label}`);
}

function fragmentIdOf(h: Harness, label: string): string {
  for (const run of h.runs().reverse()) {
    const element = run.elements.find((e) => 'label' in e && e.label === label);
    if (element && 'fragmentId' in element && element.fragmentId) return element.fragmentId;
  }
  throw new Error(`no widget labelled ${label} in a fragment`);
}

async function post(h: Harness, message: Extract<Parameters<Harness['runner']['post']>[0], { type: 'rerun' }>) {
  h.runner.post(message);
  await h.runner.idle();
  return h.runs().at(-1)!;
}

function runStarts(h: Harness): Extract<RunnerToSession, { type: 'run_started' }>[] {
  return h.messages.filter((m): m is Extract<RunnerToSession, { type: 'run_started' }> => m.type === 'run_started');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('st.fragment', () => {
  it('reruns only the fragment when a widget inside it changes; a counter outside stays', async () => {
    let outside = 0;
    let inside = 0;
    const h = runnerHarness(() => {
      outside += 1;
      st.title('App');
      st.text(`outside ${outside}`);
      const part = st.fragment((label: string) => {
        inside += 1;
        const n = st.slider(label, { value: 1 });
        st.text(`inside ${inside} n=${n}`);
      });
      part('n');
      st.text('after');
    });
    const first = await h.rerun();
    expect(first.texts).toEqual(['App', 'outside 1', 'inside 1 n=1', 'after']);
    const fragmentId = fragmentIdOf(h, 'n');

    const run = await post(h, { type: 'rerun', widgets: { [widgetId(h, 'n')]: 4 }, triggers: [], fragmentId });
    expect(outside).toBe(1);
    expect(inside).toBe(2);
    expect(run.status).toBe('ok');
    expect(run.texts).toEqual(['inside 2 n=4']);
    // Everything it drew lies under the fragment's block [0, 2]; it counts (and prunes) only there.
    expect(run.deltas.every((d) => d.path[0] === 0 && d.path[1] === 2)).toBe(true);
    expect(run.counts).toEqual({ '0.2': 2 });
    expect(runStarts(h).at(-1)).toEqual({ type: 'run_started', runId: run.runId, fragments: ['0.2'] });
  });

  it('calls the function again with the arguments of its last call, and returns what it returns', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      const greet = st.fragment((who: string, times: number) => {
        seen.push([who, times]);
        st.button('again');
        return `${who}!`;
      });
      st.text(greet('Ada', 2));
    });
    await h.rerun();
    await post(h, { type: 'rerun', widgets: {}, triggers: [widgetId(h, 'again')], fragmentId: fragmentIdOf(h, 'again') });
    expect(seen).toEqual([
      ['Ada', 2],
      ['Ada', 2],
    ]);
    expect(h.runs()[0]!.texts).toEqual(['Ada!']);
  });

  it('reruns the whole script (and the fragment in it) for a widget outside', async () => {
    let outside = 0;
    let inside = 0;
    const h = runnerHarness(() => {
      outside += 1;
      st.slider('out', { value: 1 });
      st.fragment(() => {
        inside += 1;
        st.text('in');
      })();
    });
    await h.rerun();
    const run = await post(h, { type: 'rerun', widgets: { [widgetId(h, 'out')]: 3 }, triggers: [] });
    expect([outside, inside]).toEqual([2, 2]);
    expect(run.counts['0']).toBe(2);
    expect(runStarts(h).at(-1)!.fragments).toBeUndefined();
  });

  it('keeps the state of widgets outside the fragment, and forgets widgets gone from inside it', async () => {
    const h = runnerHarness(() => {
      const out = st.slider('out', { value: 1 });
      st.fragment(() => {
        const more = st.checkbox('more');
        if (more) st.slider('extra', { value: 2 });
        st.text(`out=${out}`);
      })();
    });
    await h.rerun();
    await h.rerun({ [widgetId(h, 'out')]: 7 });
    const fragmentId = fragmentIdOf(h, 'more');
    await post(h, { type: 'rerun', widgets: { [widgetId(h, 'more')]: true }, triggers: [], fragmentId });
    const extra = widgetId(h, 'extra');
    await post(h, { type: 'rerun', widgets: { [extra]: 9 }, triggers: [], fragmentId });
    expect(h.runner.scriptState.widgets.get(extra)?.value).toBe(9);
    await post(h, { type: 'rerun', widgets: { [widgetId(h, 'more')]: false }, triggers: [], fragmentId });
    // The slider outside was not reached by the fragment runs, and keeps its value.
    expect(h.runner.scriptState.widgets.get(widgetId(h, 'out'))?.value).toBe(7);
    // The one inside that the last fragment run did not draw is gone.
    expect(h.runner.scriptState.widgets.has(extra)).toBe(false);
    const full = await h.rerun();
    expect(full.texts).toEqual(['out=7']);
  });

  it('gives widgets of a fragment in an st.navigation page the same ids in its fragment runs', async () => {
    const h = runnerHarness(async () => {
      const home = st.Page(function home() {
        st.fragment(() => {
          const n = st.slider('pn', { value: 1 });
          st.text(`pn=${n}`);
        })();
      });
      await st.navigation([home]).run();
    });
    await h.rerun();
    const id = widgetId(h, 'pn');
    const run = await post(h, { type: 'rerun', widgets: { [id]: 6 }, triggers: [], fragmentId: fragmentIdOf(h, 'pn') });
    expect(run.texts).toEqual(['pn=6']);
    expect(run.elements.find((e) => 'label' in e && e.label === 'pn')).toMatchObject({ id });
  });

  it('runs the whole script when the fragment named is not on the page', async () => {
    let outside = 0;
    const h = runnerHarness(() => {
      outside += 1;
      st.text('x');
    });
    await h.rerun();
    const run = await post(h, { type: 'rerun', widgets: {}, triggers: [], fragmentId: 'nope-0.3' });
    expect(outside).toBe(2);
    expect(run.counts['0']).toBe(1);
  });

  it('lets a full run in progress finish, then runs the fragment; a pending full run absorbs it', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let reached!: () => void;
    const atHold = new Promise<void>((resolve) => (reached = resolve));
    let runs = 0;
    let hold = false;
    const h = runnerHarness(async () => {
      runs += 1;
      st.fragment(() => st.slider('f', { value: 1 }))();
      if (hold) {
        reached();
        await held;
      }
      st.text(`done ${runs}`);
    });
    await h.rerun();
    const fragmentId = fragmentIdOf(h, 'f');
    hold = true;
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
    await atHold;
    hold = false;
    h.runner.post({ type: 'rerun', widgets: { [widgetId(h, 'f')]: 2 }, triggers: [], fragmentId });
    release();
    await h.runner.idle();
    // The full run was not cut short by the fragment's request; the fragment ran after it.
    expect(h.runs().map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(h.runs()[1]!.texts).toEqual(['done 2']);
    expect(runStarts(h).at(-1)!.fragments).toEqual(['0.0']);

    // A fragment request and a full one waiting together: one full run.
    hold = true;
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [], fragmentId: 'elsewhere' });
    const before = h.runs().length;
    h.runner.post({ type: 'rerun', widgets: { [widgetId(h, 'f')]: 3 }, triggers: [], fragmentId });
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
    hold = false;
    await h.runner.idle();
    const after = h.runs().slice(before);
    expect(runStarts(h).slice(-after.length).every((m) => m.fragments === undefined)).toBe(true);
    expect(h.runner.scriptState.widgets.get(widgetId(h, 'f'))?.value).toBe(3);
  });

  it('runs queued fragments in one run; an st.stop() in one leaves the others as they were', async () => {
    let release!: () => void;
    let hold: Promise<void> | null = null;
    let reached!: () => void;
    const atHold = new Promise<void>((resolve) => (reached = resolve));
    const h = runnerHarness(async () => {
      st.fragment(() => {
        if (st.button('a')) st.stop();
        st.text('a content');
      })();
      st.fragment(() => {
        st.button('b');
        st.text('b content');
      })();
      if (hold) {
        reached();
        await hold;
      }
    });
    await h.rerun();
    hold = new Promise<void>((resolve) => (release = resolve));
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
    await atHold;
    hold = null;
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [widgetId(h, 'a')], fragmentId: fragmentIdOf(h, 'a') });
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [widgetId(h, 'b')], fragmentId: fragmentIdOf(h, 'b') });
    release();
    await h.runner.idle();
    const last = h.runs().at(-1)!;
    expect(runStarts(h).at(-1)!.fragments).toEqual(['0.0', '0.1']);
    expect(last.status).toBe('ok');
    // Fragment a stopped before drawing its text; fragment b was not reached: not counted, not pruned.
    expect(last.counts).toEqual({ '0.0': 1 });
  });

  it('refuses to write outside its container, in full runs and fragment runs', async () => {
    let round = 0;
    const h = runnerHarness(() => {
      round += 1;
      st.fragment(() => {
        st.button('go');
        if (round === 1) st.sidebar.text('side');
        else st.text('inside');
      })();
    });
    const first = await h.rerun();
    expect(first.status).toBe('error');
    const error = first.elements.find((e) => e.type === 'exception');
    expect(error).toMatchObject({ code: 'MST_ERR_FRAGMENT_OUTSIDE_WRITE' });
    await h.rerun();
    // A fragment run that writes outside its block: the error is drawn inside the fragment.
    const h2 = runnerHarness(() => {
      const outer = st.container();
      st.fragment(() => {
        if (st.button('go')) outer.text('outer');
      })();
    });
    await h2.rerun();
    const run = await post(h2, { type: 'rerun', widgets: {}, triggers: [widgetId(h2, 'go')], fragmentId: fragmentIdOf(h2, 'go') });
    expect(run.status).toBe('error');
    const exception = run.deltas.find((d) => d.element?.type === 'exception')!;
    expect(exception.path.slice(0, 2)).toEqual([0, 1]);
    // A container from an earlier run is stale in this one.
    expect(exception.element).toMatchObject({ code: 'MST_ERR_STALE_CONTAINER' });
    const h3 = runnerHarness(() => {
      st.fragment(() => {
        if (st.button('go')) st.sidebar.text('side');
      })();
    });
    await h3.rerun();
    const run3 = await post(h3, { type: 'rerun', widgets: {}, triggers: [widgetId(h3, 'go')], fragmentId: fragmentIdOf(h3, 'go') });
    expect(run3.elements.find((e) => e.type === 'exception')).toMatchObject({ code: 'MST_ERR_FRAGMENT_OUTSIDE_WRITE' });
  });

  it('draws a callback\'s write in a fragment run as a fragment error, inside the fragment', async () => {
    const h = runnerHarness(() => {
      st.fragment(() => {
        st.button('cb', { on_click: () => st.write('from the callback') });
      })();
    });
    await h.rerun();
    const run = await post(h, { type: 'rerun', widgets: {}, triggers: [widgetId(h, 'cb')], fragmentId: fragmentIdOf(h, 'cb') });
    expect(run.status).toBe('error');
    const error = run.deltas.find((d) => d.element?.type === 'exception')!;
    expect(error.element).toMatchObject({ code: 'MST_ERR_FRAGMENT_OUTSIDE_WRITE' });
    expect(error.path.slice(0, 2)).toEqual([0, 0]);
  });

  it('st.rerun({ scope: "fragment" }) reruns only the fragment, and is refused in a full run', async () => {
    let outside = 0;
    let inside = 0;
    const h = runnerHarness(() => {
      outside += 1;
      st.fragment(() => {
        inside += 1;
        if (st.button('again') && inside < 5) st.rerun({ scope: 'fragment' });
        st.text(`inside ${inside}`);
      })();
    });
    await h.rerun();
    await post(h, { type: 'rerun', widgets: {}, triggers: [widgetId(h, 'again')], fragmentId: fragmentIdOf(h, 'again') });
    expect(outside).toBe(1);
    expect(inside).toBe(3);
    expect(runStarts(h).slice(1).every((m) => m.fragments?.length === 1)).toBe(true);

    const full = runnerHarness(() => {
      st.fragment(() => st.rerun({ scope: 'fragment' }))();
    });
    const run = await full.rerun();
    expect(run.elements.find((e) => e.type === 'exception')).toMatchObject({ code: 'MST_ERR_RERUN_FRAGMENT_SCOPE' });
    const outsideAny = runnerHarness(() => st.rerun({ scope: 'fragment' }));
    expect((await outsideAny.rerun()).elements[0]).toMatchObject({ code: 'MST_ERR_RERUN_FRAGMENT_SCOPE' });
  });

  it('nests: an inner widget reruns the inner fragment, an outer one both', async () => {
    const calls: string[] = [];
    const h = runnerHarness(() => {
      calls.push('script');
      st.fragment(() => {
        calls.push('outer');
        st.button('outer');
        st.fragment(() => {
          calls.push('inner');
          st.button('inner');
        })();
      })();
    });
    await h.rerun();
    calls.length = 0;
    await post(h, { type: 'rerun', widgets: {}, triggers: [widgetId(h, 'inner')], fragmentId: fragmentIdOf(h, 'inner') });
    expect(calls).toEqual(['inner']);
    expect(runStarts(h).at(-1)!.fragments).toEqual(['0.0.1']);
    calls.length = 0;
    await post(h, { type: 'rerun', widgets: {}, triggers: [widgetId(h, 'outer')], fragmentId: fragmentIdOf(h, 'outer') });
    expect(calls).toEqual(['outer', 'inner']);
    // The outer and inner fragments queued together: the outer one redraws the inner.
    calls.length = 0;
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [], fragmentId: fragmentIdOf(h, 'inner') });
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [], fragmentId: fragmentIdOf(h, 'outer') });
    await h.runner.idle();
    expect(calls.filter((c) => c === 'outer').length).toBeGreaterThanOrEqual(1);
    expect(calls).not.toContain('script');
  });

  it('run_every reruns the fragment on a timer, pauses while the page is away, and stops when it is gone', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    let ticks = 0;
    let show = true;
    const h = runnerHarness(() => {
      if (show) st.fragment(() => st.text(`tick ${++ticks}`), { run_every: '2s' })();
      st.text('end');
    });
    await h.rerun();
    expect(h.runner.fragmentTimers.length).toBe(1);
    vi.advanceTimersByTime(2000);
    await h.runner.idle();
    expect(ticks).toBe(2);
    expect(runStarts(h).at(-1)!.fragments).toEqual(['0.0']);
    h.runner.post({ type: 'connection', connected: false });
    vi.advanceTimersByTime(6000);
    await h.runner.idle();
    expect(ticks).toBe(2);
    h.runner.post({ type: 'connection', connected: true });
    vi.advanceTimersByTime(2000);
    await h.runner.idle();
    expect(ticks).toBe(3);
    show = false;
    await h.rerun();
    expect(h.runner.fragmentTimers).toEqual([]);
    vi.advanceTimersByTime(10_000);
    await h.runner.idle();
    expect(ticks).toBe(3);
  });

  it('stops the timers when the session goes away', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const h = runnerHarness(() => st.fragment(() => st.text('t'), { run_every: 0.5 })());
    await h.rerun();
    expect(h.runner.fragmentTimers.length).toBe(1);
    h.runner.post({ type: 'shutdown' });
    expect(h.runner.fragmentTimers).toEqual([]);
  });

  it('reads run_every as seconds or durations, and refuses the rest', () => {
    expect(parseRunEvery(null)).toBeNull();
    expect(parseRunEvery(undefined)).toBeNull();
    expect(parseRunEvery(2)).toBe(2000);
    expect(parseRunEvery('500ms')).toBe(500);
    expect(parseRunEvery('2s')).toBe(2000);
    expect(parseRunEvery('1m30s')).toBe(90_000);
    expect(parseRunEvery('1.5')).toBe(1500);
    for (const bad of [0, -1, 'soon', '2 parsecs', Number.NaN, {}]) {
      expect(() => parseRunEvery(bad)).toThrow(expect.objectContaining({ code: 'MST_ERR_RUN_EVERY' }));
    }
  });
});

describe('st.dialog', () => {
  it('draws a dialog block whose widgets rerun only the dialog; st.rerun() inside runs the app and closes it', async () => {
    let outside = 0;
    let body = 0;
    const h = runnerHarness(() => {
      outside += 1;
      const edit = st.dialog('Edit item', { width: 'large' })((item: string) => {
        body += 1;
        const name = st.text_input('Name', { value: item });
        if (st.button('Save')) {
          st.session_state.saved = name;
          st.rerun();
        }
      });
      if (st.button('Open')) edit('x');
      st.text(`saved=${st.session_state.saved ?? '-'}`);
    });
    await h.rerun();
    const opened = await h.rerun({}, [widgetId(h, 'Open')]);
    const dialog = opened.deltas.find((d) => d.block?.type === 'dialog')!;
    expect(dialog.block).toMatchObject({ type: 'dialog', title: 'Edit item', width: 'large', openedIn: opened.runId });
    const fragmentId = fragmentIdOf(h, 'Name');
    expect(dialog.block).toMatchObject({ fragmentId });
    await post(h, { type: 'rerun', widgets: { [widgetId(h, 'Name')]: 'y' }, triggers: [], fragmentId });
    expect(outside).toBe(2);
    expect(body).toBe(2);
    await post(h, { type: 'rerun', widgets: {}, triggers: [widgetId(h, 'Save')], fragmentId });
    // Save reran the app (st.rerun), which did not call the dialog again: it is pruned.
    const last = h.runs().at(-1)!;
    expect(outside).toBe(3);
    expect(last.texts).toEqual(['saved=y']);
    expect(last.deltas.some((d) => d.block?.type === 'dialog')).toBe(false);
    expect(last.counts['0']).toBe(2);
  });

  it('allows one dialog per run', async () => {
    const h = runnerHarness(() => {
      const a = st.dialog('A')(() => st.text('a'));
      const b = st.dialog('B')(() => st.text('b'));
      a();
      b();
    });
    const run = await h.rerun();
    expect(run.elements.find((e) => e.type === 'exception')).toMatchObject({ code: 'MST_ERR_DIALOG_ALREADY_OPEN' });
  });

  it('refuses a bad width or title', () => {
    expect(() => st.dialog('T', { width: 'huge' as never })).toThrow(expect.objectContaining({ code: 'MST_ERR_INVALID_ARGUMENT' }));
    expect(() => st.dialog('')).toThrow(expect.objectContaining({ code: 'MST_ERR_INVALID_ARGUMENT' }));
  });
});
