/**
 * st.json: a collapsible tree of native `<details>` (keyboard and screen-reader ready), open at
 * every level when `expanded`. Text that is not JSON is shown as is.
 */
import { useMemo } from 'react';
import type { JsonElement } from '@mini-st/protocol';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function Leaf({ value }: { value: Exclude<Json, object> | null }) {
  const kind = value === null ? 'null' : typeof value;
  return <span className={`st-json-${kind}`}>{JSON.stringify(value)}</span>;
}

function JsonNode({ name, value, open }: { name: string | null; value: Json; open: boolean }) {
  const key = name === null ? null : <span className="st-json-key">{name}: </span>;
  if (value === null || typeof value !== 'object') {
    return (
      <div className="st-json-row">
        {key}
        <Leaf value={value} />
      </div>
    );
  }
  const isArray = Array.isArray(value);
  const entries: [string, Json][] = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [openBracket, closeBracket] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="st-json-row">
        {key}
        {openBracket + closeBracket}
      </div>
    );
  }
  return (
    <details className="st-json-branch" open={open}>
      <summary>
        {key}
        {openBracket}
        <span className="st-json-count">
          {entries.length} {entries.length === 1 ? 'item' : 'items'}
        </span>
      </summary>
      <div className="st-json-children">
        {entries.map(([k, v]) => (
          <JsonNode key={k} name={isArray ? k : JSON.stringify(k)} value={v} open={open} />
        ))}
      </div>
      <div className="st-json-row">{closeBracket}</div>
    </details>
  );
}

/** Draws a `json` element (st.json). */
export function Json({ el }: { el: JsonElement }) {
  const parsed = useMemo((): { ok: true; value: Json } | { ok: false } => {
    try {
      return { ok: true, value: JSON.parse(el.body) as Json };
    } catch {
      return { ok: false };
    }
  }, [el.body]);
  return <div className="st-json">{parsed.ok ? <JsonNode name={null} value={parsed.value} open={el.expanded} /> : <pre>{el.body}</pre>}</div>;
}
