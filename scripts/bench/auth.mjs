#!/usr/bin/env node
/**
 * What login costs the server: the login route and the callback (provider round trips taken out),
 * and reading the identity at WebSocket connect. Bundles packages/runtime/src/auth/bench.ts with
 * the runtime's esbuild (Node 20 cannot run TypeScript) and runs it in this process.
 * `node scripts/bench/auth.mjs [--json]`; `authCosts()` is what bench.mjs can call.
 */
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { markdownTable, ms, summarize } from './stats.mjs';

const runtimeDir = fileURLToPath(new URL('../../packages/runtime/', import.meta.url));

/** Resolves to `{ loginRouteMs, callbackMs, callbackProviderMs, identifyMs }` sample arrays. */
export async function authCosts(options = {}) {
  const esbuild = createRequire(path.join(runtimeDir, 'package.json'))('esbuild');
  // Inside the runtime's node_modules, so the bundle's external imports resolve from there.
  const outfile = path.join(runtimeDir, 'node_modules', '.cache', 'mini-st-bench', 'auth-bench.mjs');
  await mkdir(path.dirname(outfile), { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(runtimeDir, 'src', 'auth', 'bench.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // npm packages stay external; the workspace's @mini-st/protocol (TypeScript source) is bundled.
    external: npmDependencies(),
    conditions: ['source'],
    logLevel: 'warning',
  });
  const { measureAuthCosts } = await import(pathToFileURL(outfile).href);
  return measureAuthCosts(options);
}

/** The runtime's npm dependencies, as build.mjs lists them. */
function npmDependencies() {
  const pkg = createRequire(path.join(runtimeDir, 'package.json'))('./package.json');
  return Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).flatMap((name) => [name, `${name}/*`]);
}

/** Rows for the bench's Markdown table. */
export function authRows(costs) {
  const row = (name, samples) => {
    const s = summarize(samples);
    return [name, String(s.n), ms(s.p50), ms(s.p99)];
  };
  return [
    row('login route (server side)', costs.loginRouteMs),
    row('callback (server side, provider round trips excluded)', costs.callbackMs),
    row('callback: provider round trips (for context)', costs.callbackProviderMs),
    row('identity read at WebSocket connect', costs.identifyMs),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const costs = await authCosts();
  if (process.argv.includes('--json')) console.log(JSON.stringify(Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, summarize(v)])), null, 2));
  else console.log(markdownTable(['login', 'n', 'p50', 'p99'], authRows(costs)));
}
