/**
 * Compiles the user's `app.ts` (and the local modules it imports) into one function that can be
 * called once per run. esbuild bundles the local code; packages from node_modules stay external
 * imports resolved to absolute paths, so Node loads each of them once per process, as Python caches
 * imported modules. The bundle's body is wrapped in `async function main()`, so top-level `await`
 * works and a rerun is a function call, not a fresh module import (memory stays flat run after run).
 *
 * `import { st } from "mini-st"` resolves to a virtual module that reads the running runtime's own
 * API object from a global, so the script always talks to the instance that runs it, wherever the
 * app lives and however the runtime itself was loaded.
 */
import { createHash } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { threadId } from 'node:worker_threads';
import { build, type Message, type Plugin } from 'esbuild';
import { init as initLexer, parse as parseImports } from 'es-module-lexer';
import { MiniStError } from '../errors.js';
import { PUBLIC_NAMES, publishRuntime } from './runtime-global.js';
import { pageSourcesPlugin } from './page-paths.js';

export interface CompiledScript {
  /** Runs the script body once. */
  main: () => Promise<void>;
  /** Absolute paths of the local files the script was built from (to watch). */
  files: string[];
}

async function importBundle(url: string): Promise<{ default: () => Promise<void> }> {
  return (await import(/* @vite-ignore */ url)) as { default: () => Promise<void> };
}

const cacheDir = path.join(tmpdir(), `mini-st-${process.pid}`);

/**
 * Compile `scriptPath`. Throws `MiniStError('MST_ERR_COMPILE')` naming file:line:column for a
 * syntax or resolution error.
 *
 * @example
 * const script = await compileScript('/home/me/app/app.ts');
 * await script.main();
 */
export async function compileScript(scriptPath: string): Promise<CompiledScript> {
  process.setSourceMapsEnabled(true);
  publishRuntime();
  const outfile = path.join(cacheDir, `${path.basename(scriptPath).replace(/\.[^.]+$/, '')}.mjs`);
  const result = await build({
    entryPoints: [scriptPath],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    outfile,
    sourcemap: 'inline',
    sourcesContent: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [runtimeModulePlugin(PUBLIC_NAMES), externalPackagesPlugin(), pageSourcesPlugin(scriptPath)],
  }).catch((error: unknown) => {
    const first = (error as { errors?: Message[] }).errors?.[0];
    throw compileError(first, scriptPath, error);
  });
  const output = result.outputFiles.find((f) => f.path.endsWith('.mjs'));
  if (!output) throw compileError(undefined, scriptPath, new Error('esbuild produced no output'));

  const code = await wrapAsFunction(output.text);
  const hash = createHash('sha256').update(code).digest('hex').slice(0, 16);
  const file = outfile.replace(/\.mjs$/, `-${hash}.mjs`);
  await mkdir(cacheDir, { recursive: true });
  // Worker threads compile the same script at once: write aside, then rename (atomic).
  const partial = `${file}.${threadId}.${process.hrtime.bigint()}.tmp`;
  await writeFile(partial, code);
  await rename(partial, file);
  const module = await importBundle(pathToFileURL(file).href);
  const files = Object.keys(result.metafile.inputs)
    .filter((input) => !input.includes('node_modules') && !input.includes(':'))
    .map((input) => path.resolve(input));
  return { main: module.default, files };
}

function compileError(message: Message | undefined, scriptPath: string, cause: unknown): MiniStError {
  const location = message?.location;
  return new MiniStError(
    'MST_ERR_COMPILE',
    {
      file: location ? path.resolve(location.file) : scriptPath,
      line: location?.line ?? 1,
      column: (location?.column ?? 0) + 1,
      detail: message?.text ?? String(cause),
    },
    { cause },
  );
}

/**
 * Moves the bundle's static imports (all at the top, as esbuild emits them) in front of an
 * `async function` that holds the rest. The imports are joined on the first line and the body
 * starts on that same line, so every later line keeps its number and the source map stays true.
 */
async function wrapAsFunction(code: string): Promise<string> {
  await initLexer;
  const [imports] = parseImports(code);
  const statics = imports.filter((entry) => entry.d === -1);
  let body = code;
  const moved: string[] = [];
  for (const entry of [...statics].reverse()) {
    const statement = code.slice(entry.ss, entry.se);
    moved.unshift(statement.replace(/\s*\n\s*/g, ' '));
    body = body.slice(0, entry.ss) + statement.replace(/[^\n]/g, ' ') + body.slice(entry.se);
  }
  const mapIndex = body.lastIndexOf('//# sourceMappingURL=');
  const sourceMap = mapIndex >= 0 ? body.slice(mapIndex) : '';
  if (mapIndex >= 0) body = body.slice(0, mapIndex);
  const header = moved.map((statement) => (statement.endsWith(';') ? statement : `${statement};`)).join(' ');
  return `${header} export default async function __mini_st_main__() {${body}\n}\n${sourceMap}`;
}

/** `mini-st` inside a script is the running runtime's API, read from a global. */
function runtimeModulePlugin(publicNames: readonly string[]): Plugin {
  return {
    name: 'mini-st-runtime',
    setup(build) {
      build.onResolve({ filter: /^mini-st$/ }, () => ({ path: 'mini-st', namespace: 'mini-st-runtime' }));
      build.onLoad({ filter: /.*/, namespace: 'mini-st-runtime' }, () => ({
        loader: 'js',
        contents: [
          `const api = globalThis[Symbol.for('mini-st.runtime')];`,
          `if (!api) throw new Error('mini-st: the runtime is not loaded');`,
          ...publicNames.map((name) => `export const ${name} = api.${name};`),
          `export default api.st;`,
        ].join('\n'),
      }));
    },
  };
}

/**
 * Bare imports (packages) stay external, resolved by esbuild from the importing file to an
 * absolute path, so the bundle can live in a temporary folder and Node still loads each package
 * from the app's own node_modules, once.
 */
function externalPackagesPlugin(): Plugin {
  return {
    name: 'mini-st-external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData?.mstResolving || args.namespace !== 'file' || path.isAbsolute(args.path)) return undefined;
        if (args.path.startsWith('node:')) return { path: args.path, external: true };
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          resolveDir: args.resolveDir,
          importer: args.importer,
          pluginData: { mstResolving: true },
        });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        // Node built-ins come back external under their bare name; packages as absolute paths.
        return { path: resolved.path, external: true };
      });
    },
  };
}
