/**
 * The dialog's markup: a modal `<dialog>` named by its title, with a close button and its body.
 * (Opening, Escape and focus are covered in Chromium by examples/e2e/fragments.test.ts.)
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { App } from '../app.js';
import type { ConnectionState } from '../connection.js';
import { PageContext } from '../page-context.js';
import { PageStore } from '../page-store.js';

function render(): string {
  const store = new PageStore();
  store.receive({ type: 'run_started', runId: 3 });
  store.receive({
    type: 'deltas',
    runId: 3,
    deltas: [
      { path: [0, 0], element: { type: 'text', body: 'behind' } },
      { path: [0, 1], block: { type: 'dialog', title: 'Edit <item>', width: 'large', fragmentId: 'f', openedIn: 3 } },
      { path: [0, 1, 0], element: { type: 'text', body: 'inside' } },
    ],
  });
  store.receive({ type: 'run_finished', runId: 3, status: 'ok', counts: { '0': 2, '0.1': 1, '1': 0 } });
  const state = { status: 'connected', sessionId: 's', scriptName: 'app.ts', notices: [], sourceChanged: false, halted: false, toasts: [], pageConfig: {}, navigation: null } as unknown as ConnectionState;
  const connection = { getState: () => state, subscribe: () => () => {}, dismiss: () => {} };
  return renderToStaticMarkup(
    <PageContext value={{ store, connection }}>
      <App />
    </PageContext>,
  );
}

describe('DialogBlock', () => {
  it('draws a modal dialog labelled by its escaped title, with a close button and its body', () => {
    const html = render();
    const dialog = /<dialog class="st-dialog st-dialog-large" aria-modal="true" aria-labelledby="([^"]+)">/.exec(html);
    expect(dialog).not.toBeNull();
    expect(html).toContain(`<h2 id="${dialog![1]}" class="st-dialog-title">Edit &lt;item&gt;</h2>`);
    expect(html).toContain('aria-label="Close"');
    expect(html.indexOf('inside')).toBeGreaterThan(html.indexOf('st-dialog-body'));
  });
});
