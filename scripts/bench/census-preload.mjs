/**
 * Preloaded (`--import`) into `mini-st run` by `startup-census.mjs`: records what the main thread
 * loads and starts before the server listens — CommonJS modules compiled (and their bytes), ES
 * modules loaded (through census-hooks.mjs), worker threads and child processes started, and the
 * main thread's and the process's CPU time — and writes it as JSON to `$MINI_ST_CENSUS` when the
 * first server starts listening (plus everything loaded in the next `$MINI_ST_CENSUS_AFTER_MS`,
 * for the "after listen" column). Counts, not times: they do not move with the machine's load.
 */
import childProcess from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import Module, { register, syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import workerThreads, { MessageChannel, Worker } from 'node:worker_threads';

const out = process.env.MINI_ST_CENSUS;
const afterMs = Number(process.env.MINI_ST_CENSUS_AFTER_MS ?? 1500);
const started = Date.now();
const loads = [];
const events = [];
const cpuAtStart = process.cpuUsage();

// ES modules are seen through loader hooks, which run on a thread of their own and cost the main
// thread time; `MINI_ST_CENSUS_ESM=0` leaves them out when only the CPU figures are wanted.
if (process.env.MINI_ST_CENSUS_ESM !== '0') {
  const { port1, port2 } = new MessageChannel();
  port1.on('message', (entry) => loads.push(entry));
  port1.unref();
  register(new URL('./census-hooks.mjs', import.meta.url), { data: { port: port2 }, transferList: [port2] });
}

const compile = Module.prototype._compile;
Module.prototype._compile = function (content, filename) {
  loads.push({ kind: 'cjs', url: filename, bytes: Buffer.byteLength(content), at: Date.now() });
  return compile.call(this, content, filename);
};

const spawn = childProcess.spawn;
childProcess.spawn = function (...args) {
  events.push({ kind: 'child_process', what: String(args[0]).split('/').slice(-1)[0], at: Date.now() });
  return spawn.apply(this, args);
};

class CountedWorker extends Worker {
  constructor(...args) {
    events.push({ kind: 'worker', at: Date.now() });
    super(...args);
  }
}
workerThreads.Worker = CountedWorker;
syncBuiltinESMExports();

/** Main thread CPU (ms) from /proc (10 ms ticks); undefined off Linux. */
function mainThreadCpuMs() {
  try {
    const fields = readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

let done = false;
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  if (!done) {
    this.once('listening', () => {
      if (done) return;
      done = true;
      const listenAt = Date.now();
      const cpu = process.cpuUsage(cpuAtStart);
      const snapshot = { listenAfterMs: listenAt - started, mainThreadCpuMs: mainThreadCpuMs(), processCpuMs: (cpu.user + cpu.system) / 1000 };
      setTimeout(() => {
        const before = loads.filter((entry) => entry.at <= listenAt);
        const after = loads.filter((entry) => entry.at > listenAt);
        writeFileSync(out, JSON.stringify({ ...snapshot, before, after, events: events.map((e) => ({ ...e, beforeListen: e.at <= listenAt })) }));
      }, afterMs).unref();
    });
  }
  return listen.apply(this, args);
};
