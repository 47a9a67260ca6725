/**
 * `mini-st init [folder]`: starts an app in a folder (created when missing) from templates.ts.
 * It never overwrites: an existing app.ts, tsconfig.json or .streamlit/ file stops it before
 * anything is written (MST_ERR_INIT_FILE_EXISTS, naming the files). Two files are completed
 * rather than refused, because a folder often has them already (`npm install mini-st` makes a
 * package.json, `git init` a .gitignore): package.json gets only the keys it lacks, .gitignore
 * the secrets line when it has none.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { MiniStError } from '../errors.js';
import { packageRoot } from './package-root.js';
import {
  APP_TS,
  CONFIG_TOML,
  GITIGNORE,
  GITIGNORE_SECRETS,
  TEMPLATE_DEV_DEPENDENCIES,
  TEMPLATE_SCRIPTS,
  TSCONFIG_JSON,
  packageJson,
  secretsExample,
} from './templates.js';

export interface InitIo {
  cwd: string;
  stdout(line: string): void;
}

/** What each file is for, as the summary prints it. */
const PURPOSE: Readonly<Record<string, string>> = {
  'app.ts': 'your app: edit, save, and the page reruns',
  '.streamlit/config.toml': 'options of mini-st run',
  '.streamlit/secrets.toml.example': 'login: copy to secrets.toml (dev, Entra, Google)',
  '.gitignore': 'keeps .streamlit/secrets.toml out of git',
  'package.json': 'mini-st, TypeScript, the dev identity provider',
  'tsconfig.json': 'types and completion for every st call',
};

/**
 * Runs `mini-st init` with its arguments (at most a folder); resolves with the exit code.
 *
 * @example
 * await initApp(['my-app'], { cwd: process.cwd(), stdout: console.log });
 */
export async function initApp(args: readonly string[], io: InitIo): Promise<number> {
  if (args.length > 1) throw new MiniStError('MST_ERR_CLI_USAGE', { detail: `mini-st init takes one folder, got: ${args.join(' ')}` });
  const folder = resolve(io.cwd, args[0] ?? '.');
  const existing = await stat(folder).catch(() => undefined);
  if (existing && !existing.isDirectory()) throw new MiniStError('MST_ERR_INIT_FILE_EXISTS', { file: shown(io.cwd, folder) });
  const fresh: Record<string, string> = {
    'app.ts': APP_TS,
    '.streamlit/config.toml': CONFIG_TOML,
    '.streamlit/secrets.toml.example': secretsExample(),
    'tsconfig.json': TSCONFIG_JSON,
  };
  const taken = [];
  for (const file of Object.keys(fresh)) if (await exists(join(folder, file))) taken.push(join(folder, file));
  if (taken.length > 0) throw new MiniStError('MST_ERR_INIT_FILE_EXISTS', { file: taken.map((file) => shown(io.cwd, file)).join(', ') });

  // Read (and check) what will be completed before the first write, so a failure writes nothing.
  const pkgFile = join(folder, 'package.json');
  const { version } = packageRoot();
  const pkg = (await exists(pkgFile))
    ? completePackageJson(pkgFile, await readFile(pkgFile, 'utf8'), version)
    : { text: packageJson(packageName(folder), version), added: [] as string[], created: true };
  const ignoreFile = join(folder, '.gitignore');
  const ignore = (await exists(ignoreFile)) ? completeGitignore(await readFile(ignoreFile, 'utf8')) : { text: GITIGNORE, created: true, added: true };

  await mkdir(join(folder, '.streamlit'), { recursive: true });
  // `wx`: a file that appeared meanwhile is still not overwritten.
  for (const [file, text] of Object.entries(fresh)) await writeFile(join(folder, file), text, { flag: 'wx' });
  if (pkg.created || pkg.added.length > 0) await writeFile(pkgFile, pkg.text, pkg.created ? { flag: 'wx' } : {});
  if (ignore.added) await writeFile(ignoreFile, ignore.text, ignore.created ? { flag: 'wx' } : {});

  const where = relative(io.cwd, folder);
  const lines = ['', `  Created a mini-st app in ${folder}:`, ''];
  const note = (file: string, done: string) => lines.push(`    ${file.padEnd(33)}${done}`);
  for (const file of ['app.ts', '.streamlit/config.toml', '.streamlit/secrets.toml.example']) note(file, PURPOSE[file]!);
  note('.gitignore', ignore.created ? PURPOSE['.gitignore']! : ignore.added ? 'added .streamlit/secrets.toml to yours' : 'yours already ignores secrets.toml');
  note('package.json', pkg.created ? PURPOSE['package.json']! : pkg.added.length > 0 ? `added to yours: ${pkg.added.join(', ')}` : 'yours already has what mini-st needs');
  note('tsconfig.json', PURPOSE['tsconfig.json']!);
  lines.push('', '  Next:', '');
  lines.push(where ? `    cd ${/\s/.test(where) ? JSON.stringify(where) : where} && npm install` : '    npm install');
  lines.push('    npx mini-st run app.ts', '');
  for (const line of lines) io.stdout(line);
  return 0;
}

/**
 * Adds what an existing package.json lacks (the mini-st dependency, the devDependencies and
 * scripts of a new app) and changes nothing that is there.
 */
export function completePackageJson(file: string, text: string, miniStVersion: string): { text: string; added: string[]; created: false } {
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new MiniStError('MST_ERR_INIT_PACKAGE_JSON', { file, detail: error instanceof Error ? error.message : String(error) }, { cause: error });
  }
  if (pkg === null || typeof pkg !== 'object' || Array.isArray(pkg)) throw new MiniStError('MST_ERR_INIT_PACKAGE_JSON', { file, detail: 'it is not a JSON object' });
  const table = (key: string): Record<string, string> => {
    const value = pkg[key];
    if (value === undefined) return (pkg[key] = {}) as Record<string, string>;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new MiniStError('MST_ERR_INIT_PACKAGE_JSON', { file, detail: `"${key}" is not an object` });
    return value as Record<string, string>;
  };
  const dependencies = table('dependencies');
  const devDependencies = table('devDependencies');
  const scripts = table('scripts');
  const added: string[] = [];
  const declared = (name: string) => name in dependencies || name in devDependencies;
  if (!declared('mini-st')) {
    dependencies['mini-st'] = `^${miniStVersion}`;
    added.push('mini-st');
  }
  for (const [name, range] of Object.entries(TEMPLATE_DEV_DEPENDENCIES)) {
    if (declared(name)) continue;
    devDependencies[name] = range;
    added.push(name);
  }
  for (const [name, command] of Object.entries(TEMPLATE_SCRIPTS)) {
    if (name in scripts) continue;
    scripts[name] = command;
    added.push(`scripts.${name}`);
  }
  for (const key of ['dependencies', 'devDependencies', 'scripts']) if (Object.keys(pkg[key] as object).length === 0) delete pkg[key];
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  return { text: `${JSON.stringify(pkg, null, indent)}\n`, added, created: false };
}

function completeGitignore(text: string): { text: string; created: false; added: boolean } {
  const ignored = text.split(/\r?\n/).some((line) => /^\/?(\.streamlit\/)?secrets\.toml$|^\.streamlit\/?$/.test(line.trim()));
  if (ignored) return { text, created: false, added: false };
  return { text: `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}${GITIGNORE_SECRETS}`, created: false, added: true };
}

/** An npm package name from the folder's name ("My App" → "my-app"). */
function packageName(folder: string): string {
  const name = basename(folder)
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/^[._-]+|-+$/g, '');
  // npm refuses a package that depends on its own name.
  return name && name !== 'mini-st' ? name : 'mini-st-app';
}

/** A path as the user typed it: relative to where init was started, when inside it. */
function shown(cwd: string, path: string): string {
  const inside = relative(cwd, path);
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
