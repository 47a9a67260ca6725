#!/usr/bin/env node
/**
 * `pnpm bench`: every measure of issue 9 in one run, each beside its floor or its target.
 *
 *   1. rerun round trip of the 30-element app (worker thread, in-process, while another session
 *      spins), bytes and messages per rerun; floor: a bare WebSocket echo plus the bare script
 *      function's own time (scripts/bench/floor.mjs, script-floor.mjs, rerun.mjs);
 *   2. scale: 50 and 200 sessions in a closed loop; 1,000 sessions at one rerun a second, with
 *      errors, dropped connections and the server's CPU (load.mjs, load-client.mjs);
 *   3. memory: RSS and heap per idle session with 1,000 connected, heap after 10,000 reruns of one
 *      session vs after 1,000 (load.mjs, heap-growth.mjs; heap read through the inspector);
 *   4. cold start: spawn → health, → first run finished (cold-start.mjs);
 *   5. frontend size: core page JS and CSS, raw and gzip, lazy chunks (frontend-size.mjs);
 *   6. wire: bytes when 1 of 1,000 elements changes (wire.mjs, app-1000.ts);
 *   7. browser: click → DOM in Chromium, next to the server round trip (browser.mjs);
 *   8. login: the login route, the callback, the identity read at connect (auth.mjs);
 *   9. charts: first render of a 100,000-point line chart in Chromium, its bytes on the wire (charts.mjs);
 *  10. dataframe: first render of a 100,000-row st.dataframe in Chromium, its bytes on the wire, and
 *      what an unchanged rerun of it costs (dataframe.mjs).
 *
 * Prints Markdown tables and a table of targets (or JSON with `--json`); progress goes to stderr.
 * `--report FILE` prints a saved `--json` result again without measuring.
 * Talks to 127.0.0.1/localhost only; every phase is bounded in count and time and stops by itself.
 * A missed target never fails the run unless `--check` is given; a phase that could not measure
 * is reported and makes the exit code non-zero. docs/performance.md says what each line means.
 */
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { authCosts } from './bench/auth.mjs';
import { haveChromium, clickToDom } from './bench/browser.mjs';
import { chartFirstRender } from './bench/charts.mjs';
import { dataframeFirstRender } from './bench/dataframe.mjs';
import { coldStart } from './bench/cold-start.mjs';
import { startupFigures } from './bench/startup-census.mjs';
import { echoFloor } from './bench/floor.mjs';
import { frontendSize } from './bench/frontend-size.mjs';
import { heapGrowth } from './bench/heap-growth.mjs';
import { closedLoop, manySessions } from './bench/load.mjs';
import { rerunRoundTrip } from './bench/rerun.mjs';
import { scriptFloor } from './bench/script-floor.mjs';
import { bytes, markdownTable, ms, percentile, summarize } from './bench/stats.mjs';
import { checkTargets } from './bench/targets.mjs';
import { wireOneOfThousand } from './bench/wire.mjs';

const SECTIONS = ['rerun', 'wire', 'cold', 'frontend', 'scale', 'memory', 'browser', 'login', 'charts', 'dataframe'];

const { values: flags } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    pings: { type: 'string' },
    reruns: { type: 'string' },
    warmup: { type: 'string' },
    duration: { type: 'string' },
    'rate-duration': { type: 'string' },
    sessions: { type: 'string' },
    clients: { type: 'string' },
    'cold-samples': { type: 'string' },
    clicks: { type: 'string' },
    'heap-reruns': { type: 'string' },
    report: { type: 'string' },
  },
});
// --quick: the same measures with fewer samples and shorter loads (noisier; for a first look).
const DEFAULTS = flags.quick
  ? { pings: 500, reruns: 300, warmup: 50, duration: 5, 'rate-duration': 10, sessions: 1000, clients: 2, 'cold-samples': 2, clicks: 20, 'heap-reruns': 5000 }
  : { pings: 2000, reruns: 1000, warmup: 100, duration: 20, 'rate-duration': 30, sessions: 1000, clients: 2, 'cold-samples': 5, clicks: 50, 'heap-reruns': 10_000 };
const count = (name) => {
  const n = Number(flags[name] ?? DEFAULTS[name]);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got ${flags[name]}`);
  return n;
};
const only = flags.only ? new Set(flags.only.split(',').map((s) => s.trim())) : new Set(SECTIONS);
for (const name of only) if (!SECTIONS.includes(name)) throw new Error(`--only: unknown section "${name}" (sections: ${SECTIONS.join(', ')})`);

const log = (line) => process.stderr.write(`${line}\n`);
const benchStarted = performance.now();
const failures = {};
const phaseSeconds = {};
/** Run one phase; a failure is recorded and the bench goes on with the next. */
async function phase(name, label, fn) {
  log(`bench: ${label}…`);
  const started = performance.now();
  try {
    return await fn();
  } catch (error) {
    failures[name] = String(error?.stack ?? error);
    log(`bench: ${name} failed: ${failures[name]}`);
    return undefined;
  } finally {
    phaseSeconds[name] = Math.round((performance.now() - started) / 100) / 10;
  }
}

/** Every phase in turn; a phase that fails is recorded in `failures` and the next one runs. */
async function measure() {
  const result = {
    machine: {
      node: process.version,
      cpus: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      platform: `${os.platform()} ${os.release()}`,
      loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100),
    },
    date: new Date().toISOString(),
  };

  // 1. Round trip and its floor ------------------------------------------------------------------
  if (only.has('rerun')) {
    const echo = await phase('floor', `echo floor, ${count('pings')} round trips`, () => echoFloor({ count: count('pings'), warmup: 200 }));
    const script = await phase('scriptFloor', 'bare script function and ScriptRunner, no-op st / no-op send', () => scriptFloor('scripts/bench/app-30.ts'));
    if (echo || script) {
      const e = echo ? summarize(echo.samples) : undefined;
      const s = script ? summarize(script.bare) : undefined;
      result.floor = {
        echo: e && { ...e, messageBytes: echo.bytes },
        script: s,
        scriptRunner: script ? summarize(script.runner) : undefined,
        /** The floor of the rerun round trip's p50: echo p50 + bare script p50. */
        total: e && s ? e.p50 + s.p50 : undefined,
      };
    }
    const summary = (run) => ({
      ...summarize(run.samples.ms),
      elements: run.elementCount,
      bytesPerRerun: percentile(run.samples.bytes, 50),
      messagesPerRerun: percentile(run.samples.messages, 50),
      deltasPerRerun: percentile(run.samples.deltas, 50),
      startupMs: run.startupMs,
      firstRunMs: run.firstRunMs,
      serverCpu: run.serverCpu,
      /** CPU ms per rerun of the server, all threads and the main thread (from /proc). */
      cpuMsPerRerun: run.serverCpu && {
        server: run.serverCpu.seconds && (run.serverCpu.seconds * 1000) / run.samples.ms.length,
        serverMain: (run.serverCpu.threads.find((t) => t.thread === 'main')?.seconds ?? 0) * 1000 / run.samples.ms.length,
      },
    });
    const modes = [
      ['rerun', 'worker', false, ''],
      ['rerunInProcess', 'none', false, ''],
      ['rerunWhileSpinning', 'worker', true, ' while another session spins in a loop'],
    ];
    for (const [key, isolation, spin, while_] of modes) {
      const run = await phase(key, `rerun round trip (runner.isolation=${isolation})${while_}, ${count('reruns')} reruns after ${count('warmup')} warm-up`, () =>
        rerunRoundTrip({ count: count('reruns'), warmup: count('warmup'), isolation, spin }),
      );
      if (run) result[key] = summary(run);
    }
  }

  // 6. Wire ---------------------------------------------------------------------------------------
  if (only.has('wire')) {
    const wire = await phase('wire', 'wire: 1 of 1,000 elements changes, 50 reruns', () => wireOneOfThousand({ count: 50, warmup: 5 }));
    if (wire) {
      result.wire = {
        n: wire.samples.bytes.length,
        bytesPerRerun: percentile(wire.samples.bytes, 50),
        messagesPerRerun: percentile(wire.samples.messages, 50),
        deltasPerRerun: percentile(wire.samples.deltas, 50),
        roundTrip: summarize(wire.samples.ms),
        firstRun: wire.firstRun,
      };
    }
  }

  // 4. Cold start ---------------------------------------------------------------------------------
  if (only.has('cold')) {
    const cold = await phase('coldStart', `cold start, ${count('cold-samples')} samples each: bare Node, worker threads, in-process`, () => coldStart({ samples: count('cold-samples') }));
    if (cold) {
      const of = (samples, key) => summarize(samples.map((s) => s[key]));
      result.coldStart = {
        bareNode: of(cold.bareNode, 'healthMs'),
        health: of(cold.worker, 'healthMs'),
        page: of(cold.worker, 'pageMs'),
        firstRun: of(cold.worker, 'firstRunMs'),
        inProcess: { health: of(cold.none, 'healthMs'), firstRun: of(cold.none, 'firstRunMs') },
      };
      // Counts beside the times: they hold on a busy machine (startup-census.mjs).
      result.coldStart.census = await phase('startupCensus', 'what loads before the port opens', () => startupFigures());
    }
  }

  // 5. Frontend size ------------------------------------------------------------------------------
  if (only.has('frontend')) {
    result.frontend = await phase('frontend', 'frontend size (packages/components/dist/manifest.json)', () => frontendSize());
  }

  // 2 and 3. Scale and memory -----------------------------------------------------------------------
  if (only.has('scale')) {
    const durationMs = count('duration') * 1000;
    result.scale = {};
    for (const sessions of [50, 200]) {
      const run = await phase(`closed${sessions}`, `${sessions} sessions rerunning in a closed loop for ${durationMs / 1000} s (${count('clients')} client processes)`, () =>
        closedLoop({ sessions, durationMs, warmupMs: Math.min(2000, durationMs / 5), clients: count('clients') }),
      );
      if (run) result.scale[`closed${sessions}`] = run;
    }
  }
  if (only.has('scale') || only.has('memory')) {
    const sessions = count('sessions');
    const rateMs = count('rate-duration') * 1000;
    const many = await phase('manySessions', `${sessions} sessions: memory when idle, then one rerun a second each for ${rateMs / 1000} s`, () =>
      manySessions({ sessions, durationMs: rateMs, clients: count('clients'), baseline: Math.min(100, Math.floor(sessions / 10)) }),
    );
    if (many) {
      result.memory = { ...result.memory, idle: many.memory };
      result.scale = { ...result.scale, rate1000: many.load };
    }
  }
  if (only.has('memory')) {
    const last = count('heap-reruns');
    const first = Math.max(1, Math.round(last / 10));
    const growth = await phase('heapGrowth', `heap after ${first} and after ${last} reruns of one session`, () => heapGrowth({ first, last }));
    if (growth) result.memory = { ...result.memory, heapGrowth: growth };
  }

  // 7. Browser ------------------------------------------------------------------------------------
  if (only.has('browser')) {
    if (!haveChromium()) {
      failures.browser = 'Chromium not found at /usr/bin/chromium (set CHROMIUM_PATH, or run `bash scripts/ensure-chromium.sh`)';
      log(`bench: browser skipped: ${failures.browser}`);
    } else {
      const clicks = await phase('browser', `browser: ${count('clicks')} clicks in Chromium, click → DOM`, () => clickToDom({ count: count('clicks'), warmup: 5 }));
      if (clicks) result.browser = Object.fromEntries(Object.entries(clicks).map(([key, samples]) => [key, summarize(samples)]));
    }
  }

  // 9. Charts -------------------------------------------------------------------------------------
  if (only.has('charts')) {
    if (!haveChromium()) failures.charts = 'Chromium not found at /usr/bin/chromium (set CHROMIUM_PATH, or run `bash scripts/ensure-chromium.sh`)';
    else {
      const chart = await phase('charts', 'charts: first render of a 100,000-point line chart in Chromium, 5 loads', () => chartFirstRender({ loads: flags.quick ? 3 : 5 }));
      if (chart) result.charts = { toDrawn: summarize(chart.toDrawn), toPainted: summarize(chart.toPainted), wireBytes: chart.wireBytes, chunk: chart.chunk, chunkBytesOnWire: percentile(chart.chunkBytes, 50) };
    }
  }

  // 10. Dataframe ---------------------------------------------------------------------------------
  if (only.has('dataframe')) {
    if (!haveChromium()) failures.dataframe = 'Chromium not found at /usr/bin/chromium (set CHROMIUM_PATH, or run `bash scripts/ensure-chromium.sh`)';
    else {
      const loads = flags.quick ? 3 : 5;
      const df = await phase('dataframe', `dataframe: first render of a 100,000-row st.dataframe in Chromium, ${loads} loads; unchanged reruns`, () => dataframeFirstRender({ loads, reruns: 20 }));
      if (df) result.dataframe = { firstRow: summarize(df.firstRow), firstRender: summarize(df.firstRender), firstRunBytes: df.firstRunBytes, rerunBytes: percentile(df.rerunBytes, 50), rerun: summarize(df.rerunMs), mainThreadMsPerRerun: df.mainThreadMsPerRerun };
    }
  }

  // 8. Login --------------------------------------------------------------------------------------
  if (only.has('login')) {
    const auth = await phase('login', 'login costs (login route, callback, identity read at connect)', () => authCosts());
    if (auth) result.login = Object.fromEntries(Object.entries(auth).map(([name, samples]) => [name, summarize(samples)]));
  }
  return result;
}

// --report FILE: print a saved `--json` result again (and judge it with --check), measuring nothing.
const result = flags.report ? JSON.parse(await readFile(flags.report, 'utf8')) : await measure();
if (!flags.report) {
  result.phaseSeconds = phaseSeconds;
  result.totalSeconds = Math.round((performance.now() - benchStarted) / 1000);
  result.machine.loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
  if (Object.keys(failures).length) result.failures = failures;
}
// 1,000 idle sessions are measured with the scale phase's sessions: either section brings them.
const ran = (section) => flags.report || only.has(section) || (section === 'idle' && (only.has('scale') || only.has('memory')));
result.targets = checkTargets(result).filter((t) => ran(t.section));

if (flags.json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
else process.stdout.write(`${report(result)}\n`);

const missed = result.targets.filter((t) => t.met === false);
if (flags.check) {
  log(missed.length ? `bench --check: ${missed.length} target(s) missed:\n${missed.map((t) => `  - ${t.what}: ${t.measured} (target ${t.target})`).join('\n')}` : 'bench --check: every measured target is met');
}
if (Object.keys(failures).length) {
  log(`bench: could not measure: ${Object.keys(failures).join(', ')}`);
  process.exitCode = 1;
} else if (flags.check && missed.length) {
  process.exitCode = 1;
}

// ------------------------------------------------------------------------------------------------

/** The Markdown report: one table per section, then the targets. */
function report(r) {
  const out = [];
  const section = (title, header, rows) => rows.length && out.push(`### ${title}\n\n${markdownTable(header, rows)}`);
  const pct = (v) => (v === undefined ? '–' : `${Math.round(v)} %`);
  /** "main thread busy / waited for a core", from /proc (see proc.mjs). */
  const mainThread = (cpu) => {
    const main = cpu?.threads?.find((t) => t.thread === 'main');
    return main ? `${pct(main.percent)} / ${pct(main.waitPercent)}` : '–';
  };
  const f = r.floor;

  const rt = [];
  if (f?.echo) rt.push([`WebSocket echo, ${f.echo.messageBytes} B (floor, part 1)`, f.echo.n, ms(f.echo.p50), ms(f.echo.p99), '', '', '', '']);
  if (f?.script) rt.push(['bare script function, app-30, no-op st (floor, part 2)', f.script.n, ms(f.script.p50), ms(f.script.p99), '', '', '', '']);
  if (f?.scriptRunner) rt.push(['app-30 through ScriptRunner, no-op send (script side of a rerun; context)', f.scriptRunner.n, ms(f.scriptRunner.p50), ms(f.scriptRunner.p99), '', '', '', '']);
  const floorCell = f?.total === undefined ? '–' : `${ms(f.total)} (echo + script)`;
  const cpuPer = (s) => (s?.cpuMsPerRerun ? `${ms(s.cpuMsPerRerun.server)} / ${ms(s.cpuMsPerRerun.serverMain)}` : '–');
  // One client's window is short and follows start-up: other threads are mostly V8 compiling then.
  const rr = (label, s, floor, target) => s && rt.push([label, s.n, ms(s.p50), ms(s.p99), floor, target, mainThread(s.serverCpu), ms(s.cpuMsPerRerun?.serverMain)]);
  rr(`rerun round trip, ${r.rerun?.elements ?? 30}-element app, worker thread (default)`, r.rerun, floorCell, 'p50 ≤ floor + 0.3 ms; p99 ≤ 5 ms');
  rr('rerun round trip, in-process (`runner.isolation = "none"`)', r.rerunInProcess, floorCell, '(same, for context)');
  rr('rerun round trip, worker thread, while another session spins in `while (true) {}`', r.rerunWhileSpinning, r.rerun ? `${ms(r.rerun.p50)} (unloaded)` : '–', '');
  section('1. Rerun round trip (one client)', ['measure', 'n', 'p50', 'p99', 'floor (p50)', 'target', 'server main thread: busy / waited for a core', 'main thread CPU per rerun'], rt);

  if (r.rerun) {
    section('1. Per rerun (medians, worker thread)', ['per rerun', 'value', 'target'], [
      ['bytes received', bytes(r.rerun.bytesPerRerun), '≤ 600 B'],
      ['messages received', r.rerun.messagesPerRerun ?? '–', '≤ 3'],
      ['deltas received', r.rerun.deltasPerRerun ?? '–', ''],
    ]);
  }

  const sc = [];
  for (const key of ['closed50', 'closed200']) {
    const s = r.scale?.[key];
    if (!s) continue;
    const target = key === 'closed50' ? '≥ 2,000/s; p99 ≤ 50 ms' : '(none; Streamlit tuned: 80/s, p50 2.7 s)';
    sc.push([`${s.sessions} sessions, closed loop, ${s.seconds} s`, `${s.rerunsPerSecond}/s`, s.n, ms(s.p50), ms(s.p99), `${s.errors} / ${s.dropped}`, pct(s.serverCpu?.percent), mainThread(s.serverCpu), cpuPer(s), s.clients.map((c) => pct(c.cpuPercent)).join(' + '), target]);
  }
  const m = r.scale?.rate1000;
  if (m) {
    sc.push([`${m.sessions} sessions, 1 rerun/s each, ${m.seconds} s`, `${m.rerunsPerSecond}/s`, m.n, ms(m.p50), ms(m.p99), `${m.errors} / ${m.dropped}`, pct(m.serverCpu?.percent), mainThread(m.serverCpu), cpuPer(m), m.clients.map((c) => pct(c.cpuPercent)).join(' + '), 'p99 ≤ 50 ms; 0 errors; 0 dropped']);
  }
  section('2. Scale', ['load', 'reruns/s', 'n', 'p50', 'p99', 'errors / dropped', 'server CPU (100 % = 1 core)', 'main thread: busy / waited', 'server CPU per rerun: all / main', 'client CPU', 'target'], sc);

  const mem = [];
  const idle = r.memory?.idle;
  if (idle) {
    const at = (n) => idle.points.find((p) => p.sessions === n);
    const [, low, high] = idle.points;
    mem.push([`heap per idle session (slope ${low.sessions} → ${high.sessions} sessions, after GC, all threads)`, bytes(idle.heapPerSessionBytes), `${bytes(at(0)?.heapBytes)} with none, ${bytes(high.heapBytes)} with ${high.sessions}`, '≤ 32 KB']);
    mem.push([`RSS per idle session (same slope)`, bytes(idle.rssPerSessionBytes), `${bytes(at(0)?.rssBytes)} with none, ${bytes(high.rssBytes)} with ${high.sessions}`, '≤ 32 KB']);
  }
  const g = r.memory?.heapGrowth;
  if (g) {
    const [a, b] = g.points;
    mem.push([`heap after ${b.reruns} reruns vs after ${a.reruns} (one session, after GC)`, `Δ ${bytes(g.heapGrowthBytes)}`, `${bytes(a.heapBytes)} → ${bytes(b.heapBytes)}; RSS Δ ${bytes(g.rssGrowthBytes)}`, 'flat (|Δ| ≤ 1 MB)']);
  }
  section('3. Memory', ['measure', 'value', 'context', 'target'], mem);

  const c = r.coldStart;
  if (c) {
    section(`4. Cold start (${c.health.n} samples each)`, ['measure', 'p50', 'max', 'floor (p50)', 'target'], [
      ['spawn → /_stcore/health answers (worker threads, the default)', ms(c.health.p50), ms(c.health.max), `${ms(c.bareNode.p50)} (bare Node HTTP server)`, '≤ 300 ms'],
      ['spawn → page HTML answers', ms(c.page.p50), ms(c.page.max), '', ''],
      ['spawn → first page\'s first run finished', ms(c.firstRun.p50), ms(c.firstRun.max), '', ''],
      ['spawn → health / first run, in-process', `${ms(c.inProcess.health.p50)} / ${ms(c.inProcess.firstRun.p50)}`, '', '', ''],
      ...(c.census
        ? [
            ['before listening: modules loaded (CommonJS + ES), JS parsed', `${c.census.before.modules} (${c.census.before.cjs} + ${c.census.before.esm}), ${bytes(c.census.before.bytes)}`, '', '', ''],
            ['before listening: worker threads / esbuild processes started', `${c.census.before.workers} / ${c.census.before.childProcesses}`, '', '', '0 / 0'],
            ['before listening: main thread CPU (median)', ms(c.census.mainThreadCpuMs), ms(Math.max(...c.census.cpuSamples)), '', ''],
          ]
        : []),
    ]);
  }

  const fe = r.frontend;
  if (fe) {
    const rows = [
      ...fe.core.js.files.map((x) => [`core JS: ${x.file}`, bytes(x.bytes), bytes(x.gzip), '']),
      ...fe.core.css.files.map((x) => [`core CSS: ${x.file}`, bytes(x.bytes), bytes(x.gzip), '']),
      ['core page JS + CSS', bytes(fe.core.js.bytes + fe.core.css.bytes), bytes(fe.core.js.gzip + fe.core.css.gzip), '≤ 120 KB gzip'],
      ['index.html', bytes(fe.core.html.bytes), bytes(fe.core.html.gzip), ''],
      [`lazy chunks (${fe.lazy.files.length})`, bytes(fe.lazy.bytes), bytes(fe.lazy.gzip), ''],
      ...fe.lazy.files.map((x) => [`  lazy: ${x.file}`, bytes(x.bytes), bytes(x.gzip), '']),
    ];
    section('5. Frontend size', ['file', 'raw', 'gzip', 'target'], rows);
  }

  const w = r.wire;
  if (w) {
    section('6. Wire: 1 of 1,000 elements changes (app-1000.ts, medians)', ['measure', 'value', 'target'], [
      ['bytes received per rerun', bytes(w.bytesPerRerun), '≤ 1 KB'],
      ['messages / deltas per rerun', `${w.messagesPerRerun} / ${w.deltasPerRerun}`, ''],
      ['round trip p50 / p99 (context)', `${ms(w.roundTrip.p50)} / ${ms(w.roundTrip.p99)}`, ''],
      [`first run, the whole page (${w.firstRun.elements} elements, context)`, bytes(w.firstRun.bytes), ''],
    ]);
  }

  const b = r.browser;
  if (b) {
    section(`7. Browser: click "Press" → DOM in Chromium (${b.clickToDom.n} clicks)`, ['measure', 'p50', 'p99', 'target'], [
      ['click → DOM shows the result', ms(b.clickToDom.p50), ms(b.clickToDom.p99), `≤ server round trip + 16 ms = ${ms(b.serverRoundTrip.p50 + 16)}`],
      ['server round trip of the same click (protocol client, same server)', ms(b.serverRoundTrip.p50), ms(b.serverRoundTrip.p99), ''],
      ['  in the page: click → rerun sent', ms(b.clickToSend.p50), ms(b.clickToSend.p99), ''],
      ['  in the page: rerun sent → run_finished received', ms(b.sendToFinished.p50), ms(b.sendToFinished.p99), ''],
      ['  click → next animation frame after the DOM change', ms(b.clickToPaint.p50), ms(b.clickToPaint.p99), ''],
    ]);
  }

  const ch = r.charts;
  if (ch) {
    section(`9. Charts: a 100,000-point line chart in Chromium (${ch.toDrawn.n} loads, fresh context each)`, ['measure', 'p50', 'max', 'context'], [
      ['navigation → chart drawn', ms(ch.toDrawn.p50), ms(ch.toDrawn.max), 'page, WebSocket run, lazy chunk, uPlot draw'],
      ['navigation → next frame after it', ms(ch.toPainted.p50), ms(ch.toPainted.max), ''],
      ['bytes on the WebSocket for the run', bytes(ch.wireBytes), '', 'JSON, no permessage-deflate'],
      ['chart chunk on the wire (gzip)', bytes(ch.chunkBytesOnWire), '', ch.chunk ? `${ch.chunk.file}, ${bytes(ch.chunk.bytes)} raw` : ''],
    ]);
  }

  const df = r.dataframe;
  if (df) {
    section(`10. Dataframe: a 100,000-row st.dataframe in Chromium (${df.firstRender.n} loads, fresh context each)`, ['measure', 'p50', 'max', 'context'], [
      ['navigation → first rows in the DOM', ms(df.firstRow.p50), ms(df.firstRow.max), 'page, WebSocket run, lazy grid chunk, React'],
      ['navigation → next frame after it', ms(df.firstRender.p50), ms(df.firstRender.max), ''],
      ['bytes on the WebSocket for the first run', bytes(df.firstRunBytes), '', 'JSON, column by column, no permessage-deflate'],
      ['bytes for an unchanged rerun', bytes(df.rerunBytes), '', 'the frame is not sent again (digest)'],
      ['unchanged rerun round trip', ms(df.rerun.p50), ms(df.rerun.max), 'the script rebuilds and hashes 100,000 rows in its worker'],
      ['server main-thread CPU per unchanged rerun', ms(df.mainThreadMsPerRerun), '', 'data stays in the worker (runner/grid-data.ts)'],
    ]);
  }

  const l = r.login;
  if (l) {
    const row = (label, s, target) => [label, s?.n ?? '–', ms(s?.p50), ms(s?.p99), target];
    section('8. Login (server side)', ['measure', 'n', 'p50', 'p99', 'target (p50)'], [
      row('login route (server side)', l.loginRouteMs, '≤ 5 ms'),
      row('callback (server side, provider round trips excluded)', l.callbackMs, '≤ 5 ms'),
      row('callback: provider round trips (for context)', l.callbackProviderMs, ''),
      row('identity read at WebSocket connect', l.identifyMs, '≤ 0.2 ms'),
    ]);
  }

  const mark = (met) => (met === true ? 'met' : met === false ? '**missed**' : 'not measured');
  out.push(`### Targets\n\n${markdownTable(['target', 'measured', 'goal', ''], r.targets.map((t) => [t.what, t.measured, t.target, mark(t.met)]))}`);
  const machine = r.machine;
  out.push(
    `Node ${machine.node}, ${machine.cpus} × ${machine.cpu}, ${machine.platform}; load average ${machine.loadAverageAtStart[0]} at start, ` +
      `${machine.loadAverageAtEnd[0]} at end; ${r.totalSeconds} s in all.` +
      (r.failures ? `\n\nCould not measure: ${Object.keys(r.failures).join(', ')} (details on stderr and in --json).` : ''),
  );
  return out.join('\n\n');
}
