/**
 * The strip pinned to the bottom of the main area, where `st.chat_input` called on `st` itself is
 * drawn (Streamlit's bottom container). The main area provides the strip's element; a pinned
 * input renders into it through a portal, and inline until the strip exists (server rendering).
 */
import { createContext, useContext, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

/** The strip's element, once mounted. */
export const BottomBarContext = createContext<HTMLElement | null>(null);

/** Renders `children` in the bottom strip when `pinned`, else where it is. */
export function InBottomBar({ pinned, children }: { pinned: boolean; children: ReactNode }) {
  const host = useContext(BottomBarContext);
  return pinned && host ? createPortal(children, host) : children;
}
