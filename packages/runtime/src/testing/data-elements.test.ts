import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { AppTest } from './app-test.js';

describe('AppTest data accessors', () => {
  it('reads st.dataframe as records and st.table as rows of text', async () => {
    const at = await AppTest.from_function(() => {
      st.dataframe({ a: [1, 2], b: ['x', 'y'] }, { column_config: { b: 'Bee' } });
      st.table([{ a: 1 }]);
    }).run();
    expect(at.dataframe[0]!.value).toEqual([
      { a: 1, b: 'x' },
      { a: 2, b: 'y' },
    ]);
    expect(at.table[0]!.value).toEqual([['0', '1']]);
  });

  it('edits, adds and deletes rows of st.data_editor, and the script sees the edited data', async () => {
    const at = AppTest.from_function(() => {
      const out = st.data_editor(
        [
          { task: 'Docs', done: false },
          { task: 'Ship', done: false },
        ],
        { key: 'todo', num_rows: 'dynamic' },
      );
      st.write(JSON.stringify(out));
    });
    await at.run();
    const editor = at.data_editor('todo');
    expect(editor.columns).toEqual(['task', 'done']);
    await editor.edit_cell(1, 'done', true).add_row({ task: 'Party' }).delete_row(0).run();
    expect(JSON.parse(at.markdown[0]!.value as string)).toEqual([
      { task: 'Ship', done: true },
      { task: 'Party', done: null },
    ]);
    expect(at.session_state.todo).toEqual({ edited_rows: { '1': { done: true } }, added_rows: [{ task: 'Party' }], deleted_rows: [0] });
    expect(at.data_editor[0]!.value.deleted_rows).toEqual([0]);
  });

  it('keeps the last good state when an edit does not fit its column', async () => {
    const at = AppTest.from_function(() => {
      st.write(JSON.stringify(st.data_editor([{ n: 1 }])));
    });
    await at.run();
    await at.data_editor[0]!.edit_cell(0, 'n', 'one').run();
    expect(at.markdown[0]!.value).toBe('[{"n":1}]');
  });
});
