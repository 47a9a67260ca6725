/**
 * Starts `mini-st run <script>` as a child process on a port the OS picks, and waits for the line
 * the CLI prints when it listens ("Local URL: http://localhost:PORT"). Shared by the end-to-end
 * tests (through `harness.ts`) and `scripts/bench.mjs`, hence plain JavaScript (Node 20 cannot run
 * TypeScript); its types are in `app-process.d.ts`.
 *
 * The child runs from the repository root by default, exactly as `pnpm gallery` runs it, so the
 * repository's `.streamlit/config.toml` applies; the flags `--server.port 0 --server.headless true`
 * override the port and headless mode of that file.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's place in it (examples/e2e/). */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const cliPath = path.join(repoRoot, 'packages', 'runtime', 'bin', 'mini-st.js');

const LOCAL_URL = /Local URL:\s*(http:\/\/localhost:(\d+)\S*)/;
const ANSI = /\u001b\[[0-9;]*m/g;

/** Children still running, killed if this process exits without stopping them. */
const live = new Set();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/**
 * Start an app. `scriptPath` is absolute or relative to the repository root (`null` with
 * `command: 'hello'`, which runs the built-in demo).
 *
 * @example
 * const app = await startApp('examples/gallery.ts');
 * try { await page.goto(app.url); } finally { await app.stop(); }
 */
export async function startApp(scriptPath, options = {}) {
  const cwd = options.cwd ?? repoRoot;
  const command = options.command ?? 'run';
  const script = command === 'run' ? [path.relative(cwd, path.resolve(repoRoot, scriptPath)) || '.'] : [];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const cli = options.cliPath ?? cliPath;
  const args = [...(options.nodeArgs ?? []), cli, command, ...script, '--server.port', '0', '--server.headless', 'true', ...(options.args ?? [])];
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => {
      live.delete(child);
      resolve({ code, signal });
    }),
  );
  const output = () => ({ stdout, stderr });
  const describe = () => `$ node ${args.join(' ')}  (cwd ${cwd})\n--- stdout ---\n${stdout}\n--- stderr ---\n${stderr}`;

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // A server that ignores SIGTERM gets SIGKILL; the timer is a deadline, not a wait.
      const deadline = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(deadline);
    }
  };

  const listening = await new Promise((resolve, reject) => {
    const onData = () => {
      const match = LOCAL_URL.exec(stdout.replace(ANSI, ''));
      if (!match) return;
      done();
      resolve({ url: match[1], port: Number(match[2]) });
    };
    const onExit = ({ code, signal }) => {
      if (settled) return;
      done();
      reject(new Error(`mini-st exited (code ${code}, signal ${signal}) before it listened\n${describe()}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`mini-st printed no "Local URL" within ${timeoutMs} ms\n${describe()}`));
    }, timeoutMs);
    let settled = false;
    const done = () => {
      settled = true;
      clearTimeout(timer);
      child.stdout.off('data', onData);
    };
    child.stdout.on('data', onData);
    exited.then(onExit);
  }).catch(async (error) => {
    await stop();
    throw error;
  });

  return { ...listening, pid: child.pid, stop, output, exited };
}
