/**
 * The script side of media storage: turns bytes given to `st.image`, `st.audio`, `st.video` or
 * `st.download_button` into a media URL, and sends the file to the session (main thread) with a
 * `media` event. Files are keyed by the SHA-256 of their bytes and type (and a download's name),
 * so the same picture in every run is one file. The bytes are copied once, into a buffer that is
 * then transferred; they are left out when the session already holds the file: anything sent in
 * this run or the run just before (the main side keeps both sets until this run ends).
 */
import { createHash } from 'node:crypto';
import type { RunContext } from '../runner/run-context.js';
import type { ScriptState } from '../st/script-state.js';
import { mediaUrl, type MediaFile } from './media-file.js';
import { extensionOf } from './mime.js';

interface Held {
  runId: number;
  current: Set<string>;
  previous: Set<string>;
}

const heldBySession = new WeakMap<ScriptState, Held>();

/**
 * The storage id of `bytes` of `mimetype` (and `fileName` for a download).
 *
 * @example
 * mediaId(png, 'image/png') // "9b7c…e1.png"
 */
export function mediaId(bytes: Uint8Array, mimetype: string, fileName?: string): string {
  const hash = createHash('sha256').update(bytes).update(`\0${mimetype}`);
  if (fileName !== undefined) hash.update(`\0${fileName}`);
  return `${hash.digest('hex').slice(0, 40)}.${extensionOf(mimetype)}`;
}

/** A copy of `bytes` in a buffer of its own, safe to transfer. */
function ownCopy(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/**
 * Store `bytes` for this run's page and return the URL the page loads them from.
 *
 * @example
 * const url = sendMedia(context, png, 'image/png'); // "/_stcore/media/9b7c….png"
 */
export function sendMedia(context: RunContext, bytes: Uint8Array, mimetype: string, fileName?: string): string {
  const id = mediaId(bytes, mimetype, fileName);
  const held = heldFor(context);
  const file: MediaFile = { id, mimetype };
  if (fileName !== undefined) file.fileName = fileName;
  if (!held.current.has(id) && !held.previous.has(id)) file.bytes = ownCopy(bytes);
  held.current.add(id);
  context.post({ type: 'media', runId: context.runId, files: [file], hold: 'run' });
  return mediaUrl(id);
}

/**
 * Store a download that a button's function made after its click; the session holds it for a few
 * minutes, whatever the runs do.
 */
export function sendTransientMedia(context: RunContext, bytes: Uint8Array, mimetype: string, fileName: string): string {
  const id = mediaId(bytes, mimetype, fileName);
  context.post({ type: 'media', runId: context.runId, files: [{ id, mimetype, fileName, bytes: ownCopy(bytes) }], hold: 'transient' });
  return mediaUrl(id);
}

/** The session's held set, moved on to this run (run ids rise by one per run of a runner). */
function heldFor(context: RunContext): Held {
  const state = context.state;
  let held = heldBySession.get(state);
  if (!held) {
    held = { runId: context.runId, current: new Set(), previous: new Set() };
    heldBySession.set(state, held);
  } else if (held.runId !== context.runId) {
    // Only the run just before is known to be held; after a gap (a run without media) nothing is.
    held.previous = held.runId === context.runId - 1 ? held.current : new Set();
    held.current = new Set();
    held.runId = context.runId;
  }
  return held;
}
