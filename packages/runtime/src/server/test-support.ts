/**
 * Test doubles for the server's tests: a temporary dist directory shaped like the components
 * build, and a SessionHub that records what the server hands it. Not used at run time.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientConnection, ConnectionHandler, ConnectionInfo, SessionHub } from '../session/types.js';

/** A script big enough to be compressed (the store skips files under 1 KiB). */
export const APP_JS = `console.log(${JSON.stringify('mini-st '.repeat(400))});\n`;
export const APP_CSS = 'body { margin: 0; }\n';
export const INDEX_HTML =
  '<!doctype html><html><head><link rel="stylesheet" href="%BASE%static/app-abc.css">' +
  '<script>document.documentElement.dataset.theme = "light";</script></head>' +
  '<body><div id="root"></div><script type="module" src="%BASE%static/app-abc.js"></script></body></html>\n';

/** Creates `<tmp>/index.html` and `<tmp>/static/…`; call `remove()` when done. */
export async function makeStaticFixture(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mini-st-dist-'));
  await mkdir(join(dir, 'static', 'fonts'), { recursive: true });
  await writeFile(join(dir, 'index.html'), INDEX_HTML);
  await writeFile(join(dir, 'static', 'app-abc.js'), APP_JS);
  await writeFile(join(dir, 'static', 'app-abc.css'), APP_CSS);
  await writeFile(join(dir, 'static', 'fonts', 'f.woff2'), Buffer.from([1, 2, 3]));
  // A file beside static/ that traversal must not reach.
  await writeFile(join(dir, 'secret.txt'), 'secret');
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** One connection the fake hub accepted. */
export interface OpenedConnection {
  connection: ClientConnection;
  info: ConnectionInfo;
  messages: string[];
  closed: boolean;
}

/** Records every `open`, frame and close; `onOpen` lets a test act on the connection. */
export class FakeHub implements SessionHub {
  readonly opened: OpenedConnection[] = [];
  closedHub = false;
  onOpen: ((opened: OpenedConnection) => void) | undefined;
  private waiters: (() => void)[] = [];

  get sessionCount(): number {
    return this.opened.filter((o) => !o.closed).length;
  }

  open(connection: ClientConnection, info: ConnectionInfo): ConnectionHandler {
    const opened: OpenedConnection = { connection, info, messages: [], closed: false };
    this.opened.push(opened);
    this.onOpen?.(opened);
    this.notify();
    return {
      message: (raw) => {
        opened.messages.push(raw);
        this.notify();
      },
      closed: () => {
        opened.closed = true;
        this.notify();
      },
    };
  }

  async close(): Promise<void> {
    this.closedHub = true;
  }

  /** Resolves once `predicate` holds (checked after every event the hub sees). */
  async until(predicate: () => boolean, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error('FakeHub.until: timed out');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
  }

  private notify(): void {
    const waiters = this.waiters.splice(0);
    for (const wake of waiters) wake();
  }
}
