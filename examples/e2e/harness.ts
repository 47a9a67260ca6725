/**
 * What every end-to-end test needs: a running app (`startApp`, a `mini-st run` child process on a
 * port the OS picks), a protocol client (`wsClient`), a headless Chromium driven by playwright-core
 * (`launchBrowser`) and a place for screenshots (`artifactPath`, under the gitignored
 * `artifacts/` at the repository root). The process and protocol parts are plain JavaScript
 * shared with `scripts/bench.mjs`; this module adds what only the tests use.
 */
import { CHROMIUM_ARGS, chromiumPath } from './chromium.js';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot } from './app-process.js';

export { repoRoot, startApp, type RunningApp, type StartAppOptions } from './app-process.js';
export { wsClient, type RunResult, type WsClient } from './ws-client.js';

/** Absolute path of a fixture app in `examples/e2e/fixtures/`. */
export function fixture(name: string): string {
  return path.join(repoRoot, 'examples', 'e2e', 'fixtures', name);
}

/** Absolute path of a file in `artifacts/` (created when missing). */
export function artifactPath(name: string): string {
  const dir = path.join(repoRoot, 'artifacts');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/**
 * Launch Debian's Chromium (or `CHROMIUM_PATH`) headless, with no network beyond this machine:
 * every host but localhost and 127.0.0.1 fails to resolve, so nothing waits on the internet.
 *
 * @example
 * const browser = await launchBrowser();
 * const page = await browser.newPage();
 */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_ARGS] });
}

/**
 * Waits until no run is in progress: the header's status line says nothing (no "Running…").
 *
 * @example
 * await page.getByRole('button', { name: 'Go' }).click();
 * await idle(page);
 */
export async function idle(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('status').filter({ hasText: /\S/ }).waitFor({ state: 'detached' });
}
