/**
 * What the server's media routes need from the session layer: the media storage, and the uploads
 * of a session, found by its id and proven by its upload token (a secret only that session's page
 * received, in `session_start`). Keeps the routes free of sessions and the sessions free of HTTP.
 */
import { timingSafeEqual } from 'node:crypto';
import type { MediaStore } from './media-store.js';
import type { SessionMedia } from './session-media.js';

export interface MediaHub {
  readonly store: MediaStore;
  /** The uploads of session `sessionId` when `token` is its upload token; otherwise undefined. */
  uploadTarget(sessionId: string, token: string | undefined): SessionMedia | undefined;
}

/**
 * @example
 * const media = createMediaHub(new MediaStore(), (id) => sessions.get(id));
 */
export function createMediaHub(store: MediaStore, session: (id: string) => { files: SessionMedia | undefined } | undefined): MediaHub {
  return {
    store,
    uploadTarget(sessionId, token) {
      const files = session(sessionId)?.files;
      if (!files || token === undefined) return undefined;
      return sameSecret(files.uploadToken, token) ? files : undefined;
    },
  };
}

/** Compares secrets in constant time. */
function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
