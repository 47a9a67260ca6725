/**
 * How the tests and the bench start Chromium: Debian's build (no browser download), headless, and
 * no network beyond this machine (pages that reach out fail fast instead of hanging). Plain
 * JavaScript so the bench (Node, no TypeScript) shares it with the TypeScript tests.
 */

/** The Chromium binary: Debian's, unless CHROMIUM_PATH names another. */
export const chromiumPath = () => process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Flags from TOOLCHAIN.md; `launch()` already gives each browser a fresh profile. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
];
