/**
 * Builds the runtime into dist/: `index.js` (what `import { st } from "mini-st"` loads), `cli.js`
 * (what `bin/mini-st.js` runs) and `worker.js` (the worker threads that run scripts). Code splitting makes both share one copy of the runtime,
 * so the CLI's sessions and the user's `st` import see the same module state.
 * Workspace packages (@mini-st/protocol) are bundled; npm dependencies (and the optional peer
 * oidc-provider, imported lazily) stay external and load from node_modules. The page is not
 * bundled: build-package.mjs copies it into dist/static-page, with the type declarations.
 */
import { rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
// `packages: 'external'` would externalize the workspace packages too, so list npm deps instead.
const external = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }).flatMap((name) => [name, `${name}/*`]);

await rm(new URL('./dist', import.meta.url), { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: new URL('.', import.meta.url).pathname,
  // worker: the entry of the worker threads that run scripts (runner/worker-pool.ts finds it).
  entryPoints: [
    'src/index.ts',
    'src/cli.ts',
    { in: 'src/testing/index.ts', out: 'testing' },
    { in: 'src/runner/worker-main.ts', out: 'worker' },
  ],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Stack traces need only the mappings; the sources would be half of the packed package.
  sourcesContent: false,
  external,
  // Bundled CommonJS code calls require(); an ESM bundle has none unless we make one.
  banner: {
    js: "import { createRequire as __miniStCreateRequire } from 'node:module'; const require = __miniStCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
