import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '@mini-st/protocol';
import { FakeHub } from '../server/test-support.js';
import { MAX_WAITING_FRAMES, deferHub } from './deferred-hub.js';
import type { ClientConnection, ConnectionInfo } from './types.js';

const info: ConnectionInfo = { origin: 'http://localhost', remoteAddress: '127.0.0.1', headers: {} };

function connection(): ClientConnection & { closes: [number, string][] } {
  const closes: [number, string][] = [];
  return {
    closes,
    send(_message: ServerMessage) {},
    close(code, reason) {
      closes.push([code, reason]);
    },
    bufferedAmount: 0,
  };
}

/** A promise and the function that resolves it. */
function later<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => ((resolve = yes), (reject = no)));
  return { promise, resolve, reject };
}

describe('deferHub', () => {
  it('holds the frames of a page that connects before the hub loaded, and delivers them in order', async () => {
    const loading = later<FakeHub>();
    const hub = deferHub(loading.promise);
    const handler = hub.open(connection(), info);
    handler.message('{"type":"hello"}');
    handler.message('{"type":"rerun"}');
    expect(hub.sessionCount).toBe(0);

    const real = new FakeHub();
    loading.resolve(real);
    await real.until(() => real.opened[0]?.messages.length === 2);
    expect(real.opened[0]!.info).toBe(info);
    expect(real.opened[0]!.messages).toEqual(['{"type":"hello"}', '{"type":"rerun"}']);

    handler.message('{"type":"stop"}');
    handler.closed();
    expect(real.opened[0]!.messages.at(-1)).toBe('{"type":"stop"}');
    expect(real.opened[0]!.closed).toBe(true);
  });

  it('passes a page that spoke and left before the load on to the hub, closed', async () => {
    const loading = later<FakeHub>();
    const hub = deferHub(loading.promise);
    const spoke = hub.open(connection(), info);
    spoke.message('{"type":"hello"}');
    spoke.closed();
    hub.open(connection(), info).closed(); // said nothing: the hub never hears of it

    const real = new FakeHub();
    loading.resolve(real);
    await hub.close();
    expect(real.opened).toHaveLength(1);
    expect(real.opened[0]!.messages).toEqual(['{"type":"hello"}']);
    expect(real.opened[0]!.closed).toBe(true);
  });

  it('goes straight to the hub once it is there, and forwards close', async () => {
    const real = new FakeHub();
    const hub = deferHub(Promise.resolve(real));
    await hub.drain?.(0);
    hub.open(connection(), info).message('x');
    expect(real.opened[0]!.messages).toEqual(['x']);
    expect(hub.sessionCount).toBe(1);
    await hub.close();
    expect(real.closedHub).toBe(true);
  });

  it('closes waiting pages with 1011 and still closes when the hub fails to load', async () => {
    const loading = later<FakeHub>();
    const logged: string[] = [];
    const hub = deferHub(loading.promise, (message) => logged.push(message));
    const socket = connection();
    hub.open(socket, info).message('{"type":"hello"}');
    loading.reject(new Error('no esbuild'));
    await hub.close();
    expect(socket.closes).toEqual([[1011, 'internal error']]);
    expect(logged).toEqual(['Error [MST_ERR_INTERNAL]: the session layer failed to load']);
  });

  it('cuts off a client that sends more than a page would before the hub loaded', async () => {
    const loading = later<FakeHub>();
    const hub = deferHub(loading.promise);
    const socket = connection();
    const handler = hub.open(socket, info);
    for (let i = 0; i <= MAX_WAITING_FRAMES; i++) handler.message('{"type":"hello"}');
    expect(socket.closes).toEqual([[1008, 'too many frames before the session started']]);
    handler.closed();

    const real = new FakeHub();
    loading.resolve(real);
    await hub.close();
    expect(real.opened).toHaveLength(0);
  });

  it('has an empty media store until the hub is there', () => {
    const hub = deferHub(new Promise<FakeHub>(() => {}));
    expect(hub.media?.store.get('abc.png')).toBeUndefined();
    expect(hub.media?.uploadTarget('session', 'token')).toBeUndefined();
  });
});
