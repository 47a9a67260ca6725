#!/usr/bin/env node
/**
 * `pnpm bench`: how long one interaction takes, measured against the floor under it.
 *
 *   (a) floor: a bare `ws` echo server on 127.0.0.1, sequential ~300-byte round trips;
 *   (b) mini-st: `mini-st run scripts/bench/app-30.ts`, a protocol client moving a slider, from
 *       sending `rerun` to receiving that run's `run_finished`; with bytes and messages per rerun.
 *       Three times: scripts in a worker thread (the default), in-process (`runner.isolation=none`),
 *       and in worker threads while a second session spins in `while (true) {}` (its floor is the
 *       first figure).
 *
 *   (c) login: the server-side cost of the login route and the callback (provider round trips
 *       excluded) and of reading the identity at WebSocket connect (scripts/bench/auth.mjs).
 *
 * Prints a Markdown table (or JSON with `--json`). Talks to 127.0.0.1/localhost only, stops by
 * itself (bounded in count and in time) and never asserts: it measures. docs/performance.md says
 * what each line means. Options: --json, --pings N, --reruns N, --warmup N.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { authCosts, authRows } from './bench/auth.mjs';
import { echoFloor } from './bench/floor.mjs';
import { rerunRoundTrip } from './bench/rerun.mjs';
import { markdownTable, ms, percentile, summarize } from './bench/stats.mjs';

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    pings: { type: 'string', default: '2000' },
    reruns: { type: 'string', default: '1000' },
    warmup: { type: 'string', default: '100' },
  },
});
const count = (name) => {
  const n = Number(flags[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got ${flags[name]}`);
  return n;
};

const log = (line) => {
  if (!flags.json) process.stderr.write(`${line}\n`);
};

log(`bench: echo floor, ${count('pings')} round trips…`);
const floor = await echoFloor({ count: count('pings'), warmup: 200 });
const modes = {};
for (const [name, isolation, spin] of [['worker', 'worker', false], ['none', 'none', false], ['spin', 'worker', true]]) {
  const while_ = spin ? ' while another session spins in a loop' : '';
  log(`bench: mini-st rerun round trip (runner.isolation=${isolation})${while_}, ${count('reruns')} reruns after ${count('warmup')} warm-up…`);
  modes[name] = await rerunRoundTrip({ count: count('reruns'), warmup: count('warmup'), isolation, spin });
}

log('bench: login costs (login route, callback, identity read at connect)…');
const auth = await authCosts();

const summary = (run) => ({
  ...summarize(run.samples.ms),
  elements: run.elementCount,
  bytesPerRerun: percentile(run.samples.bytes, 50),
  messagesPerRerun: percentile(run.samples.messages, 50),
  deltasPerRerun: percentile(run.samples.deltas, 50),
  startupMs: run.startupMs,
  firstRunMs: run.firstRunMs,
});
const result = {
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    platform: `${os.platform()} ${os.release()}`,
  },
  floor: { ...summarize(floor.samples), messageBytes: floor.bytes },
  /** Scripts in a worker thread: the default. */
  rerun: summary(modes.worker),
  /** `runner.isolation = "none"`: scripts in the server's thread. */
  rerunInProcess: summary(modes.none),
  /** Worker threads, measured while a second session spins in `while (true) {}`. */
  rerunWhileSpinning: summary(modes.spin),
  /** Server-side cost of login: the login route, the callback (provider round trips excluded), identity at connect. */
  login: Object.fromEntries(Object.entries(auth).map(([name, samples]) => [name, summarize(samples)])),
};

if (flags.json) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else {
  const { machine, floor: f, rerun: r, rerunInProcess: p, rerunWhileSpinning: w } = result;
  const ratio = (a, b) => (a !== undefined && b ? `${(a / b).toFixed(1)}×` : '–');
  const table = markdownTable(
    ['measure', 'n', 'p50', 'p99', 'floor p50', 'floor p99'],
    [
      [`WebSocket echo, ${f.messageBytes} B (floor)`, f.n, ms(f.p50), ms(f.p99), '', ''],
      [`rerun round trip, ${r.elements}-element app, worker thread (default)`, r.n, ms(r.p50), ms(r.p99), ms(f.p50), ms(f.p99)],
      [`rerun round trip, ${p.elements}-element app, in-process`, p.n, ms(p.p50), ms(p.p99), ms(f.p50), ms(f.p99)],
      [`rerun round trip, worker thread, while another session spins in a loop`, w.n, ms(w.p50), ms(w.p99), ms(r.p50), ms(r.p99)],
      ['startup: spawn → "Local URL" (worker / in-process)', '1 + 1', `${ms(r.startupMs)} / ${ms(p.startupMs)}`, '', '', ''],
      ['first run: connect + hello → run_finished (worker / in-process)', '1 + 1', `${ms(r.firstRunMs)} / ${ms(p.firstRunMs)}`, '', '', ''],
    ],
  );
  const wire = markdownTable(
    ['per rerun (median)', 'value'],
    [
      ['bytes received', r.bytesPerRerun ?? '–'],
      ['messages received', r.messagesPerRerun ?? '–'],
      ['deltas received', r.deltasPerRerun ?? '–'],
    ],
  );
  const login = markdownTable(['login', 'n', 'p50', 'p99'], authRows(auth));
  process.stdout.write(
    `${table}\n\n${wire}\n\n${login}\n\nrerun p50 is ${ratio(r.p50, f.p50)} the floor's with a worker thread, ` +
      `${ratio(p.p50, f.p50)} in-process; Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, ${machine.platform}\n`,
  );
}
