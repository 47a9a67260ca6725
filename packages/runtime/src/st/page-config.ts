/**
 * `st.set_page_config`: the browser tab's title and icon, the page's layout and the sidebar's
 * first state. It travels to the page as one message beside the tree; later calls change only
 * what they name.
 */
import type { PageConfigMessage } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { currentRun } from '../runner/run-context.js';

export interface PageConfig {
  /** The browser tab's title (default: the script's file name). */
  page_title?: string;
  /** The browser tab's icon: an emoji or an image URL. */
  page_icon?: string;
  /** "centered" (the default) keeps a readable column; "wide" uses the whole window. */
  layout?: 'centered' | 'wide';
  /** "auto" (the default) opens the sidebar on wide screens only. */
  initial_sidebar_state?: 'auto' | 'expanded' | 'collapsed';
}

const LAYOUTS = new Set(['centered', 'wide']);
const SIDEBAR_STATES = new Set(['auto', 'expanded', 'collapsed']);

/**
 * Configure the page: tab title and icon, layout, and whether the sidebar starts open.
 *
 * @example
 * st.set_page_config({ page_title: "Sales", page_icon: "📈", layout: "wide" });
 */
export function setPageConfig(config: PageConfig = {}): void {
  const context = currentRun('set_page_config');
  context.checkpoint();
  const { page_title: title, page_icon: icon, layout, initial_sidebar_state: sidebar } = config;
  if (layout !== undefined && !LAYOUTS.has(layout)) invalid(`layout must be "centered" or "wide", got ${JSON.stringify(layout)}`);
  if (sidebar !== undefined && !SIDEBAR_STATES.has(sidebar)) {
    invalid(`initial_sidebar_state must be "auto", "expanded" or "collapsed", got ${JSON.stringify(sidebar)}`);
  }
  const message: PageConfigMessage = {
    type: 'page_config',
    ...(title !== undefined ? { title: String(title) } : {}),
    ...(icon !== undefined ? { icon: String(icon) } : {}),
    ...(layout !== undefined ? { layout } : {}),
    ...(sidebar !== undefined ? { initialSidebarState: sidebar } : {}),
  };
  context.post({ type: 'page_message', message });
}

function invalid(detail: string): never {
  throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'set_page_config', detail });
}
