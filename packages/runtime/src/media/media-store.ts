/**
 * The process's in-memory media storage (main thread): files that `st.image`, `st.audio`,
 * `st.video` and `st.download_button` made from bytes, keyed by content hash and counted by the
 * sessions that show them. A file no session holds is kept for a short grace (a page that is
 * still loading it must not get a 404), then dropped. Memory is bounded by `maxBytes`: past it,
 * released files go first (oldest first), and if the files still held fill it, a new file is
 * refused (`MST_ERR_MEDIA_STORAGE_FULL`, logged) and its URL answers 404.
 */
import { MiniStError } from '../errors.js';
import type { MediaFile } from './media-file.js';

export interface StoredMedia {
  readonly id: string;
  readonly mimetype: string;
  readonly bytes: Uint8Array;
  readonly fileName: string | undefined;
  /** Sessions holding it. */
  refs: number;
  /** When the last session let go (ms), or undefined while held. */
  releasedAt: number | undefined;
}

export interface MediaStoreOptions {
  /** Bytes the storage may hold (default 1 GiB). */
  maxBytes?: number;
  /** How long a released file stays servable, in ms (default 30 s). */
  graceMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}

export const DEFAULT_MEDIA_MAX_BYTES = 1024 * 1024 * 1024;
export const DEFAULT_MEDIA_GRACE_MS = 30_000;

/**
 * @example
 * const store = new MediaStore();
 * store.add({ id: 'ab12.png', mimetype: 'image/png', bytes });
 * store.ref('ab12.png');   // a session shows it
 * store.unref('ab12.png'); // it does not any more: gone after the grace
 */
export class MediaStore {
  private readonly files = new Map<string, StoredMedia>();
  private readonly maxBytes: number;
  private readonly graceMs: number;
  private readonly log: (message: string) => void;
  private readonly now: () => number;
  private used = 0;
  private sweeper: NodeJS.Timeout | undefined;

  constructor(options: MediaStoreOptions = {}) {
    this.maxBytes = options.maxBytes ?? DEFAULT_MEDIA_MAX_BYTES;
    this.graceMs = options.graceMs ?? DEFAULT_MEDIA_GRACE_MS;
    this.log = options.log ?? ((message) => console.error(message));
    this.now = options.now ?? Date.now;
  }

  /** Bytes held now (including released files in their grace). */
  get bytesUsed(): number {
    return this.used;
  }

  get size(): number {
    return this.files.size;
  }

  get(id: string): StoredMedia | undefined {
    return this.files.get(id);
  }

  /**
   * Keep `file` (with its bytes) unless a file of that id is here already. Returns false when the
   * storage is full of held files and refused it. Does not hold it: call `ref`.
   */
  add(file: MediaFile): boolean {
    if (this.files.has(file.id)) return true;
    const bytes = file.bytes;
    if (!bytes) return false;
    if (!this.makeRoom(bytes.byteLength)) {
      const error = new MiniStError('MST_ERR_MEDIA_STORAGE_FULL', { limit: Math.round(this.maxBytes / 1024 / 1024), name: file.id });
      this.log(`Warning [${error.code}]: ${error.message}`);
      return false;
    }
    this.files.set(file.id, {
      id: file.id,
      mimetype: file.mimetype,
      bytes,
      fileName: file.fileName,
      refs: 0,
      // Unheld until a session refs it: a file nobody takes is swept like a released one.
      releasedAt: this.now(),
    });
    this.used += bytes.byteLength;
    this.armSweep();
    return true;
  }

  /** A session holds the file. Unknown ids (refused files) are ignored. */
  ref(id: string): void {
    const file = this.files.get(id);
    if (!file) return;
    file.refs += 1;
    file.releasedAt = undefined;
  }

  /** A session no longer holds it; at zero holders the grace starts. */
  unref(id: string): void {
    const file = this.files.get(id);
    if (!file || file.refs === 0) return;
    file.refs -= 1;
    if (file.refs === 0) {
      file.releasedAt = this.now();
      this.armSweep();
    }
  }

  /** Drop released files whose grace is over. Runs on a timer; tests call it directly. */
  sweep(): void {
    const cutoff = this.now() - this.graceMs;
    for (const file of this.files.values()) {
      if (file.releasedAt !== undefined && file.releasedAt <= cutoff) this.drop(file);
    }
    this.sweeper = undefined;
    if ([...this.files.values()].some((file) => file.releasedAt !== undefined)) this.armSweep();
  }

  /** Stop the sweep timer and forget everything (the server is closing). */
  close(): void {
    clearTimeout(this.sweeper);
    this.sweeper = undefined;
    this.files.clear();
    this.used = 0;
  }

  private drop(file: StoredMedia): void {
    this.files.delete(file.id);
    this.used -= file.bytes.byteLength;
  }

  /** Evict released files, oldest first, until `size` more bytes fit; false if they cannot. */
  private makeRoom(size: number): boolean {
    if (this.used + size <= this.maxBytes) return true;
    const released = [...this.files.values()]
      .filter((file) => file.releasedAt !== undefined)
      .sort((a, b) => (a.releasedAt ?? 0) - (b.releasedAt ?? 0));
    for (const file of released) {
      this.drop(file);
      if (this.used + size <= this.maxBytes) return true;
    }
    return this.used + size <= this.maxBytes;
  }

  private armSweep(): void {
    if (this.sweeper) return;
    this.sweeper = setTimeout(() => this.sweep(), this.graceMs);
    this.sweeper.unref();
  }
}
