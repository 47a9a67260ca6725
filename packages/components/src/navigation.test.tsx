/**
 * Multipage apps on the page's side: addresses, the connection's address bar for `st.navigation`
 * and page clicks, the menu's markup (sections, current page), page links, the settings menu.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NavigationMessage, ServerMessage } from '@mini-st/protocol';
import { App } from './app.js';
import { Connection, type ConnectionState, type SocketLike } from './connection.js';
import { PageContext } from './page-context.js';
import { PageStore } from './page-store.js';
import { appBase, pageHref, pagePathOf } from './page-url.js';
import { ThemeController } from './theme.js';

const nav = (over: Partial<NavigationMessage> = {}): NavigationMessage => ({
  type: 'navigation',
  pages: [
    { urlPath: '', title: 'Home', icon: '🏠', section: '' },
    { urlPath: 'sales', title: 'Sales', section: 'Reports' },
    { urlPath: 'my costs', title: 'Costs', section: 'Reports' },
  ],
  current: '',
  position: 'sidebar',
  replace: true,
  ...over,
});

describe('page addresses', () => {
  it('finds the base from the bundle, in the entry or a chunk', () => {
    expect(appBase('https://h/apps/demo/static/app-X.js')).toBe('/apps/demo/');
    expect(appBase('https://h/static/chunks/c-X.js')).toBe('/');
  });

  it('maps page paths to addresses and back', () => {
    expect(pageHref('', '/apps/demo/')).toBe('/apps/demo/');
    expect(pageHref('my costs', '/')).toBe('/my%20costs');
    expect(pagePathOf('/apps/demo/my%20costs/', '/apps/demo/')).toBe('my costs');
    expect(pagePathOf('/apps/demo', '/apps/demo/')).toBe('');
  });
});

function connected(path: string) {
  let address = path;
  const moves: [string, boolean][] = [];
  let socket!: SocketLike & { sent: unknown[]; receive(m: ServerMessage): void };
  const connection = new Connection({
    url: 'ws://h/_stcore/stream',
    widgets: () => ({}),
    onMessage: () => {},
    page: () => address,
    base: '/',
    setAddress: (href, push) => {
      moves.push([href, push]);
      address = href;
    },
    openSocket: () => {
      const sent: unknown[] = [];
      socket = {
        readyState: 1,
        sent,
        send: (data: string) => void sent.push(JSON.parse(data)),
        close: () => {},
        onopen: null,
        onmessage: null,
        onclose: null,
        onerror: null,
        receive(m) {
          this.onmessage?.({ data: JSON.stringify(m) });
        },
      };
      return socket;
    },
  });
  connection.start();
  socket.onopen?.({});
  return { connection, moves, socket: () => socket };
}

describe('the connection and st.navigation', () => {
  it('keeps the menu, and leaves the address alone when it already names the page', () => {
    const { connection, moves, socket } = connected('/sales?x=1');
    socket().receive(nav({ current: 'sales' }));
    expect(connection.getState().navigation?.current).toBe('sales');
    expect(moves).toEqual([]);
  });

  it('replaces an unknown address with the default page and shows the notice', () => {
    const { connection, moves, socket } = connected('/nope');
    socket().receive(nav({ notFound: { code: 'MST_ERR_PAGE_NOT_FOUND', message: 'Page not found' } }));
    expect(moves).toEqual([['/', false]]);
    expect(connection.getState().notices.map((n) => n.code)).toEqual(['MST_ERR_PAGE_NOT_FOUND']);
  });

  it('pushes a history entry when the script switched page', () => {
    const { moves, socket } = connected('/');
    socket().receive(nav({ current: 'my costs', replace: false }));
    expect(moves).toEqual([['/my%20costs', true]]);
  });

  it('goes to a clicked page: new entry, query dropped, menu marked at once, rerun with the address', () => {
    const { connection, moves, socket } = connected('/?tab=1');
    socket().receive(nav());
    connection.goToPage('sales');
    expect(moves).toEqual([['/sales', true]]);
    expect(connection.getState().navigation?.current).toBe('sales');
    expect(socket().sent.at(-1)).toEqual({ type: 'rerun', widgets: {}, page: '/sales' });
  });
});

function render(state: Partial<ConnectionState>, messages: ServerMessage[] = []): string {
  const store = new PageStore();
  for (const m of messages) store.receive(m);
  const full: ConnectionState = { status: 'connected', sessionId: 's', scriptName: 'app.ts', notices: [], sourceChanged: false, halted: false, toasts: [], pageConfig: {}, navigation: null, ...state };
  const connection = { getState: () => full, subscribe: () => () => {}, dismiss: () => {} };
  const theme = new ThemeController({ root: { getAttribute: () => null, setAttribute: () => {} }, storage: null });
  return renderToStaticMarkup(
    <PageContext value={{ store, connection, theme }}>
      <App />
    </PageContext>,
  );
}

describe('the menu', () => {
  it('draws sections as headings in the sidebar and marks the current page', () => {
    const { type: _t, notFound: _n, replace: _r, ...navigation } = nav({ current: 'sales' });
    const html = render({ navigation });
    expect(html).toContain('<aside');
    expect(html).toMatch(/<nav class="st-nav st-nav-sidebar" aria-label="Pages">/);
    expect(html).toContain('<h2 class="st-nav-section">Reports</h2>');
    expect(html).toMatch(/<a href="[^"]*sales" class="st-nav-link" aria-current="page">/);
    expect(html).toMatch(/<a href="[^"]*my%20costs" class="st-nav-link">/);
    expect(html.match(/st-nav-section/g)).toHaveLength(1);
  });

  it('is not drawn for one page or when hidden; top puts it outside the sidebar', () => {
    const one = nav({ pages: [{ urlPath: '', title: 'Home', section: '' }] });
    expect(render({ navigation: { pages: one.pages, current: '', position: 'sidebar' } })).not.toContain('st-nav');
    expect(render({ navigation: { pages: nav().pages, current: '', position: 'hidden' } })).not.toContain('st-nav');
    const top = render({ navigation: { pages: nav().pages, current: '', position: 'top' } });
    expect(top).toContain('st-nav-top');
    expect(top).not.toContain('<aside');
  });

  it('draws page links: internal as links to the page, external in a new tab, unsafe not at all', () => {
    const link = { type: 'page_link' as const, disabled: false, useContainerWidth: false, current: false };
    const html = render({}, [
      { type: 'run_started', runId: 1 },
      {
        type: 'deltas',
        runId: 1,
        deltas: [
          { path: [0, 0], element: { ...link, label: 'Sales', urlPath: 'sales', url: null, current: true, icon: '📈' } },
          { path: [0, 1], element: { ...link, label: 'Docs', urlPath: null, url: 'https://docs.streamlit.io' } },
          { path: [0, 2], element: { ...link, label: 'Bad', urlPath: null, url: 'javascript:alert(1)' } },
        ],
      },
      { type: 'run_finished', runId: 1, status: 'ok', counts: { '0': 3, '1': 0 } },
    ]);
    expect(html).toMatch(/<a href="[^"]*sales" class="st-page-link" aria-current="page">.*📈.*Sales<\/span><\/a>/);
    expect(html).toContain('<a href="https://docs.streamlit.io" class="st-page-link" target="_blank" rel="noopener noreferrer">');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('st-page-link-disabled');
  });

  it('puts the settings button in the header', () => {
    expect(render({})).toContain('aria-label="Settings" aria-haspopup="menu" aria-expanded="false"');
  });
});
