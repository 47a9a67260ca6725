/**
 * `AppTest`: run an app headless, in-process, with the same script runner the server uses (no
 * HTTP, no browser), read what it drew, interact with its widgets, and run again. Unlike
 * Streamlit's AppTest it can be a logged-in user: `at.login(claims)`, and it records the script's
 * `st.login()` / `st.logout()` calls so a test can assert them and complete the login.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { NavigationMessage, PageConfigMessage, WidgetValue } from '@mini-st/protocol';
import { iconAndName } from '../st/page.js';
import type { UserIdentity } from '../auth/types.js';
import '../index.js';
import type { RunnerToSession } from '../runner/messages.js';
import { ScriptRunner, type ScriptLoader } from '../runner/script-runner.js';
import { ScriptSource } from '../runner/script-source.js';
import { installSecrets, processSecrets, type SecretsStore } from '../secrets.js';
import type { ScriptState, WidgetRecord } from '../st/script-state.js';
import { ElementTree, descendants, type TreeNode } from './element-tree.js';
import { BlockView, ElementContainer, type Driver } from './elements.js';
import './media-elements.js';
import './data-elements.js';
import { mediaUrl } from '../media/media-file.js';
import { uploadsOf } from '../media/script-uploads.js';
import { settleDownloads } from '../st/files.js';

export interface AppTestOptions {
  /** Seconds a run may take before `run()` fails (default 3, as in Streamlit). */
  default_timeout?: number;
}

/** A recorded `st.login(provider)` call. */
export interface LoginRequest {
  provider: string | undefined;
}

/** Claims of a test user: `sub`, `name`, `email`, anything else the provider would send. */
export type TestClaims = Record<string, unknown> & { sub?: string; name?: string; email?: string };

export class AppTest extends ElementContainer<AppTest> {
  /** `st.secrets` as the script will see it during this test's runs. */
  secrets: Record<string, unknown> = {};
  /** Every `st.login()` the script made, in order. */
  readonly login_requests: LoginRequest[] = [];
  /** How many times the script called `st.logout()`. */
  logout_requests = 0;
  /** The toasts of the last run (`st.toast`), in order. */
  toast: { value: string; icon: string | undefined }[] = [];
  /** What `st.set_page_config` set so far (later calls change only what they name). */
  page_config: Omit<PageConfigMessage, 'type'> = {};
  /** Files the page downloaded after a `st.download_button` function ran, in order. */
  readonly downloads: { file_name: string; url: string; data: Uint8Array }[] = [];
  /** Media files the script made (`st.image` of bytes, downloads…), by URL. */
  private readonly mediaFiles = new Map<string, Uint8Array>();
  /** What the last `st.navigation` call declared: the menu's pages, the page shown, the position. */
  navigation: Omit<NavigationMessage, 'type'> | null = null;

  protected readonly driver: Driver<AppTest>;
  private readonly runner: ScriptRunner;
  private readonly tree = new ElementTree();
  private readonly timeout: number;
  private readonly prepare: () => Promise<void>;
  private pending: Record<string, WidgetValue> = {};
  private triggers: string[] = [];
  private lastTriggers = new Set<string>();
  private user: UserIdentity | null = null;
  /** The page's query string, as the script last set it or the test did. */
  private query = '';
  /** A page asked for by `switch_page`, for the next run. */
  private pagePath: string | undefined;

  private constructor(loader: ScriptLoader, options: AppTestOptions, prepare: () => Promise<void> = async () => {}) {
    super();
    this.timeout = options.default_timeout ?? 3;
    this.prepare = prepare;
    this.runner = new ScriptRunner(loader, (message) => this.receive(message), { checkLogin: () => {} });
    // No page watches: `run_every` timers do not tick, so runs happen only on `run()`.
    this.runner.post({ type: 'connection', connected: false });
    this.driver = {
      record: (id) => this.record(id),
      queue: (id, raw) => void (this.pending[id] = raw),
      queued: (id) => (Object.hasOwn(this.pending, id) ? { raw: this.pending[id] as WidgetValue } : undefined),
      click: (id) => void this.triggers.push(id),
      clicked: (id) => this.lastTriggers.has(id),
      run: () => this.run(),
      upload: (record) => uploadsOf(this.runner.scriptState).put(record),
      media: (url) => this.mediaFiles.get(url),
    };
  }

  /**
   * An app from a file: a path (relative to the working directory) or a file URL.
   * @example const at = AppTest.from_file(new URL("../app.ts", import.meta.url));
   */
  static from_file(file: string | URL, options: AppTestOptions = {}): AppTest {
    const resolved = file instanceof URL ? fileURLToPath(file) : path.resolve(file);
    return new AppTest(new ScriptSource(resolved, () => {}), options);
  }

  /**
   * An app from a function: the function is the script, called once per run.
   * @example const at = AppTest.from_function(() => { st.title("Hi"); });
   */
  static from_function(script: () => unknown, options: AppTestOptions = {}): AppTest {
    return new AppTest({ load: async () => ({ main: async () => void (await script()), files: [] }) }, options);
  }

  /**
   * An app from TypeScript source. It is compiled like a file in the working directory, so its
   * imports of packages resolve from the project.
   * @example const at = AppTest.from_string('import { st } from "mini-st"; st.title("Hi");');
   */
  static from_string(source: string, options: AppTestOptions = {}): AppTest {
    const dir = path.resolve('node_modules', '.cache', 'mini-st-apptest');
    const file = path.join(dir, `app-${process.pid}-${++stringApps}.ts`);
    return new AppTest(new ScriptSource(file, () => {}), options, async () => {
      await mkdir(dir, { recursive: true });
      await writeFile(file, source);
    });
  }

  /**
   * Run the script once with what was queued (widget values, clicks), as the page would.
   * Errors in the script are drawn as exception elements (`at.exception`), not thrown; a run past
   * the timeout throws.
   */
  async run(options: { timeout?: number } = {}): Promise<AppTest> {
    await this.prepare();
    const widgets = this.pending;
    const triggers = this.triggers;
    this.pending = {};
    this.triggers = [];
    this.lastTriggers = new Set(triggers);
    const secrets = Object.keys(this.secrets).length > 0 ? staticSecrets(this.secrets) : undefined;
    const previous = secrets ? processSecrets() : undefined;
    if (secrets) installSecrets(secrets);
    try {
      this.toast = [];
      this.runner.post({ type: 'identity', user: this.user });
      this.runner.post({ type: 'query_params', query: this.query });
      if (this.pagePath !== undefined) this.runner.post({ type: 'page_path', path: this.pagePath });
      this.pagePath = undefined;
      // Interactions only inside one fragment rerun that fragment, as on the page.
      const fragmentId = fragmentOf(this.runner.scriptState, [...Object.keys(widgets), ...triggers]);
      this.runner.post({ type: 'rerun', widgets, triggers, ...(fragmentId !== undefined ? { fragmentId } : {}) });
      const seconds = options.timeout ?? this.timeout;
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), seconds * 1000)));
      const result = await Promise.race([this.runner.idle().then(() => settleDownloads(this.runner.scriptState)), timedOut]);
      clearTimeout(timer);
      if (result === 'timeout') {
        this.runner.post({ type: 'stop' });
        throw new Error(`AppTest script run timed out after ${seconds}s`);
      }
    } finally {
      if (previous) installSecrets(previous);
    }
    return this;
  }

  /** Run the following runs as this logged-in user. */
  login(claims: TestClaims, options: { tokens?: { id?: string; access?: string } } = {}): AppTest {
    this.user = { claims: { sub: claims.sub ?? 'test-user', ...claims }, tokens: options.tokens ?? {} };
    return this;
  }

  /** Run the following runs as an anonymous visitor. */
  logout(): AppTest {
    this.user = null;
    return this;
  }

  /** The user the next run sees, or null. */
  get current_user(): UserIdentity | null {
    return this.user;
  }

  /** `st.session_state` between runs: read and set keys before `run()`. */
  get session_state(): Record<string, any> {
    const state = this.runner.scriptState;
    return new Proxy({} as Record<string, any>, {
      get: (_target, key) => (typeof key === 'string' ? state.get(key) : undefined),
      set: (_target, key, value) => {
        if (typeof key !== 'string') return false;
        state.user.set(key, value);
        return true;
      },
      has: (_target, key) => typeof key === 'string' && state.has(key),
      deleteProperty: (_target, key) => typeof key === 'string' && state.delete(key),
      ownKeys: () => state.keys(),
      getOwnPropertyDescriptor: (_target, key) =>
        typeof key === 'string' && state.has(key) ? { value: state.get(key), writable: true, enumerable: true, configurable: true } : undefined,
    });
  }

  /**
   * The page address's query parameters, as the script last left them: read them after a run, or
   * set them before one as if the page were opened with them (`at.query_params.tab = "a"`).
   */
  get query_params(): Record<string, string | undefined> {
    const search = () => new URLSearchParams(this.query);
    const write = (params: URLSearchParams) => {
      const text = params.toString();
      this.query = text ? `?${text}` : '';
    };
    return new Proxy({} as Record<string, string | undefined>, {
      get: (_target, key) => (typeof key === 'string' ? (search().getAll(key).at(-1) ?? undefined) : undefined),
      set: (_target, key, value) => {
        if (typeof key !== 'string') return false;
        const params = search();
        params.set(key, String(value));
        write(params);
        return true;
      },
      has: (_target, key) => typeof key === 'string' && search().has(key),
      deleteProperty: (_target, key) => {
        const params = search();
        if (typeof key === 'string') params.delete(key);
        write(params);
        return true;
      },
      ownKeys: () => [...new Set(search().keys())],
      getOwnPropertyDescriptor: (_target, key) =>
        typeof key === 'string' && search().has(key)
          ? { value: search().getAll(key).at(-1), writable: true, enumerable: true, configurable: true }
          : undefined,
    });
  }

  /**
   * Show another page in the next run, as if the person had opened its address: a page's URL path
   * (`"settings"`, `""` for the default page) or the file it was made from (`"pages/settings.ts"`,
   * Streamlit AppTest's form). Query parameters are cleared, as a page switch does.
   * @example await at.switch_page("pages/settings.ts").run();
   */
  switch_page(page: string): AppTest {
    const written = String(page).replace(/^\.?\/+/, '').replace(/\/+$/, '');
    const file = /\.[cm]?[jt]sx?$/.test(written);
    this.pagePath = file ? iconAndName(written.split('/').at(-1)!.replace(/\.[^.]*$/, '')).name : written;
    this.query = '';
    return this;
  }

  /** The main area. */
  get main(): BlockView<AppTest> {
    return new BlockView(this.tree.roots[0], this.driver);
  }

  get sidebar(): BlockView<AppTest> {
    return new BlockView(this.tree.roots[1], this.driver);
  }

  protected nodes(): TreeNode[] {
    return [...descendants(this.tree.roots[0]), ...descendants(this.tree.roots[1])];
  }

  private record(id: string): WidgetRecord | undefined {
    return this.runner.scriptState.widgets.get(id);
  }

  private receive(message: RunnerToSession): void {
    switch (message.type) {
      case 'delta':
        this.tree.apply(message.delta);
        return;
      case 'delta_text': {
        // Only worker threads serialize deltas (runner/text-delta.ts); AppTest's runner does not.
        const { path, text, blockType } = message.delta;
        this.tree.apply(blockType === undefined ? { path, element: JSON.parse(text) } : { path, block: JSON.parse(text) });
        return;
      }
      case 'run_finished':
        this.tree.finish(message.status, message.counts);
        return;
      case 'login':
        this.login_requests.push({ provider: message.provider });
        return;
      case 'logout':
        this.logout_requests += 1;
        this.user = null;
        return;
      case 'media':
        for (const file of message.files) if (file.bytes) this.mediaFiles.set(mediaUrl(file.id), file.bytes);
        return;
      case 'page_message':
        if (message.message.type === 'download') {
          const { url, fileName } = message.message;
          this.downloads.push({ file_name: fileName, url, data: this.mediaFiles.get(url) ?? new Uint8Array(0) });
          return;
        }
        if (message.message.type === 'toast') this.toast.push({ value: message.message.body, icon: message.message.icon });
        else if (message.message.type === 'navigation') {
          const { type: _type, ...navigation } = message.message;
          this.navigation = navigation;
          // st.switch_page: the page's new address has no query, as the browser's would.
          if (!navigation.replace) this.query = '';
        } else {
          const { type: _type, ...config } = message.message;
          this.page_config = { ...this.page_config, ...config };
        }
        return;
      case 'query_params':
        this.query = message.query;
        return;
      case 'run_started':
      case 'navigate':
        return;
      default:
        message satisfies never;
    }
  }
}

let stringApps = 0;

/** The fragment every one of these widgets sits in, or undefined (none, or several places). */
function fragmentOf(state: ScriptState, ids: readonly string[]): string | undefined {
  let found: string | undefined;
  for (const id of ids) {
    const fragmentId = state.widgets.get(id)?.fragmentId;
    if (fragmentId === undefined || (found !== undefined && found !== fragmentId)) return undefined;
    found = fragmentId;
  }
  return found;
}

function staticSecrets(data: Record<string, unknown>): SecretsStore {
  const snapshot = { data, error: undefined, sourceOf: () => 'AppTest.secrets' };
  return { current: () => snapshot, onChange: () => () => {}, files: ['AppTest.secrets', 'AppTest.secrets'], close() {} };
}
