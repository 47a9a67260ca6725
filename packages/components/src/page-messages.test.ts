/**
 * What the connection does with the messages beside the tree: toasts (and dismissing them),
 * page config, and the query string of `st.query_params` (a new history entry only after a
 * person's action, so Back undoes it; in place on load and on Back itself); back/forward send
 * the new address to the server.
 */
import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '@mini-st/protocol';
import { Connection, type SocketLike } from './connection.js';
import { reduceTree, initialTree } from './app-tree.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
}

function setup() {
  const socket = new FakeSocket();
  const queries: [string, boolean][] = [];
  let page = '/app?tab=a';
  const connection = new Connection({
    url: 'ws://host/_stcore/stream',
    widgets: () => ({}),
    onMessage: () => {},
    page: () => page,
    setQuery: (query, push) => queries.push([query, push]),
    openSocket: () => socket,
  });
  connection.start();
  socket.open();
  return { connection, socket, queries, goTo: (address: string) => (page = address) };
}

describe('toasts and page config', () => {
  it('keeps toasts until dismissed, at most five, and merges page config', () => {
    const { connection, socket } = setup();
    for (let i = 1; i <= 6; i++) socket.receive({ type: 'toast', body: `t${i}`, duration: 4 });
    socket.receive({ type: 'toast', body: 'sticky', icon: '📌', duration: null });
    expect(connection.getState().toasts.map((t) => t.body)).toEqual(['t3', 't4', 't5', 't6', 'sticky']);
    connection.dismiss(connection.getState().toasts[0]!.id);
    expect(connection.getState().toasts.map((t) => t.body)).toEqual(['t4', 't5', 't6', 'sticky']);

    socket.receive({ type: 'page_config', title: 'Sales', layout: 'wide' });
    socket.receive({ type: 'page_config', icon: '📈' });
    expect(connection.getState().pageConfig).toEqual({ title: 'Sales', layout: 'wide', icon: '📈' });
  });

  it('leaves the tree alone', () => {
    const msg: ServerMessage = { type: 'toast', body: 'x', duration: 4 };
    expect(reduceTree(initialTree, msg)).toBe(initialTree);
    expect(reduceTree(initialTree, { type: 'query_params', query: '?a=1' })).toBe(initialTree);
  });
});

describe('the address bar and st.query_params', () => {
  it('replaces the address on load, and adds a history entry after a person acted', () => {
    const { connection, socket, queries } = setup();
    socket.receive({ type: 'query_params', query: '?tab=a&seen=1' });
    connection.rerun({ w: 1 });
    socket.receive({ type: 'query_params', query: '?tab=b' });
    // A second change in the same run goes in place: one Back undoes the whole action.
    socket.receive({ type: 'query_params', query: '?tab=c' });
    connection.rerun({}, 'button-1');
    socket.receive({ type: 'query_params', query: '?tab=d' });
    expect(queries).toEqual([
      ['?tab=a&seen=1', false],
      ['?tab=b', true],
      ['?tab=c', false],
      ['?tab=d', true],
    ]);
  });

  it('sends the new address when the person goes back, and does not push what that run sets', () => {
    const { connection, socket, queries, goTo } = setup();
    connection.rerun({}, 'button-1');
    goTo('/app?tab=old');
    connection.addressChanged();
    expect(socket.sent.at(-1)).toEqual({ type: 'rerun', widgets: {}, page: '/app?tab=old' });
    socket.receive({ type: 'query_params', query: '?tab=old&seen=1' });
    expect(queries).toEqual([['?tab=old&seen=1', false]]);
  });
});
