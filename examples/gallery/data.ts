/**
 * The gallery's data section: st.dataframe with column_config, st.table, and st.data_editor whose
 * edits the script echoes. Small data, so the gallery's run stays fast. Wired into
 * examples/gallery.ts by `dataSection()`.
 */
import { st } from 'mini-st';

const planets = [
  { planet: 'Mercury', moons: 0, radius_km: 2439.7, rings: false, discovered: new Date(Date.UTC(1631, 10, 7)), wiki: 'https://en.wikipedia.org/wiki/Mercury_(planet)' },
  { planet: 'Venus', moons: 0, radius_km: 6051.8, rings: false, discovered: new Date(Date.UTC(1610, 0, 1)), wiki: 'https://en.wikipedia.org/wiki/Venus' },
  { planet: 'Earth', moons: 1, radius_km: 6371, rings: false, discovered: null, wiki: 'https://en.wikipedia.org/wiki/Earth' },
  { planet: 'Mars', moons: 2, radius_km: 3389.5, rings: false, discovered: new Date(Date.UTC(1610, 0, 1)), wiki: 'https://en.wikipedia.org/wiki/Mars' },
  { planet: 'Jupiter', moons: 95, radius_km: 69911, rings: true, discovered: new Date(Date.UTC(1610, 0, 7)), wiki: 'https://en.wikipedia.org/wiki/Jupiter' },
  { planet: 'Saturn', moons: 146, radius_km: 58232, rings: true, discovered: new Date(Date.UTC(1610, 6, 25)), wiki: 'https://en.wikipedia.org/wiki/Saturn' },
];

/** st.dataframe (sortable, resizable, formatted), st.table, and st.data_editor echoing edits. */
export function dataSection(): void {
  st.header('Data', { divider: true });
  st.subheader('st.dataframe');
  st.dataframe(planets, {
    column_config: {
      planet: 'Planet',
      moons: st.column_config.NumberColumn('Moons', { format: '%d', help: 'Known moons', width: 'small' }),
      radius_km: st.column_config.NumberColumn('Radius', { format: '%.1f km', width: 'medium' }),
      rings: st.column_config.CheckboxColumn('Rings?'),
      discovered: st.column_config.DateColumn('Seen through a telescope', { format: 'MMM D, YYYY' }),
      wiki: st.column_config.LinkColumn('Wikipedia', { display_text: 'Read' }),
    },
    hide_index: true,
  });

  st.subheader('st.table');
  st.table(planets.slice(0, 3).map(({ planet, moons }) => ({ planet, moons })));

  st.subheader('st.data_editor');
  const edited = st.data_editor(
    [
      { item: 'Apples', qty: 3, packed: false },
      { item: 'Bread', qty: 1, packed: true },
    ],
    {
      key: 'shopping',
      num_rows: 'dynamic',
      column_config: { qty: st.column_config.NumberColumn('Quantity', { min_value: 0, step: 1 }), packed: st.column_config.CheckboxColumn('Packed') },
    },
  );
  const total = edited.reduce((sum, row) => sum + (typeof row.qty === 'number' ? row.qty : 0), 0);
  st.write(`Items to buy: ${total} (${edited.length} rows)`);
}
