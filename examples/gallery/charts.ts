/**
 * The gallery's charts section: each chart kind with a little data, small enough to keep the
 * gallery's run fast. Wired into examples/gallery.ts by `chartsSection()`.
 */
import { st } from 'mini-st';

const months = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
const sales = months.map((month, i) => ({
  month: new Date(`${month}-01T00:00:00Z`),
  north: 20 + 6 * Math.sin(i),
  south: 14 + 4 * Math.cos(i),
  west: 10 + i * 2,
}));

/** Line, area, bar (stacked, grouped, horizontal), scatter and a Vega-Lite chart. */
export function chartsSection(): void {
  st.header('Charts', { divider: true });
  st.subheader('st.line_chart');
  st.line_chart(sales, { x: 'month', y: ['north', 'south', 'west'], y_label: 'Sales (k€)' });

  st.subheader('st.area_chart');
  st.area_chart(sales, { x: 'month', y: ['north', 'south'], height: 250 });

  const [left, right] = st.columns(2);
  left.with(() => {
    st.subheader('st.bar_chart');
    st.bar_chart(
      [
        { fruit: 'apple', store: 'A', sold: 12 },
        { fruit: 'apple', store: 'B', sold: 7 },
        { fruit: 'pear', store: 'A', sold: 5 },
        { fruit: 'pear', store: 'B', sold: 9 },
        { fruit: 'plum', store: 'A', sold: 3 },
      ],
      { x: 'fruit', y: 'sold', color: 'store', height: 250 },
    );
  });
  right.with(() => {
    st.subheader('Horizontal, side by side');
    st.bar_chart({ team: ['red', 'blue', 'green'], wins: [8, 5, 6], losses: [2, 5, 3] }, { x: 'team', stack: false, horizontal: true, height: 250 });
  });

  st.subheader('st.scatter_chart');
  const points = Array.from({ length: 60 }, (_, i) => ({ height: 150 + ((i * 37) % 45), weight: 45 + ((i * 53) % 40), group: i % 3 === 0 ? 'A' : 'B', age: 20 + (i % 40) }));
  st.scatter_chart(points, { x: 'height', y: 'weight', color: 'group', size: 'age', height: 300 });

  st.subheader('st.vega_lite_chart');
  st.vega_lite_chart(
    [
      { a: 'A', b: 28 },
      { a: 'B', b: 55 },
      { a: 'C', b: 43 },
      { a: 'D', b: 91 },
    ],
    {
      description: 'Bar chart of b by a (Vega-Lite)',
      mark: { type: 'bar', tooltip: true },
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
      height: 200,
    },
  );
}
