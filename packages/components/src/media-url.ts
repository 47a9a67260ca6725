/**
 * URLs of media and file elements, on the page side: the server's media and upload paths are
 * resolved against the app's base (the bundle is served from `<base>/static/`), and any other URL
 * is checked again before the page loads or opens it: images may also be `data:image/…`, audio
 * and video `data:audio/…` / `data:video/…`, links http(s), mailto or relative. Also the one
 * place that saves a download.
 */
import { MEDIA_PATH, UPLOAD_PATH } from '@mini-st/protocol';
import { safeUrl } from './markdown.js';

export type MediaKind = 'image' | 'audio' | 'video' | 'link';

/**
 * The URL to put in `src`/`href`, or null when it must not be loaded.
 *
 * @example
 * resolveMediaUrl('/_stcore/media/ab.png', 'image', 'https://h/app/static/app.js') // "https://h/app/_stcore/media/ab.png"
 * resolveMediaUrl('javascript:alert(1)', 'link') // null
 */
export function resolveMediaUrl(url: string, kind: MediaKind, moduleUrl: string = import.meta.url): string | null {
  if (url.startsWith(`${MEDIA_PATH}/`)) return new URL(`..${url}`, moduleUrl).href;
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '').toLowerCase();
  if (kind !== 'link' && squeezed.startsWith(`data:${kind}/`)) return url;
  const safe = safeUrl(url);
  if (safe === null) return null;
  // safeUrl allows mailto and tel for links; media loads only over http(s) or relative URLs.
  if (kind !== 'link' && /^(mailto|tel):/.test(squeezed)) return null;
  return safe;
}

/** Where the page uploads a file for uploader `widgetId` of session `sessionId`. */
export function uploadUrl(sessionId: string, widgetId: string, fileId?: string, moduleUrl: string = import.meta.url): string {
  const parts = [sessionId, widgetId, ...(fileId === undefined ? [] : [fileId])].map(encodeURIComponent).join('/');
  return new URL(`..${UPLOAD_PATH}/${parts}`, moduleUrl).href;
}

/** Save `url` (a media URL of this server) as `fileName`, as a click on a download link would. */
export function downloadFile(url: string, fileName: string): void {
  const href = resolveMediaUrl(url, 'link');
  if (href === null) return;
  const link = document.createElement('a');
  link.href = href;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
}

/**
 * A byte count for people.
 *
 * @example
 * formatBytes(1536) // "1.5 KB"
 */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = size / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}
