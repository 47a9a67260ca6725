/**
 * What the operating system says about a process: CPU time (all threads, and each thread) from
 * /proc/<pid>/stat and /proc/<pid>/task/<tid>/stat, the time each thread was ready to run but
 * waited for a core (/proc/<pid>/task/<tid>/schedstat: how much a busy machine held it back),
 * and resident memory from /proc/<pid>/status.
 * Linux only; on other systems the readers return undefined and the bench says "not measured".
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

let ticks;
/** Clock ticks per second of the times in /proc/<pid>/stat (almost always 100). */
function clockTicks() {
  if (ticks === undefined) {
    try {
      ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticks = 100;
    }
  }
  return ticks;
}

/** `{ comm, seconds }` (user + system CPU) from a stat file; undefined when unreadable. */
function readStat(file) {
  try {
    const text = readFileSync(file, 'utf8');
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    // Fields after "(comm)": state is field 3, so utime (14) and stime (15) are at 11 and 12.
    const fields = text.slice(close + 2).split(' ');
    return { comm, seconds: (Number(fields[11]) + Number(fields[12])) / clockTicks() };
  } catch {
    return undefined;
  }
}

/** Seconds of CPU the process has used so far, all threads together. */
export function cpuSeconds(pid) {
  return readStat(`/proc/${pid}/stat`)?.seconds;
}

/** Seconds a thread spent runnable but waiting for a core (schedstat's second field). */
function readWait(file) {
  try {
    return Number(readFileSync(file, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return undefined;
  }
}

/** Seconds of CPU and of waiting for a core, per thread: `Map<tid, { comm, seconds, waited }>`. */
export function threadCpuSeconds(pid) {
  const result = new Map();
  try {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readStat(`/proc/${pid}/task/${tid}/stat`);
      if (stat) result.set(tid, { ...stat, waited: readWait(`/proc/${pid}/task/${tid}/schedstat`) });
    }
  } catch {
    // The process is gone, or this is not Linux.
  }
  return result;
}

/** Resident set size in bytes (VmRSS). */
export function rssBytes(pid) {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Start measuring a process's CPU; `stop()` gives the share of one core it used meanwhile
 * (100 = one core busy all the time), in total and for its busiest threads, and for each of those
 * the share of the time it was ready to run but waited for a core (`waitPercent`). CPU seconds
 * (`seconds`, per thread too) divided by the work done give a cost per rerun that a busy machine
 * distorts far less than it distorts latencies.
 */
export function cpuMeter(pid) {
  const startedAt = performance.now();
  const before = cpuSeconds(pid);
  const threadsBefore = threadCpuSeconds(pid);
  return {
    stop() {
      const wall = (performance.now() - startedAt) / 1000;
      const after = cpuSeconds(pid);
      const threads = [];
      for (const [tid, stat] of threadCpuSeconds(pid)) {
        const earlier = threadsBefore.get(tid);
        const used = stat.seconds - (earlier?.seconds ?? 0);
        const waited = stat.waited === undefined ? undefined : stat.waited - (earlier?.waited ?? 0);
        if (used > 0) {
          threads.push({
            thread: Number(tid) === pid ? 'main' : `${stat.comm} ${tid}`,
            seconds: used,
            percent: round((100 * used) / wall),
            waitPercent: waited === undefined ? undefined : round((100 * waited) / wall),
          });
        }
      }
      threads.sort((a, b) => b.percent - a.percent);
      return {
        wallSeconds: round(wall),
        seconds: before === undefined || after === undefined ? undefined : after - before,
        percent: before === undefined || after === undefined ? undefined : round((100 * (after - before)) / wall),
        threads: threads.slice(0, 6),
      };
    },
  };
}

function round(value) {
  return Math.round(value * 10) / 10;
}

/** Process ids of this process's children whose command line contains `needle`. */
export function childPids(needle = '') {
  const pids = [];
  try {
    for (const tid of readdirSync(`/proc/${process.pid}/task`)) {
      const children = readFileSync(`/proc/${process.pid}/task/${tid}/children`, 'utf8').trim();
      for (const pid of children ? children.split(' ') : []) {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        if (cmdline.includes(needle)) pids.push(Number(pid));
      }
    }
  } catch {
    // Not Linux, or a child exited while we looked.
  }
  return pids;
}

/**
 * Start a process with `start()` (e.g. `() => startApp(…)`) and find its pid: the child whose
 * command line contains `needle` and that was not there before. Resolves to `{ ...started, pid }`.
 */
export async function startWithPid(start, needle) {
  const before = new Set(childPids(needle));
  const started = await start();
  const pid = childPids(needle).find((candidate) => !before.has(candidate));
  return { ...started, pid };
}
