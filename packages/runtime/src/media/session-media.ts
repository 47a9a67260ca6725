/**
 * One session's media and uploads, on the main thread. Media: which stored files the session's
 * page shows (the files of its last finished run plus those of the run under way), so the
 * storage can count holders; a finished run (ok or error) replaces the set, other endings add to
 * it (the page keeps showing the older elements), and the session's end lets go of everything.
 * Uploads: the files the page sent for its `st.file_uploader`s, checked against each uploader's
 * `type` filter, kept here (so a replaced worker gets them again) and shared with the script's
 * thread without a copy (a SharedArrayBuffer). They die with the session.
 */
import { randomBytes } from 'node:crypto';
import type { Delta, RunStatus, UploadedFileInfo } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import type { SessionToRunner } from '../runner/messages.js';
import type { MediaFile } from './media-file.js';
import type { MediaStore } from './media-store.js';

/** An uploaded file as the script's thread receives it. */
export interface UploadRecord {
  fileId: string;
  widgetId: string;
  name: string;
  type: string;
  size: number;
  /** Shared with the script's thread; never written after the upload. */
  bytes: SharedArrayBuffer;
}

/** How long a download made by a `st.download_button` function stays servable. */
export const TRANSIENT_HOLD_MS = 5 * 60_000;

export class SessionMedia {
  /** The secret the page sends with its uploads: an upload names its session and proves it is its page. */
  readonly uploadToken = randomBytes(18).toString('base64url');
  // Made at first use: most sessions never show a file, and 1,000 idle sessions must stay small
  // (issue 9: ≤ 32 KB each; an empty Map is about 190 bytes).
  private shown: Set<string> | undefined;
  private current: Set<string> | undefined;
  private transient: Map<string, NodeJS.Timeout> | undefined;
  private uploaders: Map<string, { accept: string[] | null }> | undefined;
  private uploads: Map<string, UploadRecord> | undefined;
  private readonly store: MediaStore;
  private readonly post: (message: SessionToRunner) => void;
  private disposed = false;
  private partial = false;

  /** `server.maxUploadSize`: the routes enforce it, the page shows it. */
  readonly maxUploadSizeMb: number;

  constructor(store: MediaStore, maxUploadSizeMb: number, post: (message: SessionToRunner) => void) {
    this.store = store;
    this.maxUploadSizeMb = maxUploadSizeMb;
    this.post = post;
  }

  /** Files a run referenced (with their bytes when the session did not hold them yet). */
  receive(files: readonly MediaFile[], hold: 'run' | 'transient' = 'run'): void {
    if (this.disposed) return;
    for (const file of files) {
      if (file.bytes) this.store.add(file);
      if (hold === 'transient') {
        const transient = (this.transient ??= new Map());
        const previous = transient.get(file.id);
        if (previous) clearTimeout(previous);
        else this.store.ref(file.id);
        const timer = setTimeout(() => {
          transient.delete(file.id);
          this.store.unref(file.id);
        }, TRANSIENT_HOLD_MS);
        timer.unref();
        transient.set(file.id, timer);
        continue;
      }
      const current = (this.current ??= new Set());
      if (current.has(file.id)) continue;
      current.add(file.id);
      if (!this.shown?.has(file.id)) this.store.ref(file.id);
    }
  }

  /** Learn the uploaders the page shows (their `type` filters), from the deltas going out. */
  delta(delta: Delta): void {
    const element = delta.element;
    if (element?.type === 'file_uploader') (this.uploaders ??= new Map()).set(element.id, { accept: element.accept });
  }

  /** A run starts; a fragment's run redraws only part of the page, so it never replaces the set. */
  runStarted(partial: boolean): void {
    this.partial = partial;
  }

  /** A run ended: whole ok and error runs replace what the page shows; others add to it. */
  runFinished(status: RunStatus): void {
    const current = this.current;
    if ((status === 'ok' || status === 'error') && !this.partial) {
      for (const id of this.shown ?? []) if (!current?.has(id)) this.store.unref(id);
      this.shown = current;
    } else if (current) {
      const shown = (this.shown ??= new Set());
      for (const id of current) shown.add(id);
    }
    this.current = undefined;
  }

  /** The runner was replaced: its run's files stay shown, and its uploads go to the new runner. */
  restarted(): void {
    this.runFinished('interrupted');
    for (const record of this.uploads?.values() ?? []) this.post({ type: 'upload', file: record });
  }

  /**
   * Keep a file the page uploaded for uploader `widgetId` and hand it to the script's thread.
   * Throws a coded error (with an HTTP status) when the uploader is unknown or refuses the type.
   */
  upload(widgetId: string, name: string, type: string, body: Uint8Array): UploadedFileInfo {
    const uploader = this.uploaders?.get(widgetId);
    if (!uploader) throw new MiniStError('MST_ERR_UPLOAD_WIDGET', { widget: JSON.stringify(widgetId.slice(0, 80)) });
    if (!acceptsName(uploader.accept, name)) {
      throw new MiniStError('MST_ERR_UPLOAD_TYPE', { name, ext: extensionOfName(name) || 'files without an extension', accepted: uploader.accept!.join(', ') });
    }
    const shared = new SharedArrayBuffer(body.byteLength);
    new Uint8Array(shared).set(body);
    const record: UploadRecord = { fileId: randomBytes(12).toString('base64url'), widgetId, name, type, size: body.byteLength, bytes: shared };
    (this.uploads ??= new Map()).set(record.fileId, record);
    this.post({ type: 'upload', file: record });
    return { fileId: record.fileId, name, type, size: record.size };
  }

  /** The page removed a file from its uploader. */
  remove(fileId: string): boolean {
    if (!this.uploads?.delete(fileId)) return false;
    this.post({ type: 'upload_removed', fileId });
    return true;
  }

  /** Bytes of uploads this session holds (tests, limits). */
  get uploadedBytes(): number {
    let total = 0;
    for (const record of this.uploads?.values() ?? []) total += record.size;
    return total;
  }

  /** The session ended: let go of every file and upload. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const id of new Set([...(this.shown ?? []), ...(this.current ?? [])])) this.store.unref(id);
    for (const [id, timer] of this.transient ?? []) {
      clearTimeout(timer);
      this.store.unref(id);
    }
    this.transient = this.shown = this.current = this.uploads = undefined;
  }
}

/** ".png" of "a.PNG"; "" without an extension. */
export function extensionOfName(name: string): string {
  const match = /(\.[^./\\]+)$/.exec(name);
  return match ? match[1]!.toLowerCase() : '';
}

/**
 * Whether an uploader with these extensions takes a file of this name (null takes any).
 *
 * @example
 * acceptsName(['.png'], 'cat.PNG') // true
 * acceptsName(['.png'], 'cat.png.exe') // false
 */
export function acceptsName(accept: readonly string[] | null, name: string): boolean {
  if (accept === null) return true;
  const ext = extensionOfName(name);
  return ext !== '' && accept.includes(ext);
}
