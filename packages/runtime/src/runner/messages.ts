/**
 * The message boundary between a session (main side: socket, outgoing queue) and its script
 * runner (script side: compiled app, session_state, callbacks). Today both live in one thread and
 * these travel by function call; every payload is plain, cloneable data so the runner can move to a
 * worker thread without the session changing.
 */
import type { Delta, NavigationMessage, Path, PageConfigMessage, RunStatus, ToastMessage, WidgetValue } from '@mini-st/protocol';
import type { UserIdentity } from '../auth/types.js';
import type { DownloadMessage } from '@mini-st/protocol';
import type { MediaFile } from '../media/media-file.js';
import type { UploadRecord } from '../media/session-media.js';

export type SessionToRunner =
  /** Run again with these widget values and these buttons pressed (already coalesced). */
  | { type: 'rerun'; widgets: Record<string, WidgetValue>; triggers: string[]; fragmentId?: string }
  /** The page went away or came back: `run_every` fragments run only while it is there. */
  | { type: 'connection'; connected: boolean }
  /** The page's Stop control, or the run's time limit (`reason`). */
  | { type: 'stop'; reason?: 'time_limit' }
  /** Who the browser is now (on connect, and when another tab logged in or out). */
  | { type: 'identity'; user: UserIdentity | null }
  /** The page's query string (on connect, and after back/forward): `st.query_params` reads it. */
  | { type: 'query_params'; query: string }
  /** The page's path under the app's base ("" or "second"): `st.navigation` shows that page. */
  | { type: 'page_path'; path: string }
  /** The session is gone: stop and release everything. */
  | { type: 'shutdown' }
  /** The page uploaded a file for a `st.file_uploader` (bytes shared, not copied). */
  | { type: 'upload'; file: UploadRecord }
  /** The page removed an uploaded file. */
  | { type: 'upload_removed'; fileId: string };

export type RunnerToSession =
  /** `fragments`: path keys of the fragment blocks a fragment run redraws (absent: the whole script). */
  | { type: 'run_started'; runId: number; fragments?: string[] }
  | { type: 'delta'; runId: number; delta: Delta }
  /** A delta a worker serialized (text-delta.ts): the main thread compares and sends its text as it is. */
  | { type: 'delta_text'; runId: number; delta: TextDelta }
  | { type: 'run_finished'; runId: number; status: RunStatus; counts: Record<string, number> }
  | { type: 'navigate'; url: string }
  /** `st.login(provider)`: the session sends the page to the login route. */
  | { type: 'login'; provider: string | undefined }
  /** `st.logout()`: the session forgets the user and sends the page to the logout route. */
  | { type: 'logout' }
  /** `st.toast`, `st.set_page_config`: passed on to the page as they are. */
  | { type: 'page_message'; message: ToastMessage | PageConfigMessage | NavigationMessage | DownloadMessage }
  /** The script changed `st.query_params`: the session keeps the new address and tells the page. */
  | { type: 'query_params'; query: string }
  /**
   * Media files the run shows (`st.image` of bytes…), sent before the delta that shows them; the
   * bytes are transferred from a worker. `transient`: a download a button's function made.
   */
  | { type: 'media'; runId: number; files: MediaFile[]; hold: 'run' | 'transient' };

/**
 * An element or block as JSON text, made once in the script's thread: the main thread compares it
 * with the mirror's text and writes it into the `deltas` frame without parsing it (text-delta.ts).
 * `element` and `block` are never set; they are here so code reading a delta's node compiles.
 */
export interface TextDelta {
  path: Path;
  /** `JSON.stringify` of the element or block: what the page would parse from a `Delta`. */
  text: string;
  /** Set for a block (its type): a block onto a block of the same type keeps its children. */
  blockType?: string;
  /** A widget's id, for rule 5 (the page's own value). */
  widgetId?: string;
  /** `signature(text)` when it is a hash (session/mirror-text.ts), made in the worker. */
  sig?: number;
  element?: undefined;
  block?: undefined;
}
