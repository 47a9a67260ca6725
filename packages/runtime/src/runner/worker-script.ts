/**
 * Finds the script of the worker threads. Built, it is `dist/worker.js` beside this code. Run from
 * TypeScript sources (the test suite), Node cannot start a `.ts` worker, so the worker is bundled
 * once per process with esbuild into the package's node_modules/.cache, where its npm imports
 * still resolve.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';

let cached: URL | undefined;

export function workerScriptUrl(): URL {
  if (cached) return cached;
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    cached = new URL('./worker.js', here);
    return cached;
  }
  const packageDir = path.resolve(path.dirname(fileURLToPath(here)), '..', '..');
  const pkg = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
  const outDir = path.join(packageDir, 'node_modules', '.cache', 'mini-st');
  mkdirSync(outDir, { recursive: true });
  const outfile = path.join(outDir, `worker-${process.pid}.mjs`);
  buildSync({
    entryPoints: [path.join(packageDir, 'src', 'runner', 'worker-main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    conditions: ['source'],
    external: Object.keys(pkg.dependencies ?? {}).flatMap((name) => [name, `${name}/*`]),
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  cached = pathToFileURL(outfile);
  return cached;
}
