/**
 * Builds the page: esbuild bundles src/main.tsx and its CSS into hashed files under dist/static/,
 * then writes dist/index.html (asset URLs prefixed with %BASE%, which the server replaces with
 * the app's base path ending in "/") and dist/manifest.json (files with raw and gzip sizes).
 * Precompression is the server's job.
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

const outputs = Object.keys(result.metafile.outputs).map((file) => join(root, relative(root, file)));
const js = outputs.find((f) => f.endsWith('.js'));
const css = outputs.find((f) => f.endsWith('.css'));
if (!js || !css) throw new Error(`build.mjs: expected one .js and one .css output, got ${outputs.join(', ')}`);

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

const files = [];
for (const file of [join(dist, 'index.html'), js, css]) {
  const bytes = await readFile(file);
  files.push({ file: relative(dist, file), bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length });
}
const total = { bytes: files.reduce((n, f) => n + f.bytes, 0), gzip: files.reduce((n, f) => n + f.gzip, 0) };
await writeFile(join(dist, 'manifest.json'), JSON.stringify({ files, total }, null, 2) + '\n');

for (const f of files) console.log(`${f.file.padEnd(32)} ${(f.bytes / 1024).toFixed(1).padStart(7)} KB  ${(f.gzip / 1024).toFixed(1).padStart(6)} KB gzip`);
console.log(`${'total'.padEnd(32)} ${(total.bytes / 1024).toFixed(1).padStart(7)} KB  ${(total.gzip / 1024).toFixed(1).padStart(6)} KB gzip`);
