/**
 * A media file as it crosses from a script (worker thread) to the main thread's media storage,
 * inside a `media` runner event. Plain data: the bytes are transferred, not copied, by the worker.
 */
import { MEDIA_PATH } from '@mini-st/protocol';

export interface MediaFile {
  /** `<hash>.<ext>`: the file's key in the storage and the last segment of its URL. */
  id: string;
  mimetype: string;
  /** Absent when the session already holds the file (sent in this run or the one before). */
  bytes?: Uint8Array;
  /** Set for downloads: served as an attachment under this name. */
  fileName?: string;
}

/**
 * The URL the page loads a stored file from, relative to the app's base path.
 *
 * @example
 * mediaUrl('3f…a1.png') // "/_stcore/media/3f…a1.png"
 */
export function mediaUrl(id: string): string {
  return `${MEDIA_PATH}/${id}`;
}
