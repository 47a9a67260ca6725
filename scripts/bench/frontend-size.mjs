/**
 * The page's weight, from packages/components/dist (written by its build): the core is what the
 * first paint needs, index.html plus the stylesheets and scripts it links and every chunk those
 * scripts import statically; lazy chunks are those reached only through `import()`. Raw and gzip
 * sizes come from dist/manifest.json (gzip level 9, as the build measures them). The build writes
 * the core/lazy split itself (from esbuild's metafile); the import scan below checks it: a file
 * the scan finds on the first paint's path is core whatever the manifest says.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = fileURLToPath(new URL('../../packages/components/dist/', import.meta.url));

const STATIC_IMPORT = /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC_IMPORT = /import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** `{ core: { js, css, html, files }, lazy: [...], other: [...] }`, sizes in bytes. */
export async function frontendSize() {
  const manifest = JSON.parse(await readFile(path.join(dist, 'manifest.json'), 'utf8'));
  const sizes = new Map(manifest.files.map((f) => [f.file, f]));
  const sizeOf = async (file) => {
    if (sizes.has(file)) return sizes.get(file);
    const bytes = await readFile(path.join(dist, file));
    return { file, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  };

  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const linked = [...html.matchAll(/(?:href|src)="%BASE%([^"]+)"/g)].map((m) => m[1]);
  const core = new Set(['index.html']);
  const lazy = new Set();
  const queue = [...linked];
  while (queue.length) {
    const file = queue.shift();
    if (core.has(file)) continue;
    core.add(file);
    lazy.delete(file);
    if (!file.endsWith('.js')) continue;
    const code = await readFile(path.join(dist, file), 'utf8');
    const near = (spec) => path.posix.join(path.posix.dirname(file), spec);
    for (const m of code.matchAll(STATIC_IMPORT)) queue.push(near(m[1]));
    for (const m of code.matchAll(DYNAMIC_IMPORT)) if (!core.has(near(m[1]))) lazy.add(near(m[1]));
  }
  // The build's own split, where the scan agrees that nothing it calls lazy is needed at first paint.
  for (const file of manifest.lazy?.files ?? []) if (!core.has(file)) lazy.add(file);
  const total = async (files, ext) => {
    const list = await Promise.all([...files].filter((f) => !ext || f.endsWith(ext)).map(sizeOf));
    return { files: list, bytes: list.reduce((n, f) => n + f.bytes, 0), gzip: list.reduce((n, f) => n + f.gzip, 0) };
  };
  const coreAll = await total(core);
  return {
    core: { bytes: coreAll.bytes, gzip: coreAll.gzip, js: await total(core, '.js'), css: await total(core, '.css'), html: await total(['index.html']) },
    lazy: await total(lazy),
    other: manifest.files.filter((f) => !core.has(f.file) && !lazy.has(f.file)),
  };
}
