/**
 * Loads parts of the runtime's TypeScript source into the bench's own process: esbuild (the
 * runtime's copy) bundles a few re-exports into one ES module under the runtime's
 * node_modules/.cache, so its npm imports resolve from the runtime's dependencies, and the
 * workspace packages (@mini-st/protocol, source only) are bundled in. Node 20 cannot run `.ts`.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const runtimeDir = fileURLToPath(new URL('../../packages/runtime/', import.meta.url));

/**
 * Bundle `source` (TypeScript, resolved from packages/runtime/src) as `name`, then import it.
 *
 * @example
 * const { ScriptRunner } = await importRuntimeSource('runner', "export { ScriptRunner } from './runner/script-runner.ts';");
 */
export async function importRuntimeSource(name, source) {
  const require = createRequire(path.join(runtimeDir, 'package.json'));
  const esbuild = require('esbuild');
  const pkg = JSON.parse(await readFile(path.join(runtimeDir, 'package.json'), 'utf8'));
  const external = Object.keys(pkg.dependencies ?? {})
    .filter((dep) => !dep.startsWith('@mini-st/'))
    .flatMap((dep) => [dep, `${dep}/*`]);
  const outfile = path.join(runtimeDir, 'node_modules', '.cache', 'mini-st-bench', `${name}.mjs`);
  await mkdir(path.dirname(outfile), { recursive: true });
  await esbuild.build({
    stdin: { contents: source, resolveDir: path.join(runtimeDir, 'src'), loader: 'ts', sourcefile: `${name}-entry.ts` },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    conditions: ['source'],
    banner: { js: "import { createRequire as __benchRequire } from 'node:module'; const require = __benchRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return import(pathToFileURL(outfile).href);
}
