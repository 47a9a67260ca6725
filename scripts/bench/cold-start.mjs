/**
 * Cold start: from spawning `mini-st run app-30.ts` to `/_stcore/health` answering 200 (polled
 * every 2 ms on 127.0.0.1), to the page's HTML, and to the first page's first run finished (a
 * protocol client connects as soon as the page answered). The floor beside it: the same spawn and
 * poll for a bare Node HTTP server (`node -e` with `http.createServer`), the least any Node server
 * can cost from spawn to its first answer.
 */
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { startApp } from '../../examples/e2e/app-process.js';
import { wsClient } from '../../examples/e2e/ws-client.js';

const APP = 'scripts/bench/app-30.ts';
const HEALTH_PATH = '/_stcore/health';

/** A port that was free a moment ago (the child binds it right after; a clash fails the sample). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function get(port, path) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent: false, timeout: 1000 }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode));
    });
    request.on('error', () => resolve(0));
    request.on('timeout', () => request.destroy());
  });
}

/** Poll until `path` answers 200; resolves to the time it did (performance.now()). */
async function pollUntilOk(port, path, deadline) {
  while (performance.now() < deadline) {
    if ((await get(port, path)) === 200) return performance.now();
    await sleep(2);
  }
  throw new Error(`http://127.0.0.1:${port}${path} did not answer 200 in time`);
}

async function sampleApp(isolation) {
  const port = await freePort();
  const spawnedAt = performance.now();
  const starting = startApp(APP, { args: ['--server.port', String(port), '--runner.isolation', isolation] });
  let app;
  let client;
  try {
    const healthAt = await pollUntilOk(port, HEALTH_PATH, spawnedAt + 30_000);
    const pageAt = await pollUntilOk(port, '/', spawnedAt + 30_000);
    client = await wsClient(`http://localhost:${port}/`);
    const first = await client.waitFor((m) => m.type === 'run_finished', { timeoutMs: 30_000 });
    const firstRunAt = performance.now();
    if (first.status !== 'ok') throw new Error(`the first run ended with status ${first.status}`);
    app = await starting;
    return { healthMs: healthAt - spawnedAt, pageMs: pageAt - spawnedAt, firstRunMs: firstRunAt - spawnedAt };
  } finally {
    await client?.close();
    app ??= await starting.catch(() => undefined);
    await app?.stop();
  }
}

async function sampleBareNode() {
  const port = await freePort();
  const spawnedAt = performance.now();
  const code = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
  const child = spawn(process.execPath, ['-e', code], { stdio: 'ignore' });
  try {
    return { healthMs: (await pollUntilOk(port, HEALTH_PATH, spawnedAt + 30_000)) - spawnedAt };
  } finally {
    child.kill();
  }
}

/** `samples` cold starts of each kind, one after the other. */
export async function coldStart({ samples = 5 } = {}) {
  const result = { bareNode: [], worker: [], none: [] };
  for (let i = 0; i < samples; i++) {
    result.bareNode.push(await sampleBareNode());
    result.worker.push(await sampleApp('worker'));
    result.none.push(await sampleApp('none'));
  }
  return result;
}
