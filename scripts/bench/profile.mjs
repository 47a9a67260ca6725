#!/usr/bin/env node
/**
 * Where the server's time goes, for the bench's missed targets: runs `mini-st run app-30.ts` under
 * `node --cpu-prof` (one profile per thread), drives one scenario, stops the server (the profiles
 * are written as it exits) and prints, per thread, the share of samples by function (self time)
 * and by where the code lives (a package, Node's internals, the runtime, the script).
 *
 *   node scripts/bench/profile.mjs rerun    [--n 3000] [--isolation none]  one client, sequential reruns
 *   node scripts/bench/profile.mjs closed   [--sessions 50] [--seconds 10]   closed loop
 *   node scripts/bench/profile.mjs rate     [--sessions 1000] [--seconds 15] one rerun/s each
 *   node scripts/bench/profile.mjs cold                         spawn → health, then exit
 *
 * Options: --top N (rows per table, default 15), --dir D (keep the .cpuprofile files there; open
 * them in Chromium's DevTools, Performance panel), --interval US (sampling interval in
 * microseconds, Node's default 1000; 50 resolves the parts of one sub-millisecond rerun).
 * Run `pnpm build` first.
 */
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closedLoop, manySessions, startServer } from './load.mjs';
import { longSession } from './long-session.mjs';
import { markdownTable } from './stats.mjs';

/** Microseconds on the monotonic clock, which V8's profiles use too. */
const nowMicros = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Self time per function and per place, from one .cpuprofile; only samples inside `window`
 * (`{ from, to }` in monotonic microseconds) when given, so start-up and shutdown stay out.
 */
export function summarizeProfile(profile, window) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map();
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window.from || at > window.to)) continue;
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const functions = new Map();
  const places = new Map();
  for (const [id, micros] of self) {
    const { functionName, url, lineNumber } = byId.get(id).callFrame;
    const place = placeOf(url, functionName);
    const name = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`.trim();
    functions.set(name, (functions.get(name) ?? 0) + micros);
    places.set(place, (places.get(place) ?? 0) + micros);
  }
  const share = (map) => [...map].map(([name, micros]) => ({ name, percent: (100 * micros) / total })).sort((a, b) => b.percent - a.percent);
  const idle = (places.get('(idle)') ?? 0) / 1e6;
  return { seconds: total / 1e6, busySeconds: total / 1e6 - idle, functions: share(functions), places: share(places) };
}

function placeOf(url, functionName) {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  if (url.startsWith('node:')) return 'node internals';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `package: ${pkg[1]}`;
  if (url.includes('/packages/runtime/dist/')) return 'mini-st runtime';
  if (url.includes('mini-st-')) return 'the script (app-30.ts)';
  return shortUrl(url);
}

function shortUrl(url) {
  return url.replace(/^file:\/\//, '').replace(/.*\/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '').replace(/.*\/packages\//, 'packages/');
}

async function scenario(name, options, dir) {
  const nodeArgs = ['--cpu-prof', `--cpu-prof-dir=${dir}`, ...(options.interval ? [`--cpu-prof-interval=${options.interval}`] : [])];
  if (name === 'rerun') {
    const server = await startServer({ nodeArgs, args: ['--runner.isolation', options.isolation] });
    const session = await longSession(server.url);
    const from = nowMicros();
    for (let i = 0; i < options.n; i++) await session.moveSlider();
    const window = { from, to: nowMicros(), reruns: options.n };
    await session.close();
    await server.stop();
    return window;
  } else if (name === 'closed' || name === 'rate') {
    const durationMs = options.seconds * 1000;
    let from;
    const onLoad = () => (from = nowMicros());
    const load =
      name === 'closed'
        ? await closedLoop({ sessions: options.sessions ?? 50, durationMs, warmupMs: 0, nodeArgs, onLoad })
        : (await manySessions({ sessions: options.sessions ?? 1000, durationMs, nodeArgs, onLoad })).load;
    console.log(JSON.stringify(load, ['sessions', 'rerunsPerSecond', 'p50', 'p99', 'serverCpu', 'percent', 'threads', 'thread']));
    return { from, to: from + durationMs * 1000, reruns: load.rerunsPerSecond * options.seconds };
  } else if (name === 'cold') {
    const from = nowMicros();
    const server = await startServer({ nodeArgs });
    const window = { from, to: nowMicros() };
    // Let start-up settle (workers compiling) so the shutdown is a clean one that writes profiles.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await server.stop();
    return window;
  } else {
    throw new Error(`unknown scenario "${name}" (rerun, closed, rate, cold)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { n: { type: 'string', default: '3000' }, isolation: { type: 'string', default: 'worker' }, sessions: { type: 'string' }, seconds: { type: 'string', default: '10' }, top: { type: 'string', default: '15' }, dir: { type: 'string' }, interval: { type: 'string' } },
  });
  const dir = values.dir ?? (await mkdtemp(path.join(tmpdir(), 'mini-st-prof-')));
  const name = positionals[0] ?? 'rerun';
  const window = await scenario(name, { isolation: values.isolation, n: Number(values.n), sessions: values.sessions && Number(values.sessions), seconds: Number(values.seconds), interval: values.interval && Number(values.interval) }, dir);
  const top = Number(values.top);
  const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.cpuprofile')).sort();
  if (files.length === 0) console.log(`no profiles in ${dir}: the server did not exit cleanly`);
  for (const file of files) {
    const summary = summarizeProfile(JSON.parse(await readFile(path.join(dir, file), 'utf8')), window);
    const pct = (x) => `${x.percent.toFixed(1)} %`;
    const perRerun = window.reruns ? `; ${((summary.busySeconds * 1000) / window.reruns).toFixed(3)} ms busy per rerun` : '';
    console.log(`\n## ${file} (${summary.seconds.toFixed(1)} s sampled in the load's window, ${summary.busySeconds.toFixed(2)} s busy${perRerun})\n`);
    console.log(markdownTable(['where', 'self'], summary.places.slice(0, top).map((x) => [x.name, pct(x)])));
    console.log();
    console.log(markdownTable(['function', 'self'], summary.functions.slice(0, top).map((x) => [x.name.replaceAll('|', '\\|'), pct(x)])));
  }
  console.log(`\nprofiles: ${dir}`);
}
