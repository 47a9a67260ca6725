import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('st.spinner', () => {
  it('shows while async work runs, returns its result, then leaves an empty slot', async () => {
    const results: unknown[] = [];
    const h = runnerHarness(async () => {
      results.push(await st.spinner('Loading…', async () => {
        await sleep(5);
        return 42;
      }));
      results.push(st.spinner('Sync', () => 'now'));
      st.text('after');
    });
    const run = await h.rerun();
    expect(results).toEqual([42, 'now']);
    const atFirst = run.deltas.filter((d) => d.path.join('.') === '0.0').map((d) => d.element?.type);
    expect(atFirst).toEqual(['empty', 'spinner', 'empty']);
    expect(run.deltas.find((d) => d.element?.type === 'spinner')?.element).toEqual({ type: 'spinner', text: 'Loading…', showTime: false });
    expect(run.deltas.at(-1)).toEqual({ path: [0, 2], element: { type: 'text', body: 'after' } });
  });

  it('clears the spinner when the work throws, and the error reaches the page', async () => {
    const h = runnerHarness(async () => {
      await st.spinner('Failing…', async () => {
        throw new Error('boom');
      });
    });
    const run = await h.rerun();
    expect(run.status).toBe('error');
    const atFirst = run.deltas.filter((d) => d.path.join('.') === '0.0').map((d) => d.element?.type);
    expect(atFirst).toEqual(['empty', 'spinner', 'empty']);
    expect(run.texts).toContain('Error: boom');
  });
});

describe('st.progress', () => {
  it('updates one bar in place through the handle it returns', async () => {
    const h = runnerHarness(() => {
      const bar = st.progress(0, { text: 'Starting' });
      for (let i = 1; i <= 4; i++) bar.progress(i / 4, { text: `Step ${i}` });
      st.text('below');
    });
    const run = await h.rerun();
    const bars = run.deltas.filter((d) => d.element?.type === 'progress');
    expect(bars.map((d) => d.path)).toEqual(Array(5).fill([0, 0]));
    expect(bars.at(-1)?.element).toEqual({ type: 'progress', value: 1, text: 'Step 4' });
    expect(run.counts['0']).toBe(2);
  });

  it('takes fractions from 0 to 1 and whole percents up to 100, and refuses anything else', async () => {
    const values: number[] = [];
    const errors: string[] = [];
    const h = runnerHarness(() => {
      for (const v of [0, 0.25, 1, 2, 50, 100]) {
        st.progress(v);
      }
      for (const v of [-0.1, 1.5, 101, Number.NaN]) {
        try {
          st.progress(v);
        } catch (error) {
          errors.push((error as { code: string }).code);
        }
      }
    });
    const run = await h.rerun();
    for (const d of run.deltas) if (d.element?.type === 'progress') values.push(d.element.value);
    expect(values).toEqual([0, 0.25, 1, 0.02, 0.5, 1]);
    expect(errors).toEqual(Array(4).fill('MST_ERR_PROGRESS_VALUE'));
  });
});

describe('st.status', () => {
  it('is an expander with a state; update keeps what was written in it and where writing goes on', async () => {
    const h = runnerHarness(() => {
      const status = st.status('Downloading…', { expanded: true });
      status.write('step one');
      status.update({ label: 'Still downloading', state: 'running' });
      status.write('step two');
      status.update({ label: 'Done', state: 'complete', expanded: false });
    });
    const run = await h.rerun();
    const blocks = run.deltas.filter((d) => d.block).map((d) => ({ path: d.path, block: d.block }));
    expect(blocks).toEqual([
      { path: [0, 0], block: { type: 'expander', label: 'Downloading…', expanded: true, state: 'running' } },
      { path: [0, 0], block: { type: 'expander', label: 'Still downloading', expanded: true, state: 'running' } },
      { path: [0, 0], block: { type: 'expander', label: 'Done', expanded: false, state: 'complete' } },
    ]);
    const texts = run.deltas.filter((d) => d.element).map((d) => [d.path.join('.'), d.element && 'body' in d.element ? d.element.body : '']);
    expect(texts).toEqual([
      ['0.0.0', 'step one'],
      ['0.0.1', 'step two'],
    ]);
    expect(run.counts['0.0']).toBe(2);
  });

  it('turns complete when its with() ends, and error when it throws', async () => {
    const states: string[] = [];
    const h = runnerHarness(async () => {
      const ok = st.status('Working');
      await ok.with(async () => {
        st.write('inside');
        await sleep(1);
      });
      states.push(ok.state);
      const bad = st.status('Failing');
      try {
        bad.with(() => {
          throw new Error('nope');
        });
      } catch {
        states.push(bad.state);
      }
      const done = st.status('Already done', { state: 'complete' });
      done.update({ state: 'error' });
      done.with(() => undefined);
      states.push(done.state);
    });
    const run = await h.rerun();
    expect(states).toEqual(['complete', 'error', 'error']);
    // The plain st.write inside with() went into the status.
    expect(run.deltas.find((d) => d.element?.type === 'markdown')?.path).toEqual([0, 0, 0]);
  });
});

describe('st.toast', () => {
  it('sends a toast beside the tree, with its icon and how long it stays', async () => {
    const h = runnerHarness(() => {
      st.toast('Saved!', { icon: '✅' });
      st.toast('Sticky', { duration: 'infinite' });
      st.toast('Long', { duration: 'long' });
    });
    await h.rerun();
    const toasts = h.messages.filter((m) => m.type === 'page_message').map((m) => m.type === 'page_message' && m.message);
    expect(toasts).toEqual([
      { type: 'toast', body: 'Saved!', icon: '✅', duration: 4 },
      { type: 'toast', body: 'Sticky', duration: null },
      { type: 'toast', body: 'Long', duration: 10 },
    ]);
  });
});
