/**
 * Light and dark on the page's side (no React). The server's inline script already put
 * `data-theme` on `<html>` before the first paint (runtime theme/theme-head.ts, same rules): the
 * person's choice from localStorage ("light", "dark" or "system"), else the app's `theme.base`
 * (`data-theme-base`), else "system", which styles/theme.css resolves with
 * `prefers-color-scheme`, live and without script. This module only changes the attribute when
 * the person picks in the settings menu, and remembers the pick.
 */

export type ThemeChoice = 'system' | 'light' | 'dark';

/** Same key as the runtime's THEME_STORAGE_KEY. */
export const THEME_STORAGE_KEY = 'mini-st.theme';

/** What the controller touches, so tests can hand in fakes. */
export interface ThemeEnvironment {
  root: { getAttribute(name: string): string | null; setAttribute(name: string, value: string): void };
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
}

function browserEnvironment(): ThemeEnvironment {
  let storage: ThemeEnvironment['storage'] = null;
  try {
    storage = localStorage;
  } catch {
    // Storage blocked (privacy settings): the choice lasts for this page only.
  }
  return { root: document.documentElement, storage };
}

function isChoice(value: string | null | undefined): value is ThemeChoice {
  return value === 'system' || value === 'light' || value === 'dark';
}

/**
 * The page's theme choice.
 *
 * @example
 * const theme = new ThemeController();
 * theme.choose('dark'); // <html data-theme="dark">, remembered in this browser
 */
export class ThemeController {
  readonly #env: ThemeEnvironment;
  readonly #listeners = new Set<() => void>();
  #choice: ThemeChoice;

  constructor(env: ThemeEnvironment = browserEnvironment()) {
    this.#env = env;
    this.#choice = this.#initialChoice();
    this.#apply();
  }

  getChoice = (): ThemeChoice => this.#choice;

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The person picked a theme: show it and remember it for this app's origin. */
  choose(choice: ThemeChoice): void {
    this.#choice = choice;
    try {
      this.#env.storage?.setItem(THEME_STORAGE_KEY, choice);
    } catch {
      // Full or blocked storage: the choice still applies to this page.
    }
    this.#apply();
    for (const listener of this.#listeners) listener();
  }

  #initialChoice(): ThemeChoice {
    // What the server's script chose is the truth; storage and base only when it did not run.
    const shown = this.#env.root.getAttribute('data-theme');
    if (isChoice(shown)) return shown;
    let stored: string | null = null;
    try {
      stored = this.#env.storage?.getItem(THEME_STORAGE_KEY) ?? null;
    } catch {
      stored = null;
    }
    if (isChoice(stored)) return stored;
    const base = this.#env.root.getAttribute('data-theme-base');
    return base === 'light' || base === 'dark' ? base : 'system';
  }

  #apply(): void {
    if (this.#env.root.getAttribute('data-theme') !== this.#choice) this.#env.root.setAttribute('data-theme', this.#choice);
  }
}
