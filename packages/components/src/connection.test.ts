/**
 * The connection against a fake socket and fake timers: hello, resume, backoff, queued clicks,
 * and the session-level messages it handles itself.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '@mini-st/protocol';
import { backoffDelay, Connection, streamUrl, type SocketLike } from './connection.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.drop();
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(msg: ServerMessage) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  drop() {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({});
  }
}

const start = (sessionId: string, resumed = false): ServerMessage => ({
  type: 'session_start',
  protocol: 1,
  sessionId,
  resumed,
  scriptName: 'app.ts',
  runOnSave: false,
});

function setup(widgets: Record<string, unknown> = {}) {
  const sockets: FakeSocket[] = [];
  const received: ServerMessage[] = [];
  const navigate = vi.fn();
  const connection = new Connection({
    url: 'ws://host/_stcore/stream',
    widgets: () => widgets as never,
    onMessage: (m) => received.push(m),
    page: () => '/app?x=1',
    navigate,
    openSocket: (url) => {
      const s = new FakeSocket(url);
      sockets.push(s);
      return s;
    },
    random: () => 1,
  });
  connection.start();
  const last = () => sockets.at(-1)!;
  return { connection, sockets, received, navigate, last };
}

describe('streamUrl', () => {
  it('points at ../_stcore/stream from the bundle, with wss on https pages', () => {
    expect(String(streamUrl('https://h/base/static/app-X.js', 'https:'))).toBe('wss://h/base/_stcore/stream');
    expect(String(streamUrl('http://h/static/app-X.js', 'http:'))).toBe('ws://h/_stcore/stream');
  });
});

describe('backoffDelay', () => {
  it('doubles from 200 ms, caps at 5 s, and jitters down by at most half', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, () => 1))).toEqual([200, 400, 800, 1600, 3200, 5000, 5000]);
    expect(backoffDelay(0, () => 0)).toBe(100);
  });
});

describe('Connection', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('says hello with the page and the widget values, without a session id at first', () => {
    const { last, connection } = setup({ a: 1 });
    expect(connection.getState().status).toBe('connecting');
    last().open();
    expect(last().sent).toEqual([{ type: 'hello', protocol: 1, widgets: { a: 1 }, page: '/app?x=1' }]);
  });

  it('reconnects with backoff and resumes the session it had', () => {
    const { last, sockets, connection, received } = setup({ a: 2 });
    last().open();
    last().receive(start('s1'));
    expect(connection.getState()).toMatchObject({ status: 'connected', sessionId: 's1', scriptName: 'app.ts' });
    expect(received.map((m) => m.type)).toEqual(['session_start']);

    last().drop();
    expect(connection.getState().status).toBe('reconnecting');
    vi.advanceTimersByTime(199);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    // A failed attempt waits longer before the next one.
    last().drop();
    vi.advanceTimersByTime(399);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    last().open();
    expect(last().sent[0]).toEqual({ type: 'hello', protocol: 1, sessionId: 's1', widgets: { a: 2 }, page: '/app?x=1' });
    last().receive(start('s1', true));
    expect(connection.getState().status).toBe('connected');
    // After a session started, the backoff begins again from the shortest delay.
    last().drop();
    vi.advanceTimersByTime(200);
    expect(sockets).toHaveLength(4);
  });

  it('sends rerun and stop when open, and queues a click made while offline', () => {
    const { last, connection } = setup();
    last().open();
    connection.rerun({ x: 1 }, 'btn');
    connection.stop();
    expect(last().sent.slice(1)).toEqual([{ type: 'rerun', widgets: { x: 1 }, trigger: 'btn' }, { type: 'stop' }]);

    last().drop();
    connection.rerun({}, 'clicked');
    connection.rerun({ y: 2 });
    connection.stop();
    vi.advanceTimersByTime(200);
    last().open();
    expect(last().sent).toEqual([
      { type: 'hello', protocol: 1, widgets: {}, page: '/app?x=1' },
      { type: 'rerun', widgets: { y: 2 }, trigger: 'clicked' },
    ]);
  });

  it('navigates on navigate, and does not reconnect while the page leaves', () => {
    const { last, sockets, navigate } = setup();
    last().open();
    last().receive({ type: 'navigate', url: '/auth/login' });
    expect(navigate).toHaveBeenCalledWith('/auth/login');
    last().drop();
    vi.advanceTimersByTime(2000);
    expect(sockets).toHaveLength(1);
  });

  it('refuses to navigate to a URL that is not http(s)', () => {
    const { last, navigate } = setup();
    last().open();
    for (const url of ['javascript:alert(1)', ' JavaScript:alert(1)', 'data:text/html,x', 'vbscript:x']) last().receive({ type: 'navigate', url });
    expect(navigate).not.toHaveBeenCalled();
    last().receive({ type: 'navigate', url: 'https://login.example.com/authorize?x=1' });
    expect(navigate).toHaveBeenCalledWith('https://login.example.com/authorize?x=1');
  });

  it('shows server errors as dismissible notices', () => {
    const { last, connection } = setup();
    last().open();
    last().receive({ type: 'error', code: 'MST_ERR_INTERNAL', message: 'Internal error' });
    last().receive({ type: 'error', code: 'MST_ERR_INTERNAL', message: 'Internal error' });
    const notices = connection.getState().notices;
    expect(notices).toMatchObject([{ code: 'MST_ERR_INTERNAL', message: 'Internal error' }]);
    connection.dismiss(notices[0]!.id);
    expect(connection.getState().notices).toEqual([]);
  });

  it('offers a rerun when the source changed, until a run starts', () => {
    const { last, connection } = setup();
    last().open();
    last().receive({ type: 'source_changed' });
    expect(connection.getState().sourceChanged).toBe(true);
    last().receive({ type: 'run_started', runId: 3 });
    expect(connection.getState().sourceChanged).toBe(false);
  });

  it('stops reconnecting when the protocol versions differ', () => {
    const { last, sockets, connection } = setup();
    last().open();
    last().receive({ type: 'error', code: 'MST_ERR_PROTOCOL_VERSION', message: 'reload' });
    last().drop();
    vi.advanceTimersByTime(10_000);
    expect(sockets).toHaveLength(1);
    expect(connection.getState().halted).toBe(true);
  });

  it('ignores frames that are not messages', () => {
    const { last, received } = setup();
    last().open();
    last().onmessage?.({ data: 'not json' });
    last().onmessage?.({ data: '42' });
    expect(received).toEqual([]);
  });
});
