/**
 * MIME types and file extensions for media files: the extension a stored file is served under,
 * the type sniffed from the first bytes when the script did not say (as Streamlit's `st.image`
 * does with PIL), and the type of an extension. Small tables, no dependency.
 */

const EXTENSION_OF: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
  'image/x-icon': 'ico',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/webm': 'weba',
  'audio/mp4': 'm4a',
  'audio/flac': 'flac',
  'audio/aac': 'aac',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/ogg': 'ogv',
  'video/quicktime': 'mov',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/octet-stream': 'bin',
};

/**
 * The extension a file of `mimetype` is served under (without the dot); "bin" when unknown.
 *
 * @example
 * extensionOf('image/png') // "png"
 * extensionOf('text/plain; charset=utf-8') // "txt"
 */
export function extensionOf(mimetype: string): string {
  return EXTENSION_OF[baseType(mimetype)] ?? 'bin';
}

const TYPE_OF_EXTENSION: Record<string, string> = Object.fromEntries(
  Object.entries(EXTENSION_OF)
    .filter(([type]) => type !== 'audio/x-wav')
    .map(([type, ext]) => [ext, type]),
);
TYPE_OF_EXTENSION.jpeg = 'image/jpeg';
TYPE_OF_EXTENSION.htm = 'text/html';
TYPE_OF_EXTENSION.html = 'text/html';
TYPE_OF_EXTENSION.md = 'text/markdown';

/**
 * The MIME type of a file name's extension, or `fallback`.
 *
 * @example
 * typeOfName('report.CSV') // "text/csv"
 */
export function typeOfName(name: string, fallback = 'application/octet-stream'): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  return (ext && TYPE_OF_EXTENSION[ext]) || fallback;
}

/** "image/png; charset=x" → "image/png", lower case. */
export function baseType(mimetype: string): string {
  return (mimetype.split(';')[0] ?? '').trim().toLowerCase();
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/**
 * The type of media bytes from their signature, or undefined when unknown.
 *
 * @example
 * sniffType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) // "image/png"
 */
export function sniffType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WAVE') return 'audio/wav';
  if (ascii(bytes, 0, 2) === 'BM') return 'image/bmp';
  if (ascii(bytes, 0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(bytes, 0, 4) === 'fLaC') return 'audio/flac';
  if (ascii(bytes, 0, 3) === 'ID3' || startsWith(bytes, [0xff, 0xfb])) return 'audio/mpeg';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return 'video/webm';
  if (ascii(bytes, 4, 8) === 'ftyp') return ascii(bytes, 8, 11) === 'M4A' ? 'audio/mp4' : 'video/mp4';
  const head = ascii(bytes, 0, Math.min(bytes.length, 256)).trimStart();
  if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'))) return 'image/svg+xml';
  return undefined;
}
