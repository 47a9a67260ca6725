import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';

describe('st.metric', () => {
  it('draws the value and a delta whose arrow follows its sign', async () => {
    const h = runnerHarness(() => {
      st.metric('Temperature', '70 °F', { delta: '1.2 °F' });
      st.metric('Gas price', 4, { delta: -0.5, delta_color: 'inverse', help: 'per gallon' });
      st.metric('Text drop', 10, { delta: '-5 %', delta_color: 'off', border: true, label_visibility: 'collapsed' });
      st.metric('Nothing', null);
    });
    const run = await h.rerun();
    expect(run.elements).toEqual([
      { type: 'metric', label: 'Temperature', value: '70 °F', delta: '1.2 °F', deltaColor: 'normal', deltaArrow: 'up', labelVisibility: 'visible', border: false },
      { type: 'metric', label: 'Gas price', value: '4', delta: '-0.5', deltaColor: 'inverse', deltaArrow: 'down', help: 'per gallon', labelVisibility: 'visible', border: false },
      { type: 'metric', label: 'Text drop', value: '10', delta: '-5 %', deltaColor: 'off', deltaArrow: 'down', labelVisibility: 'collapsed', border: true },
      { type: 'metric', label: 'Nothing', value: '—', deltaColor: 'normal', deltaArrow: 'none', labelVisibility: 'visible', border: false },
    ]);
  });

  it('refuses an unknown delta_color', async () => {
    const h = runnerHarness(() => {
      st.metric('x', 1, { delta: 1, delta_color: 'green' as never });
    });
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ type: 'exception', code: 'MST_ERR_INVALID_ARGUMENT' });
  });
});
