#!/usr/bin/env node
/**
 * What `mini-st run` does before its port is open, counted rather than timed, so the figures hold
 * on a busy machine: modules loaded (CommonJS and ES, by package) and the bytes of JavaScript
 * they parsed, worker threads and child processes (esbuild's service) started, and the CPU the
 * main thread and the whole process spent up to `listening`. The same for the first 1.5 s after
 * it, to show what moved there. Uses census-preload.mjs / census-hooks.mjs inside the server.
 *
 *   node scripts/bench/startup-census.mjs [--app scripts/bench/app-30.ts] [--isolation worker] [--json] [--cli path/to/bin/mini-st.js]
 *
 * Run a build first (`node packages/runtime/build.mjs`).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { startApp } from '../../examples/e2e/app-process.js';
import { markdownTable } from './stats.mjs';

const preload = new URL('./census-preload.mjs', import.meta.url).href;

/** One census of `mini-st run <app>`; resolves with the raw record (see census-preload.mjs). */
export async function startupCensus({ app = 'scripts/bench/app-30.ts', isolation = 'worker', cliPath, afterMs = 1500, esm = true } = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mini-st-census-'));
  const file = path.join(dir, 'census.json');
  const server = await startApp(app, {
    cliPath,
    nodeArgs: ['--import', preload],
    args: ['--runner.isolation', isolation],
    env: { MINI_ST_CENSUS: file, MINI_ST_CENSUS_AFTER_MS: String(afterMs), MINI_ST_CENSUS_ESM: esm ? '1' : '0' },
  });
  try {
    for (let i = 0; i < 200; i++) {
      const text = await readFile(file, 'utf8').catch(() => undefined);
      if (text) return JSON.parse(text);
      await sleep(50);
    }
    throw new Error('the server wrote no census');
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/** `package: fastify`, `runtime dist`, … for a loaded file. */
function placeOf(url) {
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (/packages\/runtime\/dist\//.test(url)) return '(mini-st dist)';
  return '(other)';
}

/** Counts and bytes of a list of loads, in total and by package. */
export function summarize(loads) {
  const byPlace = new Map();
  for (const { url, bytes } of loads) {
    const place = placeOf(url);
    const entry = byPlace.get(place) ?? { modules: 0, bytes: 0 };
    entry.modules += 1;
    entry.bytes += bytes;
    byPlace.set(place, entry);
  }
  const total = (kind) => loads.filter((l) => !kind || l.kind === kind).length;
  return {
    modules: total(),
    cjs: total('cjs'),
    esm: total('esm'),
    bytes: loads.reduce((sum, l) => sum + l.bytes, 0),
    byPlace: [...byPlace].map(([place, v]) => ({ place, ...v })).sort((a, b) => b.bytes - a.bytes),
  };
}

export function report(census) {
  const before = summarize(census.before);
  const after = summarize(census.after);
  const count = (kind, beforeListen) => census.events.filter((e) => e.kind === kind && e.beforeListen === beforeListen).length;
  return {
    listenAfterMs: census.listenAfterMs,
    mainThreadCpuMs: census.mainThreadCpuMs,
    processCpuMs: census.processCpuMs,
    before: { ...before, workers: count('worker', true), childProcesses: count('child_process', true) },
    after: { ...after, workers: count('worker', false), childProcesses: count('child_process', false) },
  };
}

/**
 * The figures `pnpm bench` prints beside the cold start: one census with the ES module hooks (the
 * counts), then `cpuSamples` without them (the main thread's CPU up to listening, median).
 */
export async function startupFigures({ cpuSamples = 3, cliPath } = {}) {
  const counted = report(await startupCensus({ cliPath, afterMs: 300 }));
  const cpu = [];
  for (let i = 0; i < cpuSamples; i++) cpu.push((await startupCensus({ cliPath, afterMs: 300, esm: false })).mainThreadCpuMs);
  cpu.sort((a, b) => a - b);
  const { byPlace, ...before } = counted.before;
  return { before, topPackages: byPlace.slice(0, 5), mainThreadCpuMs: cpu[cpu.length >> 1], cpuSamples: cpu };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { app: { type: 'string' }, isolation: { type: 'string' }, cli: { type: 'string' }, json: { type: 'boolean' }, top: { type: 'string', default: '12' } } });
  const result = report(await startupCensus({ app: values.app, isolation: values.isolation, cliPath: values.cli && path.resolve(values.cli) }));
  if (values.json) {
    console.log(JSON.stringify(result, null, 2));
  } else {
    const kb = (b) => `${(b / 1024).toFixed(0)} KB`;
    console.log(`listening after ${result.listenAfterMs} ms wall (load-dependent); CPU before listen: main thread ${result.mainThreadCpuMs} ms, process ${result.processCpuMs.toFixed(0)} ms\n`);
    console.log(
      markdownTable(
        ['', 'before listen', 'first 1.5 s after'],
        [
          ['modules (CJS + ESM)', `${result.before.modules} (${result.before.cjs} + ${result.before.esm})`, `${result.after.modules} (${result.after.cjs} + ${result.after.esm})`],
          ['JS parsed', kb(result.before.bytes), kb(result.after.bytes)],
          ['worker threads started', String(result.before.workers), String(result.after.workers)],
          ['child processes (esbuild)', String(result.before.childProcesses), String(result.after.childProcesses)],
        ],
      ),
    );
    console.log();
    const top = Number(values.top);
    console.log(markdownTable(['before listen: package', 'modules', 'bytes'], result.before.byPlace.slice(0, top).map((p) => [p.place, String(p.modules), kb(p.bytes)])));
  }
}
