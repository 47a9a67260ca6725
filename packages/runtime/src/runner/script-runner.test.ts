import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';

/** A promise with its resolver, to hold a script mid-run without sleeping. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('ScriptRunner', () => {
  it('reruns the script top to bottom and reports how each run ended', async () => {
    let count = 0;
    const h = runnerHarness(() => {
      count += 1;
      st.title('Hello');
      st.text(`run ${count}`);
    });
    const first = await h.rerun();
    expect(first.status).toBe('ok');
    expect(first.texts).toEqual(['Hello', 'run 1']);
    expect(first.counts['0']).toBe(2);
    const second = await h.rerun();
    expect(second.texts).toEqual(['Hello', 'run 2']);
    expect(second.runId).toBe(first.runId + 1);
  });

  it('stops a stale run at its next st call when a widget changes', async () => {
    const hold = gate();
    const reached = gate();
    let runs = 0;
    const h = runnerHarness(async () => {
      runs += 1;
      const n = st.slider('n', { value: 1 });
      st.text(`before ${n}`);
      if (runs === 2) {
        reached.open();
        await hold.opened;
      }
      st.text(`after ${n}`);
    });
    await h.rerun();
    const id = h.widget('n').id;
    h.runner.post({ type: 'rerun', widgets: { [id]: 5 }, triggers: [] });
    await reached.opened;
    h.runner.post({ type: 'rerun', widgets: { [id]: 7 }, triggers: [] });
    hold.open();
    await h.runner.idle();
    const all = h.runs();
    expect(all.map((r) => r.status)).toEqual(['ok', 'interrupted', 'ok']);
    expect(all[1]?.texts).toEqual(['before 5']);
    expect(all[2]?.texts).toEqual(['before 7', 'after 7']);
  });

  it('ends the run when the page asks to stop, without pruning', async () => {
    const hold = gate();
    const reached = gate();
    const h = runnerHarness(async () => {
      st.text('one');
      reached.open();
      await hold.opened;
      st.text('two');
    });
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
    await reached.opened;
    h.runner.post({ type: 'stop' });
    hold.open();
    await h.runner.idle();
    const [run] = h.runs();
    expect(run?.status).toBe('stopped');
    expect(run?.texts).toEqual(['one']);
  });

  it('cannot be swallowed by a catch in the script', async () => {
    const hold = gate();
    const reached = gate();
    let afterCatch = false;
    const h = runnerHarness(async () => {
      st.text('start');
      reached.open();
      await hold.opened;
      try {
        st.text('inside try');
      } catch {
        // A user's catch-all.
      }
      afterCatch = true;
      try {
        st.text('again');
      } catch {
        // Swallowed a second time: the runner still ends the run as stopped.
      }
    });
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
    await reached.opened;
    h.runner.post({ type: 'stop' });
    hold.open();
    await h.runner.idle();
    const [run] = h.runs();
    expect(afterCatch).toBe(true);
    expect(run?.status).toBe('stopped');
    expect(run?.texts).toEqual(['start']);
  });

  it('st.stop() ends the run as a normal end and st.rerun() runs again', async () => {
    let runs = 0;
    const h = runnerHarness(() => {
      runs += 1;
      st.text(`run ${runs}`);
      if (runs === 1) st.rerun();
      st.stop();
      st.text('never');
    });
    await h.rerun();
    const all = h.runs();
    expect(all.map((r) => r.status)).toEqual(['interrupted', 'ok']);
    expect(all[1]?.texts).toEqual(['run 2']);
  });

  it('draws an uncaught error as an exception element and keeps serving', async () => {
    let fail = true;
    const h = runnerHarness(async () => {
      st.text('before');
      await Promise.resolve();
      if (fail) throw new TypeError('boom');
      st.text('fine');
    });
    const broken = await h.rerun();
    expect(broken.status).toBe('error');
    expect(broken.texts).toEqual(['before', 'TypeError: boom']);
    fail = false;
    const fixed = await h.rerun();
    expect(fixed.status).toBe('ok');
    expect(fixed.texts).toEqual(['before', 'fine']);
  });

  it('makes a button true for exactly the run its click caused', async () => {
    const seen: boolean[] = [];
    const h = runnerHarness(() => {
      seen.push(st.button('Go'));
    });
    await h.rerun();
    const id = h.widget('Go').id;
    await h.rerun({}, [id]);
    await h.rerun();
    expect(seen).toEqual([false, true, false]);
  });

  it('coalesces pending reruns without losing a click', async () => {
    const hold = gate();
    const reached = gate();
    const log: string[] = [];
    let runs = 0;
    const h = runnerHarness(async () => {
      runs += 1;
      if (runs === 2) {
        reached.open();
        await hold.opened;
      }
      const clicked = st.button('Go');
      const n = st.slider('n');
      log.push(`${clicked}:${n}`);
    });
    await h.rerun();
    const go = h.widget('Go').id;
    const n = h.widget('n').id;
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [] });
    await reached.opened;
    // While run 2 waits: a click, then two slider moves. They coalesce into one run, click kept.
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [go] });
    h.runner.post({ type: 'rerun', widgets: { [n]: 3 }, triggers: [] });
    h.runner.post({ type: 'rerun', widgets: { [n]: 4 }, triggers: [] });
    hold.open();
    await h.runner.idle();
    expect(h.runs().map((r) => r.status)).toEqual(['ok', 'interrupted', 'ok']);
    expect(log).toEqual(['false:0', 'true:4']);
  });

  it('carries a click over when its run was interrupted before the button was read', async () => {
    const hold = gate();
    const reached = gate();
    const clicks: boolean[] = [];
    let runs = 0;
    const h = runnerHarness(async () => {
      runs += 1;
      const n = st.slider('n');
      if (runs === 2) {
        reached.open();
        await hold.opened;
      }
      clicks.push(st.button('Go'));
      st.text(String(n));
    });
    await h.rerun();
    const go = h.widget('Go').id;
    const n = h.widget('n').id;
    h.runner.post({ type: 'rerun', widgets: {}, triggers: [go] });
    await reached.opened;
    h.runner.post({ type: 'rerun', widgets: { [n]: 9 }, triggers: [] });
    hold.open();
    await h.runner.idle();
    expect(clicks).toEqual([false, true]);
    expect(h.runs().at(-1)?.texts).toEqual(['9']);
  });

  it('runs on_change and on_click callbacks with args before the script', async () => {
    const order: string[] = [];
    const h = runnerHarness(() => {
      order.push('script');
      st.text_input('Name', { key: 'name', on_change: (who: string) => order.push(`changed by ${who}`), args: ['page'] });
      st.button('Save', { on_click: () => order.push(`saved ${st.session_state.name}`) });
    });
    await h.rerun();
    const name = h.widget('Name').id;
    const save = h.widget('Save').id;
    order.length = 0;
    await h.rerun({ [name]: 'Ada' }, [save]);
    expect(order).toEqual(['changed by page', 'saved Ada', 'script']);
  });

  it('st.rerun() runs again without the click of the run that called it, as Streamlit does', async () => {
    const clicks: boolean[] = [];
    let reruns = 0;
    const h = runnerHarness(() => {
      if (st.session_state.again && reruns++ === 0) st.rerun();
      clicks.push(st.button('Go', { on_click: () => (st.session_state.again = true) }));
    });
    await h.rerun();
    await h.rerun({}, [h.widget('Go').id]);
    expect(clicks).toEqual([false, false]);
    expect(h.runs().map((r) => r.status)).toEqual(['ok', 'interrupted', 'ok']);
  });
});
