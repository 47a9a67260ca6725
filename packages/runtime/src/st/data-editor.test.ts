import { describe, expect, it } from 'vitest';
import type { DataEditorElement, DataEditorValue } from '@mini-st/protocol';
import { st } from '../index.js';
import { runnerHarness } from '../testing-support/runner-harness.js';
import { isEditState } from '../session/validate-edit-state.js';
import { parseClientMessage } from '../session/validate.js';
import { applyEdits, parseEditState, type EditRules } from './data-editor.js';
import { toTableData } from './tabular.js';

const edits = (partial: Partial<DataEditorValue>): DataEditorValue => ({ edited_rows: {}, added_rows: [], deleted_rows: [], ...partial });

describe('st.data_editor', () => {
  it('returns records with the page\'s edits, and keeps the edit state in session_state', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      const out = st.data_editor(
        [
          { task: 'Docs', done: false, hours: 2 },
          { task: 'Ship', done: false, hours: 1 },
        ],
        { key: 'todo', num_rows: 'dynamic' },
      );
      seen.push({ out, state: st.session_state.todo });
    });
    const first = await h.rerun();
    const element = first.elements[0] as DataEditorElement;
    expect(element).toMatchObject({ type: 'data_editor', numRows: 'dynamic', value: edits({}) });
    const state = edits({ edited_rows: { '1': { done: true, hours: 3 } }, added_rows: [{ task: 'Party', done: null }], deleted_rows: [0] });
    await h.rerun({ [element.id]: state });
    expect(seen[1]).toEqual({
      out: [
        { task: 'Ship', done: true, hours: 3 },
        { task: 'Party', done: null, hours: null },
      ],
      state,
    });
  });

  it('returns the shape it was given: an object of columns, rows, plain values', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(st.data_editor({ n: [1, 2], s: ['a', 'b'] }, { key: 'cols' }));
      seen.push(st.data_editor([[1, 'a'], [2, 'b']], { key: 'rows', columns: ['n', 's'] }));
      seen.push(st.data_editor([10, 20], { key: 'values' }));
    });
    const run = await h.rerun();
    const [cols, rowsEl, values] = run.elements as DataEditorElement[];
    await h.rerun({
      [cols!.id]: edits({ edited_rows: { '0': { s: 'z' } } }),
      [rowsEl!.id]: edits({ edited_rows: { '1': { n: 9 } } }),
      [values!.id]: edits({ edited_rows: { '1': { value: 21 } } }),
    });
    expect(seen.slice(3)).toEqual([{ n: [1, 2], s: ['z', 'b'] }, [[1, 'a'], [9, 'b']], [10, 21]]);
  });

  it('turns edited datetime cells into Dates', () => {
    const input = [{ at: new Date(0) }];
    const table = toTableData(input, 'data_editor');
    const out = applyEdits(input, table, edits({ edited_rows: { '0': { at: 86_400_000 } } }));
    expect(out[0]!.at).toEqual(new Date(86_400_000));
  });

  it('refuses an edit that does not fit its column and keeps the last good state', async () => {
    const seen: unknown[] = [];
    const h = runnerHarness(() => {
      seen.push(
        st.data_editor([{ n: 1, name: 'a' }], {
          column_config: { n: st.column_config.NumberColumn('N', { max_value: 10 }) },
          disabled: ['name'],
        }),
      );
    });
    const id = ((await h.rerun()).elements[0] as DataEditorElement).id;
    await h.rerun({ [id]: edits({ edited_rows: { '0': { n: 5 } } }) });
    await h.rerun({ [id]: edits({ edited_rows: { '0': { n: 'five' } } }) });
    await h.rerun({ [id]: edits({ edited_rows: { '0': { n: 50 } } }) });
    await h.rerun({ [id]: edits({ edited_rows: { '0': { name: 'b' } } }) });
    await h.rerun({ [id]: edits({ added_rows: [{ n: 2 }] }) });
    const last = await h.rerun({ [id]: edits({ edited_rows: { '7': { n: 1 } } }) });
    expect(seen.slice(1)).toEqual(Array(6).fill([{ n: 5, name: 'a' }]));
    // The page is told the state the server kept.
    expect((last.elements[0] as DataEditorElement).value).toEqual(edits({ edited_rows: { '0': { n: 5 } } }));
  });

  it('drops the edits when the data changes (a new editor, as in Streamlit)', async () => {
    let data = [{ a: 1 }];
    const seen: unknown[] = [];
    const h = runnerHarness(() => seen.push(st.data_editor(data)));
    const id = ((await h.rerun()).elements[0] as DataEditorElement).id;
    await h.rerun({ [id]: edits({ edited_rows: { '0': { a: 2 } } }) });
    data = [{ a: 3 }];
    await h.rerun();
    expect(seen).toEqual([[{ a: 1 }], [{ a: 2 }], [{ a: 3 }]]);
  });

  it('refuses bad options', async () => {
    const h = runnerHarness(() => {
      st.data_editor([{ a: 1 }], { num_rows: 'sometimes' as never });
    });
    expect((await h.rerun()).elements[0]).toMatchObject({ type: 'exception', code: 'MST_ERR_INVALID_ARGUMENT' });
  });
});

describe('parseEditState', () => {
  const table = toTableData([{ n: 1, ok: true, obj: { x: 1 } }], 'data_editor');
  const rules: EditRules = {
    data: table,
    columns: [{ label: 'n', type: 'auto' }, { label: 'ok', type: 'auto', required: true }, { label: 'obj', type: 'auto', disabled: true }],
    numRows: 'dynamic',
    disabled: false,
  };

  it('accepts a good state and sorts deleted rows', () => {
    expect(parseEditState({ edited_rows: { '0': { n: 2 } }, added_rows: [{ ok: false }], deleted_rows: [0, 0] }, rules)).toEqual(
      edits({ edited_rows: { '0': { n: 2 } }, added_rows: [{ ok: false }], deleted_rows: [0] }),
    );
  });

  it.each([
    [{ edited_rows: { '0': { ok: 'yes' } } }, 'must be true or false'],
    [{ edited_rows: { '0': { obj: '{}' } } }, 'cannot be edited'],
    [{ edited_rows: { x: { n: 1 } } }, 'edited_rows has row'],
    [{ added_rows: [{ n: 1 }] }, 'required column'],
    [{ deleted_rows: [3] }, 'not a row of the data'],
    [{ surprise: 1 }, 'unknown key'],
  ])('refuses %j with MST_ERR_DATA_EDITOR_VALUE', (raw, detail) => {
    expect(() => parseEditState(raw, rules)).toThrow(expect.objectContaining({ code: 'MST_ERR_DATA_EDITOR_VALUE', message: expect.stringContaining(detail) }));
  });

  it('refuses added rows when num_rows is fixed', () => {
    expect(() => parseEditState(edits({ added_rows: [{ ok: true }] }), { ...rules, numRows: 'fixed' })).toThrow(/num_rows is "fixed"/);
  });
});

describe('the edit state on the wire', () => {
  it('is a widget value in a rerun frame when it has the edit-state shape, and refused otherwise', () => {
    const good = { edited_rows: { '0': { a: 1 } }, added_rows: [{ b: null }], deleted_rows: [2] };
    expect(parseClientMessage(JSON.stringify({ type: 'rerun', widgets: { w: good } }))).toEqual({ type: 'rerun', widgets: { w: good } });
    expect(isEditState({ ...good, deleted_rows: [-1] })).toBe(false);
    expect(isEditState({ edited_rows: { '0': { a: { deep: 1 } } }, added_rows: [], deleted_rows: [] })).toBe(false);
    expect(() => parseClientMessage(JSON.stringify({ type: 'rerun', widgets: { w: { edited_rows: {} } } }))).toThrow(
      expect.objectContaining({ code: 'MST_ERR_PROTOCOL' }),
    );
  });
});
