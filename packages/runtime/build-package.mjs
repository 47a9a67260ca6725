/**
 * Makes dist/ installable on its own, after build.mjs has bundled the code (`pnpm pack` packs it):
 *
 * - dist/static-page/: the page (index.html and static/) copied from @mini-st/components, which
 *   is a build-time dependency only; the server serves this copy (server/page.ts).
 * - dist/types/: declarations for `mini-st` and `mini-st/testing`, emitted by tsc from the
 *   sources that `src/index.ts` and `src/testing/index.ts` reach, with the private
 *   @mini-st/protocol emitted beside them (dist/types/protocol/) and its imports made relative.
 *   The workspace keeps reading src/ through the `source` export condition.
 *
 * Type errors do not stop the build (`pnpm typecheck` reports them); missing declarations, or a
 * declaration importing a package the installed mini-st does not have, do.
 */
import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const require = createRequire(import.meta.url);
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));

await copyPage();
await emitTypes();

async function copyPage() {
  const from = join(dirname(require.resolve('@mini-st/components/package.json')), 'dist');
  if (!(await exists(join(from, 'index.html')))) {
    throw new Error(`build-package.mjs: ${from} has no index.html; build @mini-st/components first (turbo does).`);
  }
  const to = join(dist, 'static-page');
  await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  await cp(join(from, 'index.html'), join(to, 'index.html'));
  await cp(join(from, 'static'), join(to, 'static'), { recursive: true });
}

async function emitTypes() {
  const out = join(dist, 'types');
  const cache = join(root, 'node_modules', '.cache', 'mini-st-types');
  await rm(out, { recursive: true, force: true });
  await mkdir(cache, { recursive: true });
  const protocolSrc = dirname(require.resolve('@mini-st/protocol'));
  const configs = [
    { name: 'runtime', extends: join(root, 'tsconfig.json'), rootDir: join(root, 'src'), outDir: out, files: ['src/index.ts', 'src/testing/index.ts'].map((f) => join(root, f)) },
    { name: 'protocol', extends: join(protocolSrc, '..', 'tsconfig.json'), rootDir: protocolSrc, outDir: join(out, 'protocol'), files: [join(protocolSrc, 'index.ts')] },
  ];
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  for (const config of configs) {
    const file = join(cache, `tsconfig.${config.name}.json`);
    await writeFile(
      file,
      JSON.stringify({
        extends: config.extends,
        compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: config.rootDir, outDir: config.outDir },
        include: [],
        files: config.files,
      }),
    );
    const result = spawnSync(process.execPath, [tsc, '-p', file], { encoding: 'utf8' });
    if (result.status !== 0) {
      const errors = (result.stdout.match(/error TS\d+/g) ?? []).length;
      console.warn(`build-package.mjs: tsc reported ${errors} type error(s) in ${config.name} (run \`pnpm typecheck\`); declarations were still written.`);
    }
  }
  for (const entry of ['index.d.ts', 'testing/index.d.ts', 'protocol/index.d.ts']) {
    if (!(await exists(join(out, entry)))) throw new Error(`build-package.mjs: tsc wrote no dist/types/${entry}`);
  }
  await relinkProtocol(out);
}

/** `from '@mini-st/protocol'` → `from '../protocol/index.js'`; any other foreign package must be a dependency. */
async function relinkProtocol(out) {
  const allowed = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }));
  for (const entry of await readdir(out, { recursive: true })) {
    if (!entry.endsWith('.d.ts')) continue;
    const file = join(out, entry);
    const text = await readFile(file, 'utf8');
    const target = relative(dirname(file), join(out, 'protocol', 'index.js')).split(sep).join('/');
    const fixed = text.replace(/(from\s+|import\()(['"])@mini-st\/protocol\2/g, (_, lead, quote) => `${lead}${quote}${target.startsWith('.') ? target : `./${target}`}${quote}`);
    const code = fixed.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [, specifier] of code.matchAll(/(?:from\s+|import\()['"]([^'".][^'"]*)['"]/g)) {
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (!specifier.startsWith('node:') && !allowed.has(name)) {
        throw new Error(`build-package.mjs: dist/types/${entry} imports "${specifier}", which an installed mini-st does not have`);
      }
    }
    if (fixed !== text) await writeFile(file, fixed);
  }
}

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}
