import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';

describe('st.select_slider', () => {
  it('returns an option, or a [low, high] range of them, from indices the page sends', async () => {
    const seen: unknown[] = [];
    const sizes = ['S', 'M', 'L', 'XL'];
    const h = runnerHarness(() => {
      seen.push(st.select_slider('Size', sizes, { value: 'M' }), st.select_slider('Band', sizes, { value: ['S', 'L'] }));
    });
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ type: 'select_slider', options: sizes, value: 1 });
    expect(run.elements[1]).toMatchObject({ value: [0, 2] });
    await h.rerun({ [h.widget('Size').id]: 3, [h.widget('Band').id]: [1, 3] });
    await h.rerun({ [h.widget('Size').id]: 9, [h.widget('Band').id]: [3, 1] });
    expect(seen).toEqual(['M', ['S', 'L'], 'XL', ['M', 'XL'], 'XL', ['M', 'XL']]);
  });

  it('shows options through format_func and refuses a value that is not one', async () => {
    const h = runnerHarness(() => {
      st.select_slider('Level', [1, 2, 3], { format_func: (n) => `level ${n}` });
      st.select_slider('Bad', [1, 2, 3], { value: 7 });
    });
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ options: ['level 1', 'level 2', 'level 3'], value: 0 });
    expect(run.elements[1]).toMatchObject({ type: 'exception', code: 'MST_ERR_INVALID_ARGUMENT' });
  });
});

describe('st.pills and st.segmented_control', () => {
  it('choose one option or none in single mode', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.pills('Mood', ['happy', 'sad']), st.segmented_control('View', ['Day', 'Week'], { default: 'Week' }));
    });
    const run = await h.rerun();
    expect(run.elements.map((e) => e.type === 'pills' && [e.style, e.indices, e.multi])).toEqual([
      ['pills', [], false],
      ['segmented_control', [1], false],
    ]);
    await h.rerun({ [h.widget('Mood').id]: [0], [h.widget('View').id]: [] });
    await h.rerun({ [h.widget('Mood').id]: [0, 1] });
    expect(seen).toEqual([null, 'Week', 'happy', null, 'happy', null]);
  });

  it('choose several in multi mode, in the order of the options', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.pills('Tags', ['a', 'b', 'c'], { selection_mode: 'multi', default: ['c', 'a'] }));
    });
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ indices: [0, 2], multi: true });
    await h.rerun({ [h.widget('Tags').id]: [1, 2, 1] });
    expect(seen).toEqual([['a', 'c'], ['b', 'c']]);
  });

  it('refuses a list as the default of a single-selection control', async () => {
    const h = runnerHarness(() => {
      st.segmented_control('One', ['x', 'y'], { default: ['x', 'y'] });
    });
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ type: 'exception', code: 'MST_ERR_INVALID_ARGUMENT' });
  });
});
