/**
 * The page's markup, rendered on the server side of React from message sequences: every element
 * and block type, how widgets are named, stale marks, the header bar. Interaction is covered by
 * the pure modules' tests and by end-to-end tests with a browser.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Block, Delta, Element, ServerMessage } from '@mini-st/protocol';
import { App } from './app.js';
import type { ConnectionState } from './connection.js';
import { PageContext } from './page-context.js';
import { PageStore } from './page-store.js';

const base = { disabled: false, labelVisibility: 'visible' as const };

function render(messages: ServerMessage[], connection: Partial<ConnectionState> = {}): string {
  const store = new PageStore();
  for (const m of messages) store.receive(m);
  const state: ConnectionState = { status: 'connected', sessionId: 's', scriptName: 'app.ts', notices: [], sourceChanged: false, halted: false, ...connection };
  const fake = { getState: () => state, subscribe: () => () => {}, dismiss: () => {} };
  return renderToStaticMarkup(
    <PageContext value={{ store, connection: fake }}>
      <App />
    </PageContext>,
  );
}

/** One finished run drawing these nodes in the main area. */
function page(...items: (Element | [Block, ...Element[]])[]): ServerMessage[] {
  const deltas: Delta[] = [];
  const counts: Record<string, number> = { '0': items.length, '1': 0 };
  items.forEach((item, i) => {
    if (!Array.isArray(item)) return deltas.push({ path: [0, i], element: item });
    const [block, ...children] = item;
    deltas.push({ path: [0, i], block });
    children.forEach((element, j) => deltas.push({ path: [0, i, j], element }));
    counts[`0.${i}`] = children.length;
  });
  return [
    { type: 'run_started', runId: 1 },
    { type: 'deltas', runId: 1, deltas },
    { type: 'run_finished', runId: 1, status: 'ok', counts },
  ];
}

/** The id a `<label for>` points at must be the control's id. */
function labelTarget(html: string, label: string): string {
  const match = new RegExp(`<label id="[^"]*" for="([^"]+)">${label}</label>`).exec(html);
  if (!match) throw new Error(`no <label> "${label}"`);
  return match[1]!;
}

describe('elements', () => {
  it('draws headings as h1/h2/h3 with inline markdown and an anchor id', () => {
    const html = render(page({ type: 'heading', level: 'title', body: 'Hello **you**' }, { type: 'heading', level: 'subheader', body: 'Sub', anchor: false }));
    expect(html).toContain('<h1 id="hello-you" class="st-title">Hello <strong>you</strong></h1>');
    expect(html).toContain('<h3 class="st-subheader">Sub</h3>');
  });

  it('escapes HTML in markdown unless allowed, and draws captions muted', () => {
    const html = render(
      page(
        { type: 'markdown', body: '<img src=x onerror=alert(1)>', allowHtml: false, variant: 'normal' },
        { type: 'markdown', body: '<span class="ok">raw</span>', allowHtml: true, variant: 'caption' },
      ),
    );
    expect(html).not.toContain('<img');
    expect(html).toContain('<div class="st-markdown st-caption"><p><span class="ok">raw</span></p>');
  });

  it('draws text, code, json, divider, alerts, exception, table and empty', () => {
    const html = render(
      page(
        { type: 'text', body: '<b>as is</b>' },
        { type: 'code', body: 'let x', language: 'ts', lineNumbers: false },
        { type: 'json', body: '{"a":[1]}', expanded: true },
        { type: 'divider' },
        { type: 'alert', kind: 'error', body: 'bad' },
        { type: 'alert', kind: 'info', body: 'fyi' },
        { type: 'exception', name: 'TypeError', message: 'x is undefined', code: 'MST_ERR_X', stack: ['at app.ts:3:1'] },
        { type: 'table', columns: ['name'], rows: [['Ada']] },
        { type: 'empty' },
      ),
    );
    expect(html).toContain('<div class="st-text">&lt;b&gt;as is&lt;/b&gt;</div>');
    expect(html).toContain('<span class="st-code-lang">ts</span>');
    expect(html).toContain('<details class="st-json-branch" open="">');
    expect(html).toContain('<hr class="st-divider"/>');
    expect(html).toMatch(/class="st-alert st-alert-error" role="alert"/);
    expect(html).toMatch(/class="st-alert st-alert-info" role="status"/);
    expect(html).toContain('<strong class="st-exception-name">TypeError</strong><code class="st-exception-code">MST_ERR_X</code>');
    expect(html).toContain('<details class="st-exception-stack" open=""><summary>Traceback</summary><pre tabindex="0">at app.ts:3:1</pre>');
    expect(html).toContain('<th scope="col">name</th>');
    expect(html).toContain('<td>Ada</td>');
    // st.empty() draws nothing; its slot collapses.
    expect(html).toContain('<div class="st-slot"></div>');
  });
});

describe('widgets', () => {
  it('names each input by its visible label', () => {
    const html = render(
      page(
        { ...base, type: 'text_input', id: 't', label: 'Name', value: 'Ada', inputType: 'default', help: 'Your name' },
        { ...base, type: 'text_area', id: 'a', label: 'Notes', value: null },
        { ...base, type: 'number_input', id: 'n', label: 'Count', value: 3, step: 1, dataType: 'int', min: 0 },
        { ...base, type: 'selectbox', id: 's', label: 'Pick', options: ['x', 'y'], index: null, placeholder: 'Choose…' },
        { ...base, type: 'multiselect', id: 'm', label: 'Many', options: ['x', 'y'], indices: [1], placeholder: '', maxSelections: 1 },
      ),
    );
    for (const label of ['Name', 'Notes', 'Count', 'Pick', 'Many']) expect(html).toContain(`id="${labelTarget(html, label)}"`);
    const described = /<input id="[^"]+" class="st-input" type="text"[^>]*aria-describedby="([^"]+)" value="Ada"/.exec(html);
    expect(html).toContain(`<span id="${described?.[1]}" class="st-sr-only">Your name</span>`);
    expect(html).toContain('role="spinbutton" aria-valuenow="3" aria-valuemin="0"');
    expect(html).toContain('<option value="" disabled="" selected="">Choose…</option>');
    expect(html).toContain('aria-label="Remove y"');
    // At maxSelections the add-select is disabled and says why.
    expect(html).toMatch(/<select[^>]*disabled=""[^>]*>.*You can only select up to 1 option\./);
  });

  it('names a control by aria-label when its label is hidden or collapsed', () => {
    const html = render(
      page(
        { ...base, type: 'text_input', id: 't', label: 'Secret', value: '', inputType: 'password', labelVisibility: 'hidden' },
        { ...base, type: 'checkbox', id: 'c', label: 'Quiet', value: true, style: 'checkbox', labelVisibility: 'collapsed' },
      ),
    );
    expect(html).toMatch(/<input[^>]*type="password"[^>]*aria-label="Secret"/);
    expect(html).toContain('<input type="checkbox" aria-label="Quiet" checked=""/>');
  });

  it('draws sliders as ARIA sliders, two named thumbs for a range', () => {
    const html = render(
      page(
        { ...base, type: 'slider', id: 's', label: 'Level', value: 25, min: 0, max: 100, step: 1, dataType: 'int' },
        { ...base, type: 'slider', id: 'r', label: 'Span', value: [0.2, 0.8], min: 0, max: 1, step: 0.1, dataType: 'float' },
      ),
    );
    expect(html).toMatch(/role="slider"[^>]*aria-label="Level" aria-valuemin="0" aria-valuemax="100" aria-valuenow="25" aria-valuetext="25"/);
    expect(html).toMatch(/aria-label="Span \(min\)" aria-valuemin="0" aria-valuemax="0.8" aria-valuenow="0.2" aria-valuetext="0.20"/);
    expect(html).toMatch(/aria-label="Span \(max\)" aria-valuemin="0.2" aria-valuemax="1" aria-valuenow="0.8"/);
  });

  it('draws checkbox, toggle, radio and buttons as native controls, disabled when disabled', () => {
    const html = render(
      page(
        { ...base, type: 'checkbox', id: 'c', label: 'Agree', value: false, style: 'toggle', disabled: true },
        { ...base, type: 'radio', id: 'r', label: 'Color', options: ['Red', 'Blue'], index: 1, horizontal: true },
        [
          { type: 'form', formId: 'f', clearOnSubmit: false, border: true, enterToSubmit: true },
          { ...base, type: 'button', id: 'b', label: 'Send', kind: 'primary', isSubmit: true, useContainerWidth: false, formId: 'f' },
        ],
      ),
    );
    expect(html).toContain('<input type="checkbox" role="switch" disabled=""/>');
    expect(html).toMatch(/<div role="radiogroup" class="st-choices st-horizontal-choices" aria-labelledby="([^"]+)">/);
    expect(html).toMatch(/<input type="radio" name="[^"]+" checked=""\/><span class="st-choice-text">Blue/);
    expect(html).toContain('<form class="st-form st-vertical st-bordered" noValidate="">');
    expect(html).toContain('<button type="submit" class="st-button st-button-primary">Send</button>');
  });
});

describe('layout', () => {
  it('draws tabs with WAI-ARIA roles, one panel shown', () => {
    const html = render([
      { type: 'run_started', runId: 1 },
      {
        type: 'deltas',
        runId: 1,
        deltas: [
          { path: [0, 0], block: { type: 'tabs' } },
          { path: [0, 0, 0], block: { type: 'tab', label: 'One' } },
          { path: [0, 0, 1], block: { type: 'tab', label: 'Two' } },
          { path: [0, 0, 1, 0], element: { type: 'text', body: 'in two' } },
        ],
        reached: { '0': 1, '0.0': 2, '0.0.0': 0, '0.0.1': 1 },
      },
    ]);
    expect(html).toContain('role="tablist"');
    expect(html).toMatch(/role="tab" id="[^"]+" aria-selected="true"[^>]*tabindex="0"[^>]*>One</);
    expect(html).toMatch(/role="tab" id="[^"]+" aria-selected="false"[^>]*tabindex="-1"[^>]*>Two</);
    expect(html).toMatch(/role="tabpanel"[^>]*hidden=""[^>]*>.*in two/);
  });

  it('shows the sidebar only when the app put something in it', () => {
    expect(render(page({ type: 'divider' }))).not.toContain('<aside');
    const html = render([{ type: 'run_started', runId: 1 }, { type: 'deltas', runId: 1, deltas: [{ path: [1, 0], element: { type: 'text', body: 'side' } }] }]);
    expect(html).toMatch(/<aside id="[^"]+" class="st-sidebar" aria-label="Sidebar">.*side/);
  });

  it('marks the last run\'s output stale until the new run reaches it', () => {
    const messages = page({ type: 'text', body: 'a' }, { type: 'text', body: 'b' });
    expect(render(messages)).not.toContain('data-stale');
    const html = render([...messages, { type: 'run_started', runId: 2 }, { type: 'deltas', runId: 2, deltas: [], reached: { '0': 1 } }]);
    expect(html.match(/data-stale="true"/g)).toHaveLength(1);
    expect(html).toMatch(/<div class="st-slot st-stale" data-stale="true"><div class="st-text">b</);
  });
});

describe('header bar', () => {
  it('shows Running… and a Stop button while a run is in progress', () => {
    const html = render([{ type: 'run_started', runId: 1 }]);
    expect(html).toContain('aria-live="polite"><span class="st-spinner" aria-hidden="true"></span>Running…</span>');
    expect(html).toContain('>Stop</button>');
    expect(render(page({ type: 'divider' }))).not.toContain('Stop');
  });

  it('shows connection trouble instead of the Stop button', () => {
    const html = render([{ type: 'run_started', runId: 1 }], { status: 'reconnecting' });
    expect(html).toContain('Reconnecting…');
    expect(html).not.toContain('>Stop<');
    expect(render([], { status: 'connecting', sessionId: null })).toContain('Connecting…');
  });

  it('offers a rerun when the source changed, and shows server faults with their code', () => {
    const html = render([], { sourceChanged: true, notices: [{ id: 1, code: 'MST_ERR_INTERNAL', message: 'Internal error' }] });
    expect(html).toContain('<span>Source file changed.</span><button type="button" class="st-button st-button-tertiary st-small">Rerun</button>');
    expect(html).toContain('<code class="st-notice-code">MST_ERR_INTERNAL</code> Internal error');
    expect(html).toContain('aria-label="Dismiss"');
  });
});
