/**
 * Where the mini-st package itself lives, found the same way from src/ (the workspace's tests)
 * and from the bundled dist/ (an installed package): `init` reads its version there and `hello`
 * finds its demo app there.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: { dir: string; version: string } | undefined;

/**
 * The folder holding mini-st's package.json, and its version.
 *
 * @example
 * join(packageRoot().dir, 'hello', 'app.ts'); // …/node_modules/mini-st/hello/app.ts
 */
export function packageRoot(): { dir: string; version: string } {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mini-st') return (cached = { dir, version: pkg.version ?? '0.0.0' });
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`mini-st: cannot find its own package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
