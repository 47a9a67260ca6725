/**
 * Test support: a ClientConnection that records what it is sent and lets a test await a message
 * (no sleeps). Used by the session and worker tests.
 */
import type { ServerMessage } from '@mini-st/protocol';
import type { ClientConnection } from '../session/types.js';

/** A connection that records what it was sent and resolves waiters as messages arrive. */
export function fakeConnection() {
  const sent: ServerMessage[] = [];
  const waiters: Array<{ test: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }> = [];
  let closed: { code: number; reason: string } | undefined;
  const connection: ClientConnection = {
    send(message) {
      sent.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.test(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    },
    close(code, reason) {
      closed = { code, reason };
    },
    bufferedAmount: 0,
  };
  return {
    connection,
    sent,
    closed: () => closed,
    next<T extends ServerMessage['type']>(type: T, test: (m: Extract<ServerMessage, { type: T }>) => boolean = () => true) {
      const found = sent.find((m) => m.type === type && test(m as Extract<ServerMessage, { type: T }>));
      if (found) return Promise.resolve(found as Extract<ServerMessage, { type: T }>);
      return new Promise<Extract<ServerMessage, { type: T }>>((resolve) =>
        waiters.push({ test: (m) => m.type === type && test(m as Extract<ServerMessage, { type: T }>), resolve: resolve as (m: ServerMessage) => void }),
      );
    },
  };
}
