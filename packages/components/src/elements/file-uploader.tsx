/**
 * st.file_uploader: a drop zone with a "Browse files" button (keyboard usable; the hidden file
 * input is named by the widget's label), the list of files with a remove button each, and the
 * error of a refused upload next to the widget. Each file is uploaded over HTTP to the session's
 * upload route with its upload token; once every chosen file is up, the widget's value (the file
 * ids, comma-joined) is committed like any widget value, so a form holds it until submit.
 */
import { useRef, useState, type DragEvent } from 'react';
import { UPLOAD_TOKEN_HEADER, type FileUploaderElement, type UploadedFileInfo } from '@mini-st/protocol';
import { cx } from '../cx.js';
import { formatBytes, uploadUrl } from '../media-url.js';
import { useConnectionState, usePage, useWidgetValue } from '../page-context.js';
import { useWidgetIds, WidgetLabel } from './widget-label.js';
import '../styles/media.css';

/** The ids in an uploader's value. */
export function idsOf(value: unknown): string[] {
  return typeof value === 'string' && value !== '' ? value.split(',') : [];
}

/**
 * Why the page will not send `file` (the server would refuse it too), or null.
 *
 * @example
 * refusal({ name: 'a.exe', size: 1 }, ['.png'], 200) // "a.exe: only .png files are accepted. (MST_ERR_UPLOAD_TYPE)"
 */
export function refusal(file: { name: string; size: number }, accept: readonly string[] | null, maxSizeMb: number): string | null {
  const ext = /(\.[^./\\]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  // The server's codes, so a person can look the error up whichever side found it.
  if (accept !== null && !accept.includes(ext)) return `${file.name}: only ${accept.join(', ')} files are accepted. (MST_ERR_UPLOAD_TYPE)`;
  if (file.size > maxSizeMb * 1024 * 1024) return `${file.name} is larger than ${maxSizeMb} MB, the upload limit (server.maxUploadSize). (MST_ERR_UPLOAD_TOO_LARGE)`;
  return null;
}

/** Draws a `file_uploader` element. */
export function FileUploader({ el }: { el: FileUploaderElement }) {
  const { store } = usePage();
  const { sessionId, uploads } = useConnectionState();
  const ids = useWidgetIds(el);
  const value = useWidgetValue(el.id);
  const input = useRef<HTMLInputElement>(null);
  const [known, setKnown] = useState<Record<string, UploadedFileInfo>>({});
  const [busy, setBusy] = useState(0);
  const [errors, setErrors] = useState<string[]>([]);
  const [over, setOver] = useState(false);
  const current = idsOf(value);
  const infoOf = (id: string) => el.files.find((file) => file.fileId === id) ?? known[id];
  const disabled = el.disabled || !uploads || sessionId === null;
  const maxSizeMb = uploads?.maxSizeMb ?? 200;

  const send = async (file: File): Promise<UploadedFileInfo> => {
    const res = await fetch(uploadUrl(sessionId!, el.id), {
      method: 'PUT',
      headers: { [UPLOAD_TOKEN_HEADER]: uploads!.token, 'x-mini-st-file-name': encodeURIComponent(file.name), 'content-type': file.type || 'application/octet-stream' },
      body: file,
    });
    const body = (await res.json().catch(() => ({}))) as Partial<UploadedFileInfo> & { code?: string; message?: string };
    if (!res.ok) throw new Error(body.message ? `${body.message} (${body.code})` : `Upload failed (HTTP ${res.status}).`);
    return body as UploadedFileInfo;
  };

  const drop = (id: string) => {
    void fetch(uploadUrl(sessionId!, el.id, id), { method: 'DELETE', headers: { [UPLOAD_TOKEN_HEADER]: uploads!.token } }).catch(() => undefined);
  };

  const add = async (files: readonly File[]) => {
    if (disabled || files.length === 0) return;
    const chosen = el.multiple ? files : files.slice(0, 1);
    const problems = chosen.map((file) => refusal(file, el.accept, maxSizeMb));
    const good = chosen.filter((_file, i) => problems[i] === null);
    setErrors(problems.filter((p): p is string => p !== null));
    if (good.length === 0) return;
    setBusy((n) => n + good.length);
    const settled = await Promise.allSettled(good.map(send));
    setBusy((n) => n - good.length);
    const done = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = settled.flatMap((result) => (result.status === 'rejected' ? [String((result.reason as Error).message ?? result.reason)] : []));
    if (failed.length > 0) setErrors((previous) => [...previous, ...failed]);
    if (done.length === 0) return;
    setKnown((previous) => ({ ...previous, ...Object.fromEntries(done.map((info) => [info.fileId, info])) }));
    const latest = idsOf(store.valueOf(el.id));
    if (!el.multiple) latest.forEach(drop);
    const next = el.multiple ? [...latest, ...done.map((info) => info.fileId)] : [done.at(-1)!.fileId];
    store.commit(el, next.join(','));
  };

  const remove = (id: string) => {
    drop(id);
    store.commit(el, idsOf(store.valueOf(el.id)).filter((other) => other !== id).join(','));
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    void add([...event.dataTransfer.files]);
  };

  const hint = `${el.multiple ? 'Drag and drop files here' : 'Drag and drop a file here'} · limit ${maxSizeMb} MB per file${el.accept ? ` · ${el.accept.map((ext) => ext.slice(1).toUpperCase()).join(', ')}` : ''}`;
  return (
    <div className="st-widget st-file-uploader">
      <WidgetLabel el={el} ids={ids} htmlFor={ids.input} />
      <div
        className={cx('st-dropzone', over && 'st-dropzone-over', disabled && 'st-dropzone-disabled')}
        onDragOver={(event) => {
          event.preventDefault();
          if (!disabled) setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span className="st-dropzone-hint">{busy > 0 ? `Uploading ${busy} file${busy === 1 ? '' : 's'}…` : hint}</span>
        <button type="button" className="st-button st-button-secondary st-small" disabled={disabled} onClick={() => input.current?.click()}>
          Browse files
        </button>
        <input
          ref={input}
          id={ids.input}
          className="st-sr-only"
          type="file"
          tabIndex={-1}
          multiple={el.multiple}
          accept={el.accept?.join(',')}
          disabled={disabled}
          {...ids.a11y}
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void add(files);
          }}
        />
      </div>
      {errors.length > 0 && (
        <div className="st-upload-errors" role="alert">
          {errors.map((error, i) => (
            <p key={i}>{error}</p>
          ))}
        </div>
      )}
      {current.length > 0 && (
        <ul className="st-file-list" aria-label={`Files of ${el.label}`}>
          {current.map((id) => {
            const info = infoOf(id);
            const name = info?.name ?? 'file';
            return (
              <li key={id} className="st-file">
                <svg className="st-file-icon" aria-hidden="true" viewBox="0 0 16 16" width="16" height="16">
                  <path d="M4 1.5h5l3.5 3.5v9.5h-8.5z M9 1.5v3.5h3.5" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" />
                </svg>
                <span className="st-file-name">{name}</span>
                {info && <span className="st-file-size">{formatBytes(info.size)}</span>}
                <button type="button" className="st-button st-button-tertiary st-small" aria-label={`Remove ${name}`} disabled={el.disabled} onClick={() => remove(id)}>
                  ✕
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
