/**
 * How React components reach the page store and the connection: one context holding both, and
 * selector hooks over `useSyncExternalStore`, so a component re-renders only when the slice it
 * reads changes (a widget its value, a block its own `reached` count).
 */
import { createContext, useContext, useSyncExternalStore } from 'react';
import type { WidgetValue } from '@mini-st/protocol';
import type { Connection, ConnectionState } from './connection.js';
import type { PageState, PageStore } from './page-store.js';
import type { ThemeController } from './theme.js';

/** What the page's components talk to. */
export interface PageServices {
  store: PageStore;
  connection: Pick<Connection, 'subscribe' | 'getState' | 'dismiss'> & Partial<Pick<Connection, 'goToPage'>>;
  /** Light and dark (the settings menu); absent in tests that do not draw it. */
  theme?: ThemeController;
}

export const PageContext = createContext<PageServices | null>(null);

/** The store and connection; throws outside `<PageContext>`, which is a wiring bug. */
export function usePage(): PageServices {
  const services = useContext(PageContext);
  if (!services) throw new Error('mini-st: component rendered outside PageContext');
  return services;
}

/**
 * A slice of the page state. The selector must return a stored value or a primitive, never a
 * new object, or the component would re-render on every change.
 *
 * @example
 * const running = usePageSelector((s) => s.tree.running);
 */
export function usePageSelector<T>(select: (state: PageState) => T): T {
  const { store } = usePage();
  const get = () => select(store.getState());
  // The third argument serves server rendering, which the component tests use.
  return useSyncExternalStore(store.subscribe, get, get);
}

/** The connection's state (status, notices, source changed). */
export function useConnectionState(): ConnectionState {
  const { connection } = usePage();
  return useSyncExternalStore(connection.subscribe, connection.getState, connection.getState);
}

/** The value a widget shows: its draft, pending form value, or committed value. */
export function useWidgetValue(id: string): WidgetValue | undefined {
  const { store } = usePage();
  const get = () => store.valueOf(id);
  return useSyncExternalStore(store.subscribe, get, get);
}

/** A text widget's shown text (draft or value, "" for none) and whether the user is mid-edit. */
export function useTextWidget(id: string): { text: string; editing: boolean } {
  const value = useWidgetValue(id);
  const editing = usePageSelector((s) => Object.hasOwn(s.widgets.drafts, id));
  return { text: typeof value === 'string' ? value : '', editing };
}
