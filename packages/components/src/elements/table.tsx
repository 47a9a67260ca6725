/**
 * st.table (and st.write of records): a real `<table>` with column headers, scrolling sideways
 * when wide. Cells arrive as strings.
 */
import type { TableElement } from '@mini-st/protocol';

/** Draws a `table` element (st.table). */
export function Table({ el }: { el: TableElement }) {
  return (
    <div className="st-table-wrap" tabIndex={0}>
      <table className="st-table">
        <thead>
          <tr>
            {el.columns.map((c, i) => (
              <th key={i} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {el.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, c) => (
                <td key={c}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
