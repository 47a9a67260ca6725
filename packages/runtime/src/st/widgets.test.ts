import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';

describe('widgets', () => {
  it('keeps values across reruns by id and returns them synchronously', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push([
        st.text_input('Name'),
        st.number_input('Count', { min_value: 0, max_value: 10 }),
        st.slider('Range', { value: [2, 8] }),
        st.checkbox('Agree'),
        st.radio('Pick', ['a', 'b', 'c']),
        st.selectbox('Fruit', ['apple', 'pear'], { index: null }),
        st.multiselect('Tags', ['x', 'y', 'z'], { default: ['y'] }),
      ]);
    });
    await h.rerun();
    const ids = ['Name', 'Count', 'Range', 'Agree', 'Pick', 'Fruit', 'Tags'].map((label) => h.widget(label).id);
    await h.rerun({ [ids[0]!]: 'Ada', [ids[1]!]: 3, [ids[2]!]: [1, 9], [ids[3]!]: true, [ids[4]!]: 2, [ids[5]!]: 1, [ids[6]!]: [0, 2] });
    await h.rerun();
    expect(seen[0]).toEqual(['', 0, [2, 8], false, 'a', null, ['y']]);
    expect(seen[1]).toEqual(['Ada', 3, [1, 9], true, 'c', 'pear', ['x', 'z']]);
    expect(seen[2]).toEqual(seen[1]);
  });

  it('refuses out-of-range or malformed values from the page', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.slider('n', { min_value: 0, max_value: 10 }), st.selectbox('s', ['a']));
    });
    await h.rerun();
    await h.rerun({ [h.widget('n').id]: 99, [h.widget('s').id]: 5 });
    expect(seen).toEqual([0, 'a', 0, 'a']);
  });

  it('is a clear error to render two identical widgets, naming the widget and suggesting key', async () => {
    const h = runnerHarness(() => {
      st.button('Go');
      st.button('Go');
    });
    const run = await h.rerun();
    const error = run.elements.find((e) => e.type === 'exception');
    expect(error).toMatchObject({ code: 'MST_ERR_DUPLICATE_WIDGET_ID', message: expect.stringContaining('`button` widgets with the same ID (label "Go")') });
    expect(error && 'message' in error && error.message).toContain('pass a unique `key`');
  });

  it('lets identical widgets coexist with distinct keys', async () => {
    const h = runnerHarness(() => {
      st.button('Go', { key: 'a' });
      st.button('Go', { key: 'b' });
    });
    expect((await h.rerun()).status).toBe('ok');
  });

  it('drops the state of a widget that was not rendered in a successful run', async () => {
    let show = true;
    const seen: string[] = [];
    const h = runnerHarness(() => {
      if (show) seen.push(st.text_input('Name', { key: 'name' }));
      else seen.push(String(st.session_state.name));
    });
    await h.rerun();
    await h.rerun({ [h.widget('Name').id]: 'Ada' });
    show = false;
    await h.rerun();
    show = true;
    await h.rerun();
    // Like Streamlit: still readable in the run that skips it, gone after that run.
    expect(seen).toEqual(['', 'Ada', 'Ada', '']);
  });

  it('keeps widget state through a run that ended in an error', async () => {
    let fail = false;
    const seen: string[] = [];
    const h = runnerHarness(() => {
      if (fail) throw new Error('before the widget');
      seen.push(st.text_input('Name'));
    });
    await h.rerun();
    await h.rerun({ [h.widget('Name').id]: 'Ada' });
    fail = true;
    await h.rerun();
    fail = false;
    await h.rerun();
    expect(seen).toEqual(['', 'Ada', 'Ada']);
  });

  it('changes identity when a shaping parameter changes', async () => {
    let max = 10;
    const h = runnerHarness(() => {
      st.slider('n', { max_value: max });
    });
    await h.rerun();
    const before = h.widget('n').id;
    max = 20;
    await h.rerun();
    expect(h.widget('n').id).not.toBe(before);
  });
});

describe('st.session_state', () => {
  it('supports attribute and key access, in, delete and to_dict', async () => {
    const log: unknown[] = [];
    const h = runnerHarness(() => {
      const state = st.session_state;
      state.count ??= 0;
      state['count'] += 1;
      log.push('count' in state, state.count, state.missing);
      if (state.count === 2) delete state.count;
      log.push(state.to_dict());
    });
    await h.rerun();
    await h.rerun();
    await h.rerun();
    expect(log).toEqual([true, 1, undefined, { count: 1 }, true, 2, undefined, {}, true, 1, undefined, { count: 1 }]);
  });

  it('reads widget values by key', async () => {
    let value: unknown;
    const h = runnerHarness(() => {
      st.checkbox('Agree', { key: 'agree' });
      value = st.session_state.agree;
    });
    await h.rerun();
    await h.rerun({ [h.widget('Agree').id]: true });
    expect(value).toBe(true);
  });

  it('sets a widget value through its key before the widget renders', async () => {
    const seen: string[] = [];
    let reset = false;
    const h = runnerHarness(() => {
      if (reset) st.session_state.name = 'from state';
      seen.push(st.text_input('Name', { key: 'name' }));
    });
    await h.rerun();
    await h.rerun({ [h.widget('Name').id]: 'typed' });
    reset = true;
    const run = await h.rerun();
    expect(seen).toEqual(['', 'typed', 'from state']);
    expect(run.elements[0]).toMatchObject({ type: 'text_input', value: 'from state' });
  });

  it('is a clear error to write a widget key after the widget rendered in this run', async () => {
    const h = runnerHarness(() => {
      st.text_input('Name', { key: 'name' });
      st.session_state.name = 'too late';
    });
    const run = await h.rerun();
    expect(run.status).toBe('error');
    expect(run.elements.at(-1)).toMatchObject({ code: 'MST_ERR_WIDGET_VALUE_SET_AFTER_RENDER' });
  });

  it('refuses setting a button value', async () => {
    let first = true;
    const h = runnerHarness(() => {
      if (!first) st.session_state.go = true;
      first = false;
      st.button('Go', { key: 'go' });
    });
    await h.rerun();
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ code: 'MST_ERR_BUTTON_VALUE_SET' });
  });
});

describe('forms', () => {
  it('batches values and submits once; clear_on_submit resets after the run', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      const form = st.form('f', { clear_on_submit: true });
      const name = form.text_input('Name');
      const submitted = form.form_submit_button('Send');
      seen.push([name, submitted]);
    });
    await h.rerun();
    const name = h.widget('Name');
    expect(name).toMatchObject({ formId: 'form-f' });
    const run = await h.rerun({ [name.id]: 'Ada' }, [h.widget('Send').id]);
    expect(run.elements.find((e) => e.type === 'text_input')).toMatchObject({ value: '' });
    await h.rerun();
    expect(seen).toEqual([['', false], ['Ada', true], ['', false]]);
  });

  it('enforces Streamlit form rules with clear errors', async () => {
    const cases: Array<[() => void, string]> = [
      [() => st.form('a').button('x'), 'MST_ERR_FORM_BUTTON'],
      [() => st.form_submit_button('x'), 'MST_ERR_FORM_SUBMIT_OUTSIDE'],
      [() => st.form('a').form('b'), 'MST_ERR_FORM_NESTED'],
      [() => (st.form('a'), st.form('a')), 'MST_ERR_FORM_DUPLICATE_KEY'],
      [() => st.form('a').text_input('x', { on_change: () => undefined }), 'MST_ERR_FORM_CALLBACK'],
    ];
    for (const [script, code] of cases) {
      const run = await runnerHarness(script).rerun();
      expect(run.elements.find((e) => e.type === 'exception'), code).toMatchObject({ code });
    }
  });

  it('warns inside a form that has no submit button', async () => {
    const run = await runnerHarness(() => st.form('lonely').text_input('x')).rerun();
    expect(run.texts.at(-1)).toContain('Missing submit button');
    expect(run.deltas.at(-1)?.path.slice(0, 2)).toEqual([0, 0]);
  });
});

describe('containers', () => {
  it('places children under their block and with() routes plain st calls', async () => {
    const h = runnerHarness(async () => {
      const [left, right] = st.columns([2, 1]);
      left.write('left');
      await right.with(async () => {
        await Promise.resolve();
        st.write('right');
      });
      st.sidebar.text('side');
      const [tab] = st.tabs(['One']);
      tab.expander('More').text('deep');
      st.container({ border: true }).text('boxed');
    });
    const run = await h.rerun();
    const where = Object.fromEntries(run.deltas.filter((d) => d.element).map((d) => [(d.element as { body: string }).body, d.path.join('.')]));
    expect(where).toEqual({ left: '0.0.0.0', right: '0.0.1.0', side: '1.0', deep: '0.1.0.0.0', boxed: '0.2.0' });
    expect(run.deltas.find((d) => d.block?.type === 'column')).toMatchObject({ block: { weight: 2 } });
  });

  it('replaces st.empty() in place', async () => {
    const run = await runnerHarness(() => {
      const slot = st.empty();
      slot.text('one');
      slot.text('two');
      st.text('after');
    }).rerun();
    expect(run.deltas.map((d) => [d.path.join('.'), d.element?.type === 'text' ? d.element.body : d.element?.type])).toEqual([
      ['0.0', 'empty'],
      ['0.0', 'one'],
      ['0.0', 'two'],
      ['0.1', 'after'],
    ]);
    expect(run.counts['0']).toBe(2);
  });

  it('refuses a container kept from an earlier run', async () => {
    let kept: ReturnType<typeof st.container> | undefined;
    const h = runnerHarness(() => {
      if (kept) kept.text('late');
      kept = st.container();
    });
    await h.rerun();
    const run = await h.rerun();
    expect(run.elements[0]).toMatchObject({ code: 'MST_ERR_STALE_CONTAINER' });
  });
});

describe('st.write', () => {
  it('draws each kind of value the way Streamlit does', async () => {
    const run = await runnerHarness(() => {
      st.write('**a**', 'b');
      st.write(42);
      st.write({ x: 1 });
      st.write([{ a: 1, b: 'x' }, { a: 2 }]);
      st.write(new RangeError('bad'));
    }).rerun();
    expect(run.elements).toMatchObject([
      { type: 'markdown', body: '**a** b' },
      { type: 'markdown', body: '42' },
      { type: 'json', body: '{\n  "x": 1\n}' },
      { type: 'table', columns: ['a', 'b'], rows: [['1', 'x'], ['2', '']] },
      { type: 'exception', name: 'RangeError', message: 'bad' },
    ]);
  });
});
