/**
 * mini-st outside the monorepo, as a user gets it: `pnpm pack` the runtime, install the tarball
 * with npm into an empty temporary folder (no workspace, no pnpm; npm fetches the dependencies
 * from the registry), `mini-st init`, `npm install`, type-check the app with tsc, run it and use
 * it in Chromium; then `mini-st hello` and its login against the development provider. It prints
 * what the package holds and its size (docs/packaging.md explains them). The slowest test here:
 * most of its time is npm installing from the registry.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath, launchBrowser, repoRoot, startApp, type RunningApp } from './harness.js';

/**
 * The packed package must stay small: about 0.68 MB, of which about 0.29 MB is the Vega-Lite chunk
 * that only pages drawing `st.vega_lite_chart` load (see docs/packaging.md).
 */
const TARBALL_BUDGET_BYTES = 768 * 1024;
const PROVIDER = 'http://127.0.0.1:9421';

let tmp: string;
let appDir: string;
let tarball: string;
let entries: TarEntry[];
let browser: Browser | undefined;
const apps: RunningApp[] = [];

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), 'mini-st-package-'));
  appDir = path.join(tmp, 'my-app');
  await mkdir(path.join(tmp, 'pack'));
  await mkdir(appDir);
  await run('pnpm', ['pack', '--pack-destination', path.join(tmp, 'pack')], path.join(repoRoot, 'packages', 'runtime'));
  const [name] = (await readdir(path.join(tmp, 'pack'))).filter((file) => file.endsWith('.tgz'));
  tarball = path.join(tmp, 'pack', name!);
  entries = readTarball(await readFile(tarball));
}, 60_000);

afterAll(async () => {
  await Promise.all(apps.map((app) => app.stop()));
  await browser?.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('the packed mini-st', () => {
  it('holds the CLI, the built code, the page, the types, the demo, a README and a licence, and nothing of the workspace', async () => {
    const size = (await stat(tarball)).size;
    console.log(sizeReport(size, entries));
    expect(size).toBeLessThan(TARBALL_BUDGET_BYTES);

    const names = entries.map((entry) => entry.name);
    for (const file of [
      'package.json', 'README.md', 'LICENSE', 'bin/mini-st.js', 'dist/cli.js', 'dist/index.js', 'dist/testing.js', 'dist/worker.js',
      'dist/static-page/index.html', 'dist/types/index.d.ts', 'dist/types/testing/index.d.ts', 'hello/app.ts',
    ]) {
      expect(names).toContain(file);
    }
    // No TypeScript sources (declarations and the demo script aside), no workspace paths.
    expect(names.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== 'hello/app.ts')).toEqual([]);
    expect(entries.filter((entry) => entry.text.includes(repoRoot.replace(/\/$/, ''))).map((entry) => entry.name)).toEqual([]);
    expect(entries.filter((entry) => entry.name.endsWith('.d.ts') && entry.text.includes('@mini-st/')).map((entry) => entry.name)).toEqual([]);

    const manifest = JSON.parse(entries.find((entry) => entry.name === 'package.json')!.text) as Record<string, any>;
    expect(JSON.stringify(manifest)).not.toContain('workspace:');
    expect(JSON.stringify(manifest.exports)).not.toContain('./src/');
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith('@mini-st/') || name === 'oidc-provider')).toEqual([]);
    expect(manifest.peerDependenciesMeta['oidc-provider']).toEqual({ optional: true });
    expect(manifest.license).toBe('Apache-2.0');
  });

  it('installs with npm into an empty folder, where init makes an app that type-checks and runs in Chromium', async () => {
    await run('npm', ['install', tarball], appDir);
    // The development provider's package is an optional peer: not installed yet, and missed clearly.
    const provider = await run('npx', ['mini-st', 'auth', 'dev-provider', '--port', '0'], appDir, { allowFailure: true });
    expect(provider).toContain('Error [MST_ERR_DEV_PROVIDER_MISSING]: The development identity provider needs the "oidc-provider" package');
    const init = await run('npx', ['mini-st', 'init'], appDir);
    expect(init).toContain('npm install\n    npx mini-st run app.ts');
    for (const file of ['app.ts', '.streamlit/config.toml', '.streamlit/secrets.toml.example', '.gitignore', 'package.json', 'tsconfig.json']) {
      await stat(path.join(appDir, file));
    }
    expect(await readFile(path.join(appDir, '.gitignore'), 'utf8')).toContain('.streamlit/secrets.toml');
    const again = await run('npx', ['mini-st', 'init'], appDir, { allowFailure: true });
    expect(again).toMatch(/Error \[MST_ERR_INIT_FILE_EXISTS\]: Will not overwrite app\.ts, /);

    await run('npm', ['install'], appDir);
    // tsc over the generated app, the demo's source (many st calls), and calls that must not
    // type-check: each @ts-expect-error fails the compile if its error goes missing.
    await writeFile(path.join(appDir, 'hello.ts'), await readFile(path.join(appDir, 'node_modules', 'mini-st', 'hello', 'app.ts')));
    await writeFile(path.join(appDir, 'types-are-real.ts'), TYPES_ARE_REAL);
    await run('npx', ['tsc', '-p', '.'], appDir);

    const app = await startInstalled('app.ts');
    const page = await newPage(app.url);
    try {
      await page.getByRole('heading', { name: 'My mini-st app', level: 1 }).waitFor();
      await page.getByRole('textbox', { name: 'Your name' }).fill('Ada');
      await page.getByRole('textbox', { name: 'Your name' }).press('Enter');
      await page.getByRole('button', { name: 'Greet' }).click();
      await page.getByText('Hello Ada! ★★★').waitFor();
    } catch (error) {
      await page.screenshot({ path: artifactPath('package-app.png') });
      throw error;
    }
  }, 240_000);

  it('runs mini-st hello from the installed package, logging in against the development provider', async () => {
    const app = await startInstalled(null);
    const page = await newPage(app.url);
    try {
      await page.getByRole('heading', { name: 'Welcome to mini-st! 👋' }).waitFor();
      await page.getByRole('radio', { name: 'Layout' }).check();
      await page.getByRole('tab', { name: 'Result' }).waitFor();
      await page.getByRole('radio', { name: 'Login' }).check();
      await page.getByRole('button', { name: 'Log in' }).click();
      await page.waitForURL(`${PROVIDER}/interaction/**`);
      await page.locator('input[name="login"]').fill('alice');
      await page.locator('input[name="password"]').fill('any password');
      await page.getByRole('button', { name: 'Sign-in' }).click();
      await page.waitForURL((url) => url.origin === new URL(app.url).origin);
      await page.getByText('Welcome, Alice Liddell!').waitFor();
    } catch (error) {
      await page.screenshot({ path: artifactPath('package-hello.png') });
      throw error;
    }
  }, 60_000);
});

/** Calls a user may write, checked against the installed declarations. */
const TYPES_ARE_REAL = `import { st, StreamlitAPIException } from "mini-st";
import { AppTest } from "mini-st/testing";

const n: number = st.slider("n", { min_value: 0, max_value: 10, value: 5 });
const range: [number, number] = st.slider("range", { value: [1, 2] });
const [left] = st.columns(2);
left.button("ok", { on_click: st.login });
const at = AppTest.from_string('import { st } from "mini-st"; st.title("Hi");');
// @ts-expect-error: min_value is a number
st.slider("x", { min_value: "a" });
// @ts-expect-error: there is no such element
st.no_such_element();
// @ts-expect-error: text_input returns a string
const wrong: number = st.text_input("t");
export { n, range, at, wrong, StreamlitAPIException };
`;

/** `mini-st run <script>` (or `mini-st hello` for `null`) from the installed package, in the app's folder. */
async function startInstalled(script: string | null): Promise<RunningApp> {
  const cliPath = path.join(appDir, 'node_modules', 'mini-st', 'bin', 'mini-st.js');
  const app = await startApp(script && path.join(appDir, script), { cwd: appDir, cliPath, command: script ? 'run' : 'hello', env: npmEnv() });
  apps.push(app);
  return app;
}

async function newPage(url: string): Promise<Page> {
  browser ??= await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(url);
  return page;
}

/** This process's environment without what pnpm and turbo put there for their scripts: npm must run as in a fresh shell. */
function npmEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(npm_|pnpm_|turbo_)/i.test(name)) env[name] = value;
  }
  // prefer-offline: packages npm has cached are not asked for again (a user's second app, too).
  return { ...env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_prefer_offline: 'true' };
}

/** Runs a command to its end and resolves with its output; a failure rejects with the output, unless allowed. */
function run(command: string, args: string[], cwd: string, options: { allowFailure?: boolean } = {}): Promise<string> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: command === 'pnpm' ? process.env : npmEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    let spawnFailed = false;
    child.once('error', (error: NodeJS.ErrnoException) => {
      spawnFailed = true;
      // `pnpm` is on PATH under `pnpm test` (also through npx); run by hand without it, borrow npx's.
      if (command === 'pnpm' && error.code === 'ENOENT') run('npx', ['--yes', 'pnpm@12.4.2', ...args], cwd, options).then(resolve, reject);
      else reject(error);
    });
    child.once('close', (code) => {
      if (spawnFailed) return;
      console.log(`$ ${command} ${args.join(' ')}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
      if (code === 0 || options.allowFailure) resolve(output);
      else reject(new Error(`$ ${command} ${args.join(' ')} (in ${cwd}) exited with ${code}:\n${output}`));
    });
  });
}

interface TarEntry {
  /** Path inside the package (without tar's `package/`). */
  name: string;
  size: number;
  text: string;
}

/** The files of a .tgz (ustar, as npm and pnpm write it). */
function readTarball(gzipped: Buffer): TarEntry[] {
  const tar = gunzipSync(gzipped);
  const files: TarEntry[] = [];
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (from: number, to: number) => header.subarray(from, to).toString('utf8').replace(/\0[\s\S]*$/, '');
    const size = Number.parseInt(field(124, 136).trim() || '0', 8);
    const name = [field(345, 500), field(0, 100)].filter(Boolean).join('/');
    if (field(156, 157) === '0' || field(156, 157) === '') {
      files.push({ name: name.replace(/^package\//, ''), size, text: tar.subarray(at + 512, at + 512 + size).toString('utf8') });
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

/** What the package holds, by kind, as docs/packaging.md describes it. */
function sizeReport(tarballBytes: number, files: TarEntry[]): string {
  const kinds: [string, (name: string) => boolean][] = [
    ['code (bin/, dist/*.js)', (name) => name.startsWith('bin/') || /^dist\/[^/]+\.js$/.test(name)],
    ['source maps (dist/*.js.map)', (name) => name.endsWith('.map')],
    ['page (dist/static-page/)', (name) => name.startsWith('dist/static-page/')],
    ['types (dist/types/)', (name) => name.startsWith('dist/types/')],
    ['demo (hello/)', (name) => name.startsWith('hello/')],
    ['package.json, README.md, LICENSE', () => true],
  ];
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  const rows = new Map<string, { files: number; bytes: number }>(kinds.map(([label]) => [label, { files: 0, bytes: 0 }]));
  for (const file of files) {
    const row = rows.get(kinds.find(([, test]) => test(file.name))![0])!;
    row.files += 1;
    row.bytes += file.size;
  }
  const unpacked = files.reduce((sum, file) => sum + file.size, 0);
  return [
    `mini-st packed: ${kb(tarballBytes)} (tarball), ${kb(unpacked)} unpacked, ${files.length} files`,
    ...[...rows].map(([label, row]) => `  ${label.padEnd(34)} ${String(row.files).padStart(3)} files ${kb(row.bytes).padStart(10)}`),
  ].join('\n');
}
