/**
 * The text the outgoing queue's mirror compares to decide whether the page already shows a node
 * (protocol rule 5). Grid elements (st.dataframe, st.data_editor) carry a `digest` of their data,
 * made in the script's thread: for them the mirror keeps the element without its `data`, so an
 * unchanged 100,000-row frame costs the main thread a short string per rerun, not megabytes of JSON.
 * The mirror keeps a long text as its hash (`signature`); a worker sends that hash with its text
 * (runner/text-delta.ts), so the main thread compares numbers.
 */
import type { Block, Element } from '@mini-st/protocol';

/**
 * @example mirrorText({ type: "dataframe", data, digest: "abc", … }) // '{"type":"dataframe","digest":"abc",…}' (no data)
 */
export function mirrorText(node: Element | Block): string {
  if ('digest' in node && typeof node.digest === 'string') return JSON.stringify({ ...node, data: undefined });
  return JSON.stringify(node);
}

/**
 * Mirror texts longer than this are kept as a 53-bit hash: a thousand idle sessions then hold
 * numbers, not the JSON of every element they show (issue 9: ≤ 32 KB per idle session). A
 * collision (about 1 in 2^53 per changed element) would leave one element unsent until it
 * changes again; Streamlit's own message cache dedups by hash too.
 */
const TEXT_UP_TO_CHARS = 48;

/** The mirror's record of `text`: the text itself when short or a widget's (rule 5 parses it), else its hash. */
export function signature(text: string, keepText: boolean): string | number {
  return keepText || text.length <= TEXT_UP_TO_CHARS ? text : hash53(text);
}

/** cyrb53 (public domain): two 32-bit multiply-xor lanes, mixed into 53 bits. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
