/**
 * Builds the page: esbuild bundles src/main.tsx and its CSS into hashed files under dist/static/,
 * then writes dist/index.html (asset URLs prefixed with %BASE%, which the server replaces with
 * the app's base path ending in "/") and dist/manifest.json (files with raw and gzip sizes).
 * Precompression is the server's job.
 *
 * Code splitting is on: what the page reaches only through `import()` (the chart libraries, the
 * data grid) lands in its own hashed chunk under static/chunks/, fetched the first time an element
 * needs it. The manifest lists the core (index.html, the entry, its CSS and every chunk the entry
 * imports statically: what the first paint needs) apart from those lazy chunks, both found from
 * esbuild's metafile rather than guessed from file names.
 */
import { build } from 'esbuild';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');

await rm(dist, { recursive: true, force: true });
await mkdir(join(dist, 'static'), { recursive: true });

const result = await build({
  entryPoints: { app: join(root, 'src/main.tsx') },
  outdir: join(dist, 'static'),
  entryNames: '[name]-[hash]',
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  platform: 'browser',
  jsx: 'automatic',
  conditions: ['source'],
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

const outputs = Object.fromEntries(Object.entries(result.metafile.outputs).map(([file, meta]) => [join(root, relative(root, file)), meta]));
const entry = Object.keys(outputs).find((f) => outputs[f].entryPoint && f.endsWith('.js'));
const css = entry && outputs[entry].cssBundle && join(root, relative(root, outputs[entry].cssBundle));
if (!entry || !css) throw new Error(`build.mjs: expected an entry .js with its .css, got ${Object.keys(outputs).join(', ')}`);
const js = entry;

// The core: the entry and what it imports statically, transitively. Everything else is lazy.
const core = new Set([entry, css]);
for (const queue = [entry]; queue.length; ) {
  for (const imported of outputs[queue.shift()].imports) {
    const file = join(root, relative(root, imported.path));
    if (imported.kind !== 'import-statement' || imported.external || core.has(file)) continue;
    core.add(file);
    queue.push(file);
  }
}
const lazyFiles = Object.keys(outputs).filter((f) => !core.has(f) && !f.endsWith('.map'));
const lazyCss = lazyFiles.filter((f) => f.endsWith('.css'));
// A stylesheet of a lazy chunk would never be linked: lazy code's styles belong in src/styles.
if (lazyCss.length) throw new Error(`build.mjs: lazy chunks brought CSS that no page links: ${lazyCss.join(', ')}`);

const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="color-scheme" content="light dark" />
    <title>mini-st</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="%BASE%static/${basename(css)}" />
    <script type="module" src="%BASE%static/${basename(js)}"></script>
  </head>
  <body>
    <div id="root"></div>
    <noscript>This app needs JavaScript.</noscript>
  </body>
</html>
`;
await writeFile(join(dist, 'index.html'), html);

const sizeOf = async (file, lazy) => {
  const bytes = await readFile(file);
  return { file: relative(dist, file), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, lazy };
};
const sum = (list) => ({ bytes: list.reduce((n, f) => n + f.bytes, 0), gzip: list.reduce((n, f) => n + f.gzip, 0) });
const coreFiles = [await sizeOf(join(dist, 'index.html'), false), ...(await Promise.all([...core].map((f) => sizeOf(f, false))))];
const lazyList = await Promise.all(lazyFiles.sort().map((f) => sizeOf(f, true)));
const files = [...coreFiles, ...lazyList];
const total = sum(files);
const manifest = { files, total, core: { files: coreFiles.map((f) => f.file), ...sum(coreFiles) }, lazy: { files: lazyList.map((f) => f.file), ...sum(lazyList) } };
await writeFile(join(dist, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

const line = (name, f) => console.log(`${name.padEnd(44)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KB  ${(f.gzip / 1024).toFixed(1).padStart(6)} KB gzip`);
for (const f of coreFiles) line(f.file, f);
line('core (first paint)', manifest.core);
for (const f of lazyList) line(`lazy: ${f.file}`, f);
line(`lazy chunks (${lazyList.length})`, manifest.lazy);
