/**
 * What `mini-st run` loads before its port is open (docs/performance.md, cold start). The CLI is
 * bundled the way build.mjs bundles it, and the static imports reachable from `cli.js` are read
 * from esbuild's metafile: the heavy packages must be reached only through `import()`, so they
 * load after health answers. A regression test without a clock.
 */
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * Loaded after listening: the HTTP framework, the login stack, the compiler, and the optional dev
 * provider. Before it, only a node:http server (server/early-server.ts) answers health.
 */
const LATER = ['fastify', '@fastify/websocket', '@fastify/cookie', 'openid-client', '@fastify/secure-session', 'esbuild', 'es-module-lexer', 'oidc-provider'];

async function staticallyLoaded(): Promise<{ packages: Set<string>; files: Set<string> }> {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as Record<string, Record<string, string> | undefined>;
  const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).flatMap((name) => [name, `${name}/*`]);
  const result = await build({
    absWorkingDir: new URL('..', import.meta.url).pathname,
    entryPoints: ['src/cli.ts'],
    outdir: 'out',
    write: false,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['source'],
    external,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = result.metafile.outputs;
  const packages = new Set<string>();
  const files = new Set<string>();
  const seen = new Set<string>();
  const visit = (output: string) => {
    if (seen.has(output)) return;
    seen.add(output);
    for (const input of Object.keys(outputs[output]!.inputs)) files.add(input);
    for (const imported of outputs[output]!.imports) {
      if (imported.kind !== 'import-statement') continue;
      if (imported.external) packages.add(imported.path);
      else visit(imported.path);
    }
  };
  visit('out/cli.js');
  return { packages, files };
}

describe('mini-st run before listening', () => {
  it('reaches Fastify, the login stack, esbuild and the worker pool only through import()', async () => {
    const { packages, files } = await staticallyLoaded();
    expect(packages.has('smol-toml')).toBe(true); // the check itself sees static imports (config)
    for (const name of LATER) expect([...packages].filter((p) => p === name || p.startsWith(`${name}/`)), name).toEqual([]);
    for (const file of ['src/server/build-server.ts', 'src/session/session-manager.ts', 'src/runner/worker-pool.ts', 'src/runner/compile.ts', 'src/auth/oidc.ts']) {
      expect(files.has(file), file).toBe(false);
    }
  });
});
