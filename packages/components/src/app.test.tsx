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
  const state: ConnectionState = { status: 'connected', sessionId: 's', scriptName: 'app.ts', notices: [], sourceChanged: false, halted: false, toasts: [], pageConfig: {}, navigation: null, ...connection };
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

describe('progress, status, metric and chat', () => {
  it('draws a progress bar with its value and text, and a spinner with its text', () => {
    const html = render(page({ type: 'progress', value: 0.42, text: 'Loading **data**' }, { type: 'progress', value: 1 }, { type: 'spinner', text: 'Working…', showTime: false }));
    expect(html).toMatch(/role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="42" aria-labelledby="[^"]+"/);
    expect(html).toContain('Loading <strong>data</strong>');
    expect(html).toContain('style="width:42%"');
    expect(html).toContain('aria-valuenow="100" aria-label="Progress"');
    expect(html).toMatch(/<div class="st-spinner-el" role="status"><span class="st-spinner" aria-hidden="true"><\/span><span>Working…<\/span><\/div>/);
  });

  it('draws st.status as an expander with its state icon and state for screen readers', () => {
    const html = render(
      page(
        [{ type: 'expander', label: 'Downloading', expanded: true, state: 'running' }, { type: 'text', body: 'step' }],
        [{ type: 'expander', label: 'Done', expanded: false, state: 'complete' }],
        [{ type: 'expander', label: 'Failed', expanded: false, state: 'error' }],
      ),
    );
    expect(html).toContain('<details class="st-expander" open=""><summary class="st-expander-summary"><span class="st-spinner st-status-icon" aria-hidden="true"></span><span>Downloading</span><span class="st-sr-only">(running)</span>');
    expect(html).toContain('<span class="st-status-icon st-status-complete" aria-hidden="true">✓</span><span>Done</span>');
    expect(html).toContain('<span class="st-status-icon st-status-error" aria-hidden="true">✕</span>');
  });

  it('draws a metric with the delta colored by whether the change is good', () => {
    const metric = (delta: string, deltaArrow: 'up' | 'down' | 'none', deltaColor: 'normal' | 'inverse' | 'off') =>
      ({ type: 'metric', label: 'Price', value: '4', delta, deltaArrow, deltaColor, labelVisibility: 'visible', border: false }) as const;
    const html = render(page(metric('1', 'up', 'normal'), metric('-1', 'down', 'normal'), metric('-1', 'down', 'inverse'), metric('1', 'up', 'off')));
    expect(html).toContain('<div class="st-metric-value">4</div>');
    const tones = [...html.matchAll(/st-metric-delta st-delta-(\w+)/g)].map((m) => m[1]);
    expect(tones).toEqual(['good', 'bad', 'good', 'neutral']);
    expect(html).toContain('<span class="st-metric-arrow" aria-hidden="true">↑</span><span class="st-sr-only">up </span><span>1</span>');
  });

  it('draws chat messages with default avatars and a chat input named by its placeholder', () => {
    const html = render(
      page(
        [{ type: 'chat_message', name: 'user', avatar: null }, { type: 'text', body: 'hi' }],
        [{ type: 'chat_message', name: 'assistant', avatar: null }],
        [{ type: 'chat_message', name: 'bob', avatar: null }],
        [{ type: 'chat_message', name: 'x', avatar: 'https://example.com/a.png' }],
        { type: 'chat_input', id: 'chat_input-1', label: 'Say something', placeholder: 'Say something', pinned: true, ...base, labelVisibility: 'collapsed' },
      ),
    );
    expect(html).toContain('<div class="st-chat-message st-chat-user" role="article" aria-label="Chat message from user">');
    expect(html).toContain('st-chat-assistant" role="article" aria-label="Chat message from assistant"');
    expect(html).toContain('<div class="st-chat-avatar" aria-hidden="true">B</div>');
    expect(html).toContain('<img src="https://example.com/a.png" alt=""/>');
    expect(html).toContain('<textarea class="st-chat-textarea" rows="1" placeholder="Say something" aria-label="Say something">');
    expect(html).toContain('<button type="submit" class="st-chat-send" aria-label="Send" disabled=""');
  });

  it('lays out wide when the app asks, and shows toasts', () => {
    const html = render(page({ type: 'text', body: 'x' }), {
      pageConfig: { layout: 'wide' },
      toasts: [{ id: 1, body: 'Saved **now**', icon: '✅', duration: 4 }],
    });
    expect(html).toContain('<div class="st-app st-wide">');
    expect(html).toContain('<div class="st-toasts" role="status" aria-live="polite"><div class="st-toast"><span class="st-icon" aria-hidden="true">✅</span><div class="st-toast-body">Saved <strong>now</strong></div>');
  });
});

describe('regressions', () => {
  it('draws one pinned chat input while a run moves it (its stale twin is not drawn)', () => {
    const chat = { type: 'chat_input', id: 'chat_input-1', label: 'Say', placeholder: 'Say', pinned: true, ...base, labelVisibility: 'collapsed' } as const;
    const html = render([
      ...page({ type: 'text', body: 'spinner slot' }, chat),
      { type: 'run_started', runId: 2 },
      // The new run drew the input one place higher; the old place is still there, stale.
      { type: 'deltas', runId: 2, deltas: [{ path: [0, 0], element: chat }] },
    ]);
    expect(html.match(/<textarea/g)).toHaveLength(1);
  });
});

describe('more inputs', () => {
  it('draws date and time fields named by their labels, a range as start and end', () => {
    const html = render(
      page(
        { type: 'date_input', id: 'date_input-1', label: 'Birthday', value: '2000-01-31', range: false, min: '1990-01-01', max: '2010-12-31', ...base },
        { type: 'date_input', id: 'date_input-2', label: 'Trip', value: '2024-03-01/', range: true, min: '2020-01-01', max: '2030-01-01', ...base },
        { type: 'time_input', id: 'time_input-1', label: 'Alarm', value: '08:45', step: 900, ...base },
      ),
    );
    const id = labelTarget(html, 'Birthday');
    expect(html).toContain(`<input id="${id}" type="date" class="st-input st-date" min="1990-01-01" max="2010-12-31" value="2000-01-31"/>`);
    expect(html).toContain('aria-label="Trip (start)" value="2024-03-01"/>');
    expect(html).toMatch(/min="2024-03-01" max="2030-01-01" aria-label="Trip \(end\)" value=""\/>/);
    expect(html).toContain(`<input id="${labelTarget(html, 'Alarm')}" type="time" class="st-input st-time" step="900" value="08:45"/>`);
  });

  it('draws a color input with its hex value', () => {
    const html = render(page({ type: 'color_picker', id: 'color_picker-1', label: 'Color', value: '#00ff00', ...base }));
    expect(html).toContain(`<input id="${labelTarget(html, 'Color')}" type="color" class="st-color" value="#00ff00"/>`);
    expect(html).toContain('<code class="st-color-value" aria-hidden="true">#00ff00</code>');
  });

  it('draws a select slider whose thumbs read as the options', () => {
    const html = render(
      page(
        { type: 'select_slider', id: 'select_slider-1', label: 'Size', options: ['S', 'M', 'L'], value: 1, ...base },
        { type: 'select_slider', id: 'select_slider-2', label: 'Band', options: ['S', 'M', 'L'], value: [0, 2], ...base },
      ),
    );
    expect(html).toMatch(/role="slider"[^>]*aria-label="Size" aria-valuemin="0" aria-valuemax="2" aria-valuenow="1" aria-valuetext="M"/);
    expect(html).toMatch(/aria-label="Band \(max\)"[^>]*aria-valuenow="2" aria-valuetext="L"/);
  });

  it('draws pills and a segmented control as toggle buttons in a named group', () => {
    const html = render(
      page(
        { type: 'pills', id: 'pills-1', label: 'Tags', style: 'pills', options: ['a', 'b'], indices: [1], multi: true, ...base },
        { type: 'pills', id: 'pills-2', label: 'View', style: 'segmented_control', options: ['Day', 'Week'], indices: [], multi: false, ...base },
      ),
    );
    expect(html).toMatch(/<div role="group" class="st-pills" aria-labelledby="[^"]+"><button type="button" class="st-pill" aria-pressed="false">a<\/button><button type="button" class="st-pill" aria-pressed="true">b<\/button><\/div>/);
    expect(html).toContain('class="st-pills st-segmented"');
  });
});
