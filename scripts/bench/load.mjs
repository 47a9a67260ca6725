/**
 * Scale and memory under many sessions, against `mini-st run app-30.ts` on 127.0.0.1:
 *
 *   closedLoop  N sessions, each moving the slider again as soon as its last rerun finished, for a
 *               fixed time: reruns per second in total, p50/p99 of each rerun;
 *   manySessions  N sessions connected (RSS, and heap after a full GC read through the inspector,
 *               at 0, 100 and N sessions: the cost of one idle session is the slope), then each
 *               moving the slider once a second: p50/p99, errors, dropped connections, and the CPU
 *               the server used (from /proc), beside what the load clients used.
 *
 * The sessions are spread over a few forked client processes (load-client.mjs) so the client does
 * not starve on a 2-core machine; each one's CPU and event-loop delay are reported, so a reader
 * can tell whether it limited the figures. Bounded in sessions and time; stops by itself.
 */
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startApp } from '../../examples/e2e/app-process.js';
import { connectInspector, INSPECT_ARGS, inspectorUrl } from './inspector.mjs';
import { cpuMeter, rssBytes, startWithPid } from './proc.mjs';
import { percentile, summarize } from './stats.mjs';

const APP = 'scripts/bench/app-30.ts';
const CLIENT = fileURLToPath(new URL('./load-client.mjs', import.meta.url));

/** Start an app (app-30.ts unless told) and find its pid (for /proc). */
export function startServer({ app = APP, args = [], nodeArgs = [], env } = {}) {
  return startWithPid(() => startApp(app, { args, nodeArgs, env }), 'mini-st.js');
}

/** Fork `count` load clients; `ask(i, message)` resolves with client i's reply. */
async function forkClients(count) {
  const clients = Array.from({ length: count }, () => {
    const child = fork(CLIENT, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const replies = [];
    const waiters = [];
    child.on('message', (message) => (waiters.length ? waiters.shift()(message) : replies.push(message)));
    child.on('exit', () => {
      for (const waiter of waiters.splice(0)) waiter({ type: 'failed', error: 'load client exited' });
    });
    return { child, replies, waiters };
  });
  const ask = (i, message) =>
    new Promise((resolve, reject) => {
      const client = clients[i];
      const settle = (reply) => (reply.type === 'failed' ? reject(new Error(`load client ${i}: ${reply.error}`)) : resolve(reply));
      if (client.replies.length) return settle(client.replies.shift());
      client.waiters.push(settle);
      client.child.send(message);
    });
  const all = (make) => Promise.all(clients.map((_, i) => ask(i, make(i))));
  const close = async () => {
    await all(() => ({ cmd: 'close' })).catch(() => undefined);
    for (const { child } of clients) if (child.exitCode === null) child.kill();
  };
  return { clients, ask, all, close, pids: clients.map(({ child }) => child.pid) };
}

/** Split `n` into `k` near-equal parts. */
const split = (n, k) => Array.from({ length: k }, (_, i) => Math.floor(n / k) + (i < n % k ? 1 : 0));

async function connectAll(pool, app, counts, concurrency) {
  const replies = await pool.all((i) => ({ cmd: 'connect', url: app.url, count: counts[i], concurrency }));
  const failed = replies.reduce((n, r) => n + r.failed, 0);
  if (failed > 0) throw new Error(`${failed} session(s) failed to connect: ${replies.flatMap((r) => r.failures).slice(0, 3).join('; ')}`);
  return replies.flatMap((r) => r.firstRunMs);
}

/** Drive the connected sessions; merges the clients' results and measures every process's CPU. */
async function drive(pool, server, counts, run, onLoad) {
  const total = counts.reduce((a, b) => a + b, 0);
  const offsets = counts.map((_, i) => counts.slice(0, i).reduce((a, b) => a + b, 0));
  const serverCpu = cpuMeter(server.pid);
  const clientCpu = pool.pids.map((pid) => cpuMeter(pid));
  onLoad?.();
  const replies = await pool.all((i) => ({ cmd: 'run', ...run, offset: offsets[i], total }));
  const cpu = serverCpu.stop();
  const clientsCpu = clientCpu.map((meter) => meter.stop());
  const samples = replies.flatMap((r) => r.samples);
  const sum = (key) => replies.reduce((n, r) => n + r[key], 0);
  const finished = sum('finished');
  const perRerun = (seconds) => (seconds === undefined || finished === 0 ? undefined : Math.round((seconds * 1e6) / finished) / 1000);
  const errorKinds = {};
  for (const r of replies) for (const [kind, n] of Object.entries(r.errorKinds)) errorKinds[kind] = (errorKinds[kind] ?? 0) + n;
  return {
    sessions: total,
    seconds: run.durationMs / 1000,
    ...summarize(samples),
    rerunsPerSecond: Math.round(sum('completed') / (run.durationMs / 1000)),
    errors: sum('errors'),
    errorKinds,
    dropped: sum('drops'),
    late: sum('late'),
    serverCpu: cpu,
    /** CPU ms per rerun: the server (all threads, and its main thread) and the load clients. */
    cpuMsPerRerun: {
      server: perRerun(cpu.seconds),
      serverMain: perRerun(cpu.threads.find((t) => t.thread === 'main')?.seconds),
      clients: perRerun(clientsCpu.reduce((n, c) => n + (c.seconds ?? 0), 0)),
    },
    clients: replies.map((r, i) => ({ cpuPercent: clientsCpu[i].percent, loopDelayP99Ms: round(r.loopDelayMs.p99), loopDelayMaxMs: round(r.loopDelayMs.max) })),
  };
}

/**
 * `sessions` sessions rerunning in a closed loop for `durationMs` (after `warmupMs`).
 *
 * @example
 * const r = await closedLoop({ sessions: 50, durationMs: 20_000 });
 */
export async function closedLoop({ sessions, durationMs, warmupMs = 2000, clients = 2, nodeArgs = [], onLoad }) {
  const server = await startServer({ nodeArgs });
  const pool = await forkClients(clients);
  try {
    const counts = split(sessions, clients);
    await connectAll(pool, server, counts, 16);
    return await drive(pool, server, counts, { mode: 'closed', durationMs, warmupMs }, onLoad);
  } catch (error) {
    throw withServerOutput(error, server);
  } finally {
    await pool.close();
    await server.stop();
  }
}

/**
 * `sessions` sessions connected: memory per idle session; then each reruns once per `periodMs`
 * for `durationMs`.
 */
export async function manySessions({ sessions, durationMs, periodMs = 1000, clients = 2, baseline = 100, nodeArgs = [], onLoad }) {
  const server = await startServer({ nodeArgs: [...INSPECT_ARGS, ...nodeArgs] });
  const pool = await forkClients(clients);
  let inspector;
  try {
    inspector = await connectInspector(inspectorUrl(server.output().stderr));
    const measure = async (connected) => {
      const heap = await inspector.heapAfterGc();
      return { sessions: connected, heapBytes: heap.total, heapParts: heap.parts, rssBytes: rssBytes(server.pid) };
    };
    const points = [await measure(0)];
    const connectStarted = performance.now();
    const firstRuns = await connectAll(pool, server, split(baseline, clients), 16);
    points.push(await measure(baseline));
    firstRuns.push(...(await connectAll(pool, server, split(sessions - baseline, clients), 16)));
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    points.push(await measure(sessions));
    // Detach before the load, so the inspector costs nothing while it runs.
    await inspector.close();
    inspector = undefined;

    const [, low, high] = points;
    const per = (key) => Math.round((high[key] - low[key]) / (high.sessions - low.sessions));
    const memory = {
      points: points.map(({ heapParts, ...rest }) => rest),
      heapParts: high.heapParts,
      heapPerSessionBytes: per('heapBytes'),
      rssPerSessionBytes: high.rssBytes === undefined ? undefined : per('rssBytes'),
      connectSeconds: round(connectSeconds),
      firstRunMs: { p50: percentile(firstRuns, 50), p99: percentile(firstRuns, 99) },
    };
    const load = await drive(pool, server, split(sessions, clients), { mode: 'rate', durationMs, periodMs }, onLoad);
    return { memory, load };
  } catch (error) {
    throw withServerOutput(error, server);
  } finally {
    await inspector?.close().catch(() => undefined);
    await pool.close();
    await server.stop();
  }
}

export function withServerOutput(error, server) {
  const { stdout, stderr } = server.output();
  error.message += `\n--- mini-st stdout ---\n${stdout.slice(-4000)}\n--- mini-st stderr ---\n${stderr.slice(-4000)}`;
  return error;
}

function round(value) {
  return Math.round(value * 100) / 100;
}
