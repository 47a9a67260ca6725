/**
 * The text the outgoing queue's mirror compares to decide whether the page already shows a node
 * (protocol rule 5). Grid elements (st.dataframe, st.data_editor) carry a `digest` of their data,
 * made in the script's thread: for them the mirror keeps the element without its `data`, so an
 * unchanged 100,000-row frame costs the main thread a short string per rerun, not megabytes of JSON.
 */
import type { Block, Element } from '@mini-st/protocol';

/**
 * @example mirrorText({ type: "dataframe", data, digest: "abc", … }) // '{"type":"dataframe","digest":"abc",…}' (no data)
 */
export function mirrorText(node: Element | Block): string {
  if ('digest' in node && typeof node.digest === 'string') return JSON.stringify({ ...node, data: undefined });
  return JSON.stringify(node);
}
