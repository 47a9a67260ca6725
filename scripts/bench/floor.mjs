/**
 * The floor under every round trip mini-st can make: a bare `ws` echo server on 127.0.0.1 and one
 * client sending a ~300-byte JSON text frame and waiting for it to come back, one at a time.
 * Nagle is off on both ends (ws does it already; set here explicitly so the floor cannot drift).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// `ws` is installed for examples/ (the e2e harness uses it too); the repository root has none.
const require = createRequire(fileURLToPath(new URL('../../examples/package.json', import.meta.url)));
const { WebSocket, WebSocketServer } = require('ws');

/** A message the size of a typical small rerun frame. */
export function payload(bytes = 300) {
  const base = { type: 'rerun', widgets: { 'slider-n': 1 }, trigger: undefined, pad: '' };
  base.pad = 'x'.repeat(Math.max(0, bytes - JSON.stringify(base).length));
  return JSON.stringify(base);
}

/**
 * Sequential echo round trips: `warmup` unmeasured, then `count` measured, within `budgetMs`.
 * Resolves to the round-trip times in milliseconds.
 */
export async function echoFloor({ count = 2000, warmup = 200, bytes = 300, budgetMs = 30_000 } = {}) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  server.on('connection', (socket, request) => {
    request.socket.setNoDelay(true);
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  });
  await new Promise((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address();
  const client = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
  await new Promise((resolve, reject) => client.once('open', resolve).once('error', reject));
  client._socket.setNoDelay(true);

  const message = payload(bytes);
  const roundTrip = () =>
    new Promise((resolve, reject) => {
      const sentAt = performance.now();
      const timer = setTimeout(() => reject(new Error('the echo server did not answer within 5 s')), 5_000);
      client.once('message', () => {
        clearTimeout(timer);
        resolve(performance.now() - sentAt);
      });
      client.send(message);
    });

  const samples = [];
  const deadline = performance.now() + budgetMs;
  try {
    for (let i = 0; i < warmup; i++) await roundTrip();
    while (samples.length < count && performance.now() < deadline) samples.push(await roundTrip());
  } finally {
    client.terminate();
    await new Promise((resolve) => server.close(resolve));
  }
  return { samples, bytes: Buffer.byteLength(message) };
}
