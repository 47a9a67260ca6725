/**
 * `st.Page`: one page of a multipage app, Streamlit's `StreamlitPage`. A page is a function (sync
 * or async) or a module: `() => import("./pages/settings.ts")`, or `"pages/settings.ts"`, which
 * the compiler turns into that import (runner/page-paths.ts). Its title, icon and URL path are
 * inferred from the function's or the file's name the way Streamlit infers them from file names.
 */
import { MiniStError } from '../errors.js';
import { currentRun, type RunContext } from '../runner/run-context.js';

/**
 * Set by the compiler on the loader it writes for `st.Page("pages/a.ts")` and for
 * `st.Page(() => import("./pages/a.ts"))`: the path as written, to infer the title from.
 */
export const PAGE_SOURCE = Symbol.for('mini-st.page-source');

/** A page's body: a function called on every run that shows the page, or a module loader. */
export type PageFunction = () => unknown;

export interface PageOptions {
  /** Shown in the menu and as the tab's title. Default: from the function's or file's name. */
  title?: string;
  /** An emoji shown beside the title. Default: a leading emoji of the file name. */
  icon?: string;
  /** The page's address under the app (`/settings`). Default: from the function's or file's name. */
  url_path?: string;
  /** The page shown at the app's own address (default: the first page of `st.navigation`). */
  default?: boolean;
}

/** A page of the app, made by `st.Page` and given to `st.navigation`. */
export class StreamlitPage {
  /** The title in the menu and the browser tab. */
  readonly title: string;
  /** The icon beside the title ("" for none). */
  readonly icon: string;
  /** @internal The page's own path, also when it is the default page (its widgets' scope). */
  readonly _urlPath: string;
  /** @internal Whether `default: true` was passed, or `st.navigation` made it the default. */
  _default: boolean;
  /** @internal The source path as written (module pages), for `st.switch_page("pages/a.ts")`. */
  readonly _source: string | undefined;
  private readonly body: PageFunction;

  /** @internal Made by `st.Page`. */
  constructor(page: PageFunction | string, options: PageOptions = {}) {
    if (typeof page === 'string') throw new MiniStError('MST_ERR_PAGE_SOURCE', { page: JSON.stringify(page) });
    if (typeof page !== 'function') {
      throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'Page', detail: `the page must be a function or a module import, got ${typeof page}` });
    }
    const source = (page as { [PAGE_SOURCE]?: unknown })[PAGE_SOURCE];
    this._source = typeof source === 'string' ? source : undefined;
    const inferred = this._source !== undefined ? iconAndName(fileName(this._source)) : { icon: '', name: page.name };
    if (options.title === undefined && inferred.name === '') {
      throw new MiniStError('MST_ERR_PAGE_TITLE', { what: 'a function without a name' });
    }
    this.title = options.title ?? inferred.name.replaceAll('_', ' ');
    if (this.title.trim() === '') throw new MiniStError('MST_ERR_PAGE_TITLE', { what: `"${inferred.name}" (the title would be empty)` });
    this.icon = options.icon ?? inferred.icon;
    this._default = options.default === true;
    let urlPath = inferred.name;
    if (options.url_path !== undefined) {
      urlPath = String(options.url_path).replace(/^\/+|\/+$/g, '');
      if (urlPath.trim() === '' && !this._default) {
        throw new MiniStError('MST_ERR_PAGE_URL_PATH', { title: this.title, detail: 'the URL path cannot be empty unless the page is the default page.' });
      }
      if (urlPath.includes('/')) {
        throw new MiniStError('MST_ERR_PAGE_URL_PATH', { title: this.title, detail: `the URL path cannot be nested ("${urlPath}").` });
      }
    }
    this._urlPath = urlPath;
    this.body = page;
  }

  /** The page's address under the app: "" for the default page, which the app's own URL shows. */
  get url_path(): string {
    return this._default ? '' : this._urlPath;
  }

  /**
   * Run the page's body here. Returns a promise: `await pg.run()` when the page is async (or a
   * module); a run also waits for a page that was not awaited before it ends.
   *
   * @example
   * const pg = st.navigation([st.Page(home), st.Page(() => import("./pages/settings.ts"))]);
   * await pg.run();
   */
  run(): Promise<void> {
    const context = currentRun('Page.run');
    context.checkpoint();
    const work = this.execute(context);
    const run = new PageRun<void>((resolve, reject) => Promise.prototype.then.call(work, resolve, reject));
    context.track(run, () => run.observed);
    return run;
  }

  private async execute(context: RunContext): Promise<void> {
    const previous = context.activePage;
    context.activePage = this._urlPath;
    try {
      const result: unknown = await this.body();
      // A module page: its top level ran on import (once per run: the script's bundle is evaluated
      // afresh each run); a default-exported function is the rest of its body.
      const exported = isObject(result) ? (result as { default?: unknown }).default : undefined;
      if (typeof exported === 'function') await (exported as () => unknown)();
    } finally {
      context.activePage = previous;
    }
  }
}

/**
 * What `pg.run()` returns: a promise that knows whether the script awaited or chained it, so a
 * page error the script could catch is not reported a second time when the run ends.
 */
class PageRun<T> extends Promise<T> {
  observed = false;

  // Promises derived from it (then, catch) are plain ones.
  static override get [Symbol.species]() {
    return Promise;
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    this.observed = true;
    return super.then(onFulfilled, onRejected);
  }
}

/**
 * Make a page for `st.navigation`: a function, or a module of the app.
 *
 * @example
 * function home() { st.title("Home"); }
 * const pages = [
 *   st.Page(home, { icon: "🏠" }),                      // title "home", at /home (or / as default)
 *   st.Page(() => import("./pages/settings.ts")),      // title "settings", at /settings
 *   st.Page("pages/2_📈_Charts.ts"),                   // title "Charts", icon 📈, at /Charts
 * ];
 */
export function Page(page: PageFunction | string, options: PageOptions = {}): StreamlitPage {
  currentRun('Page').checkpoint();
  return new StreamlitPage(page, options);
}

/** `"pages/2_Charts.ts"` → `"2_Charts"`. */
function fileName(source: string): string {
  const base = source.split(/[\\/]/).at(-1) ?? source;
  return base.replace(/\.[^.]*$/, '');
}

const LEADING_EMOJI = /^(?:\p{Regional_Indicator}{2}|\p{Extended_Pictographic}\uFE0F?(?:\u200D\p{Extended_Pictographic}\uFE0F?)*)/u;

/**
 * Streamlit's inference from a page file's name: a leading number and separators go, a leading
 * emoji becomes the icon, runs of spaces and underscores become one underscore.
 *
 * @example
 * iconAndName('1_📈_Plotting_Demo'); // { icon: '📈', name: 'Plotting_Demo' }
 */
export function iconAndName(stem: string): { icon: string; name: string } {
  const match = /^([0-9]*)[_ -]*(.*)$/su.exec(stem);
  const name = (match?.[2] ?? '').replace(/[_ ]+/g, '_').trim() || (match?.[1] ?? '');
  const emoji = LEADING_EMOJI.exec(name)?.[0];
  if (!emoji) return { icon: '', name };
  return { icon: emoji, name: name.slice(emoji.length).replace(/^[_ -]+/, '') };
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
