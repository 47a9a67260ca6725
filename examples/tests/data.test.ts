/**
 * The gallery's data section (examples/gallery/data.ts), headless with AppTest: the dataframe's
 * column config, the table, and a data_editor whose edits the script echoes.
 */
import { AppTest } from 'mini-st/testing';
import { describe, expect, it } from 'vitest';

const app = () => AppTest.from_file(new URL('../e2e/fixtures/dataframe.ts', import.meta.url), { default_timeout: 10 });

describe('examples/gallery/data.ts', () => {
  it('draws a configured dataframe, a table and an editor', async () => {
    const at = await app().run();
    expect(at.exception.length).toBe(0);
    const frame = at.dataframe[0]!;
    expect((frame.value as { planet: string }[]).map((row) => row.planet)).toContain('Saturn');
    expect(frame.proto.type === 'dataframe' && frame.proto.columns.map((c) => c.type)).toEqual(['auto', 'number', 'number', 'checkbox', 'date', 'link']);
    expect(at.table[0]!.value).toEqual([
      ['0', 'Mercury', '0'],
      ['1', 'Venus', '0'],
      ['2', 'Earth', '1'],
    ]);
    expect(at.markdown.values).toContain('Items to buy: 4 (2 rows)');
  });

  it('echoes edits, added and deleted rows of the shopping list', async () => {
    const at = await app().run();
    await at.data_editor('shopping').edit_cell(0, 'qty', 10).run();
    expect(at.markdown.values).toContain('Items to buy: 11 (2 rows)');
    await at.data_editor('shopping').add_row({ item: 'Milk', qty: 2 }).delete_row(1).run();
    expect(at.markdown.values).toContain('Items to buy: 12 (2 rows)');
    // min_value 0: a negative quantity is refused by the server, the last good state stays.
    await at.data_editor('shopping').edit_cell(0, 'qty', -1).run();
    expect(at.markdown.values).toContain('Items to buy: 12 (2 rows)');
  });
});
