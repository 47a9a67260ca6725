/**
 * Files in and out: `st.file_uploader` (the page uploads over HTTP; the script gets
 * `UploadedFile`s synchronously), `st.download_button` (static data served from media storage,
 * or a function called in the run its click causes) and `st.link_button`. Attached to
 * `DeltaGenerator` by declaration merging.
 */
import type { ButtonKind, DownloadButtonElement, FileUploaderElement, LabelVisibility, LinkButtonElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { sendMedia, sendTransientMedia } from '../media/media-sender.js';
import { extensionOf } from '../media/mime.js';
import { uploadsOf, type ScriptUploads } from '../media/script-uploads.js';
import type { UploadRecord } from '../media/session-media.js';
import { checkUrl, LINK_URLS } from '../media/url-check.js';
import type { RunContext } from '../runner/run-context.js';
import { DeltaGenerator } from './delta-generator.js';
import { bytesOf, dataError, type MediaBytes } from './media.js';
import type { Callback } from './script-state.js';
import { UploadedFile } from './uploaded-file.js';
import type { WidgetSpec } from './widget.js';

export { UploadedFile };

export interface FileUploaderOptions {
  /** Allowed extensions ("png", ".csv", ["jpg", "png"]); null or absent allows any. Checked by the server too. */
  type?: string | readonly string[] | null;
  /** Return a list of files instead of one. */
  accept_multiple_files?: boolean;
  key?: string;
  help?: string;
  /** Called before the next run when the files change. */
  on_change?: Callback;
  args?: readonly unknown[];
  disabled?: boolean;
  label_visibility?: LabelVisibility;
}

/** What `st.download_button` serves: text, bytes, or a function that makes them when clicked. */
export type DownloadData = string | MediaBytes | (() => string | MediaBytes | Promise<string | MediaBytes>);

export interface DownloadButtonOptions {
  /** The downloaded file's name (default "download" with an extension from `mime`). */
  file_name?: string;
  /** Its MIME type (default "text/plain" for text, "application/octet-stream" for bytes). */
  mime?: string;
  key?: string;
  help?: string;
  /** Called before the run the click causes; "ignore": a click of static data does not rerun. */
  on_click?: Callback | 'rerun' | 'ignore';
  args?: readonly unknown[];
  type?: ButtonKind;
  /** An emoji or a short text shown before the label. */
  icon?: string;
  disabled?: boolean;
  use_container_width?: boolean;
}

export interface LinkButtonOptions {
  type?: ButtonKind;
  icon?: string;
  help?: string;
  disabled?: boolean;
  use_container_width?: boolean;
}

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * A file picker with drag and drop. Returns the uploaded file (or null), or with
     * `accept_multiple_files` the list of files. Files larger than `server.maxUploadSize` MB, or
     * of another `type`, are refused by the server and the page says why.
     *
     * @example
     * const file = st.file_uploader("Choose a CSV file", { type: "csv" });
     * if (file) st.write(`${file.name}: ${file.text().split("\n").length} lines`);
     * const photos = st.file_uploader("Photos", { type: ["png", "jpg"], accept_multiple_files: true });
     */
    file_uploader(label: string, options: FileUploaderOptions & { accept_multiple_files: true }): UploadedFile[];
    file_uploader(label: string, options?: FileUploaderOptions & { accept_multiple_files?: false }): UploadedFile | null;
    file_uploader(label: string, options?: FileUploaderOptions): UploadedFile | UploadedFile[] | null;

    /**
     * A button that downloads a file: text, bytes, or a function called when it is clicked (in
     * the run the click causes; it may be async). True in the run its click caused, like a button.
     *
     * @example
     * st.download_button("Download CSV", csvText, { file_name: "data.csv", mime: "text/csv" });
     * st.download_button("Download report", () => makePdf(), { file_name: "report.pdf", mime: "application/pdf" });
     */
    download_button(label: string, data: DownloadData, options?: DownloadButtonOptions): boolean;

    /**
     * A link that looks like a button; it opens in a new tab. Only http(s), mailto and relative
     * URLs are accepted.
     *
     * @example
     * st.link_button("Go to gallery", "https://streamlit.io/gallery");
     */
    link_button(label: string, url: string, options?: LinkButtonOptions): void;
  }
}

/** UploadedFile objects are kept per record, so unchanged files compare equal run to run. */
const fileObjects = new WeakMap<UploadRecord, UploadedFile>();

function fileOf(record: UploadRecord): UploadedFile {
  let file = fileObjects.get(record);
  if (!file) fileObjects.set(record, (file = new UploadedFile(record)));
  return file;
}

/**
 * Extensions as the page and the server check them: lower case with a dot; jpg and jpeg go together.
 *
 * @example
 * normalizeTypes(["PNG", ".jpg"]) // [".png", ".jpg", ".jpeg"]
 */
export function normalizeTypes(type: FileUploaderOptions['type']): string[] | null {
  if (type === undefined || type === null) return null;
  const list = typeof type === 'string' ? [type] : [...type];
  if (list.length === 0) return null;
  const result: string[] = [];
  for (const item of list) {
    if (typeof item !== 'string' || !/^\.?[a-z0-9][a-z0-9_+-]*$/i.test(item.trim())) {
      throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'file_uploader', detail: `type must be file extensions such as "csv" or ".png", got ${JSON.stringify(item)}` });
    }
    const ext = `.${item.trim().replace(/^\./, '').toLowerCase()}`;
    result.push(ext);
    if (ext === '.jpg') result.push('.jpeg');
    if (ext === '.jpeg') result.push('.jpg');
  }
  return [...new Set(result)];
}

DeltaGenerator.prototype.file_uploader = function file_uploader(this: DeltaGenerator, label: string, options: FileUploaderOptions = {}) {
  const { context } = this._resolve('file_uploader');
  const accept = normalizeTypes(options.type);
  const multiple = options.accept_multiple_files ?? false;
  const uploads = uploadsOf(context.state);
  const spec: WidgetSpec<UploadedFile[]> = {
    kind: 'file_uploader',
    label: String(label),
    options,
    shape: [accept, multiple, options.help ?? null],
    defaultValue: [],
    deserialize: (raw) => (typeof raw === 'string' ? filesOf(uploads, raw, accept, multiple) : undefined),
    coerce: () => {
      throw new MiniStError('MST_ERR_BUTTON_VALUE_SET', { key: options.key ?? label, kind: 'file_uploader' });
    },
    callback: options.on_change,
    args: options.args,
    element: (common, files): FileUploaderElement => ({
      ...common,
      type: 'file_uploader',
      value: files.map((file) => file.file_id).join(','),
      files: files.map((file) => ({ fileId: file.file_id, name: file.name, type: file.type, size: file.size })),
      accept,
      multiple,
    }),
  };
  const files = this._widget(spec);
  return multiple ? files : (files[0] ?? null);
} as DeltaGenerator['file_uploader'];

/** The files behind the page's value: known ones, of an accepted type, at most one unless multiple. */
function filesOf(uploads: ScriptUploads, raw: string, accept: string[] | null, multiple: boolean): UploadedFile[] {
  const files: UploadedFile[] = [];
  for (const id of raw.split(',')) {
    const record = id === '' ? undefined : uploads.get(id);
    if (!record) continue;
    const ext = /(\.[^./\\]+)$/.exec(record.name)?.[1]?.toLowerCase() ?? '';
    if (accept !== null && !accept.includes(ext)) continue;
    files.push(fileOf(record));
  }
  return multiple ? files : files.slice(-1);
}

DeltaGenerator.prototype.download_button = function download_button(this: DeltaGenerator, label, data, options: DownloadButtonOptions = {}): boolean {
  const { context, target } = this._resolve('download_button');
  if (target.formId !== undefined) {
    throw new MiniStError('MST_ERR_INVALID_ARGUMENT', { fn: 'download_button', detail: 'st.download_button() cannot be used inside an st.form(); put it after the form' });
  }
  const deferred = typeof data === 'function';
  if (!deferred && typeof data !== 'string' && !(data instanceof ArrayBuffer) && !ArrayBuffer.isView(data)) {
    throw dataError('download_button', 'data must be a string, bytes (Uint8Array, Buffer, ArrayBuffer) or a function returning one');
  }
  const mime = options.mime ?? (typeof data === 'string' ? 'text/plain' : 'application/octet-stream');
  const fileName = options.file_name ?? `download.${extensionOf(mime)}`;
  const ignore = options.on_click === 'ignore';
  if (ignore && deferred) throw dataError('download_button', 'on_click "ignore" needs static data: a function is called in the run its click causes');
  const url = deferred ? null : sendMedia(context, encode('download_button', data), mime, fileName);
  const spec: WidgetSpec<boolean> = {
    kind: 'download_button',
    label: String(label),
    options,
    shape: [options.type ?? 'secondary', options.help ?? null, fileName, mime, deferred, options.icon ?? null],
    defaultValue: false,
    deserialize: () => undefined,
    coerce: () => false,
    callback: typeof options.on_click === 'function' ? options.on_click : undefined,
    args: options.args,
    element: (common): DownloadButtonElement => ({
      ...common,
      type: 'download_button',
      url,
      deferred,
      fileName,
      kind: options.type ?? 'secondary',
      useContainerWidth: options.use_container_width ?? false,
      ...(ignore ? { ignoreClick: true } : {}),
      ...(options.icon !== undefined ? { icon: options.icon } : {}),
    }),
  };
  const clicked = this._widget(spec);
  if (clicked && deferred) deliver(context, data, mime, fileName);
  return clicked;
};

/** Call a download's function and send its result to the page (now, or when its promise settles). */
function deliver(context: RunContext, make: () => string | MediaBytes | Promise<string | MediaBytes>, mime: string, fileName: string): void {
  const send = (result: string | MediaBytes) => {
    const url = sendTransientMedia(context, encode('download_button', result), mime, fileName);
    context.post({ type: 'page_message', message: { type: 'download', url, fileName } });
  };
  const result = make();
  if (!isPromise(result)) return send(result);
  trackDownload(
    context,
    result.then(send, (error: unknown) => {
      // The run may be over: say it where the person looks, as a toast.
      const message = error instanceof Error ? error.message : String(error);
      context.post({ type: 'page_message', message: { type: 'toast', body: `Download failed: ${message}`, icon: '⚠️', duration: 8 } });
    }),
  );
}

/** Async downloads still being made, per session (AppTest waits for them after a run). */
const pendingDownloads = new WeakMap<object, Set<Promise<void>>>();

function trackDownload(context: RunContext, work: Promise<void>): void {
  let set = pendingDownloads.get(context.state);
  if (!set) pendingDownloads.set(context.state, (set = new Set()));
  const done = work.finally(() => set.delete(done));
  set.add(done);
}

/** @internal Resolves when the session's async download functions have settled. */
export async function settleDownloads(state: object): Promise<void> {
  const set = pendingDownloads.get(state);
  while (set && set.size > 0) await Promise.all([...set]);
}

function isPromise(value: unknown): value is Promise<string | MediaBytes> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

function encode(fn: string, data: unknown): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  // An empty file is a fine download.
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) return (data as ArrayBufferLike & { byteLength: number }).byteLength === 0 ? new Uint8Array(0) : bytesOf(fn, data as MediaBytes);
  throw dataError(fn, `the download function must return a string or bytes, got ${data === null ? 'null' : typeof data}`);
}

DeltaGenerator.prototype.link_button = function link_button(this: DeltaGenerator, label, url, options: LinkButtonOptions = {}): void {
  const checked = checkUrl('link_button', String(url), LINK_URLS);
  const element: LinkButtonElement = {
    type: 'link_button',
    label: String(label),
    url: checked,
    kind: options.type ?? 'secondary',
    disabled: options.disabled ?? false,
    useContainerWidth: options.use_container_width ?? false,
    ...(options.icon !== undefined ? { icon: options.icon } : {}),
    ...(options.help !== undefined ? { help: options.help } : {}),
  };
  this._place('link_button', element);
};
