/**
 * `st.image`, `st.audio` and `st.video`. A URL is checked and drawn as it is; bytes (a Uint8Array,
 * a Buffer, an ArrayBuffer) go to the server's media storage and the element carries their media
 * URL. mini-st does not decode or re-encode pictures: bytes are served as they are, with their
 * type sniffed from the first bytes. Attached to `DeltaGenerator` by declaration merging.
 */
import type { ImageElement, ImageItem, MediaPlayerElement } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import { sendMedia } from '../media/media-sender.js';
import { baseType, sniffType } from '../media/mime.js';
import { AUDIO_URLS, checkUrl, IMAGE_URLS, VIDEO_URLS, type UrlRule } from '../media/url-check.js';
import type { RunContext } from '../runner/run-context.js';
import { DeltaGenerator } from './delta-generator.js';

/** Encoded media bytes: a Uint8Array (a Node `Buffer` is one), an ArrayBuffer, or another view. */
export type MediaBytes = Uint8Array | ArrayBuffer | ArrayBufferView;
/** A picture: its URL, an SVG document as text, or its encoded bytes (PNG, JPEG, GIF, WebP…). */
export type ImageSource = string | MediaBytes;

export interface ImageOptions {
  /** Shown under the picture; for a list, one caption per picture. */
  caption?: string | readonly string[];
  /** Width in CSS pixels; by default the picture's own width, at most the container's. */
  width?: number;
  /** Stretch the picture to the container's width. */
  use_container_width?: boolean;
  /** Accepted for compatibility: it applies to pixel arrays, which mini-st does not take. */
  clamp?: boolean;
  /** Accepted for compatibility: it applies to pixel arrays, which mini-st does not take. */
  channels?: 'RGB' | 'BGR';
  /** "auto" (default), "PNG" or "JPEG": bytes must already be in that format (mini-st does not re-encode). */
  output_format?: 'auto' | 'PNG' | 'JPEG';
}

export interface AudioOptions {
  /** MIME type of bytes (default: sniffed, else "audio/wav"). Ignored for URLs. */
  format?: string;
  /** Seconds into the audio where playing starts. */
  start_time?: number;
  /** Seconds where playing stops. */
  end_time?: number;
  loop?: boolean;
  autoplay?: boolean;
}

export interface VideoOptions extends Omit<AudioOptions, 'format'> {
  /** MIME type of bytes (default: sniffed, else "video/mp4"). Ignored for URLs. */
  format?: string;
  /** Start without sound (browsers autoplay only muted videos). */
  muted?: boolean;
}

declare module './delta-generator.js' {
  interface DeltaGenerator {
    /**
     * Show a picture, or several side by side: URLs, SVG text, or encoded bytes (a Buffer from
     * `readFileSync`, a Uint8Array, an ArrayBuffer).
     *
     * @example
     * st.image("https://static.streamlit.io/examples/cat.jpg", { caption: "A cat", width: 300 });
     * st.image(readFileSync("chart.png"), { use_container_width: true });
     * st.image([png1, png2], { caption: ["before", "after"] });
     */
    image(src: ImageSource | readonly ImageSource[], options?: ImageOptions): void;

    /**
     * An audio player: a URL, or encoded bytes served from the server (with byte ranges, so
     * seeking works).
     *
     * @example
     * st.audio(readFileSync("song.mp3"), { format: "audio/mpeg", start_time: 10 });
     */
    audio(data: string | MediaBytes, options?: AudioOptions): void;

    /**
     * A video player: a URL, or encoded bytes served from the server (with byte ranges).
     *
     * @example
     * st.video(readFileSync("clip.mp4"), { autoplay: true, muted: true, loop: true });
     */
    video(data: string | MediaBytes, options?: VideoOptions): void;
  }
}

DeltaGenerator.prototype.image = function image(this: DeltaGenerator, src, options: ImageOptions = {}): void {
  const { context } = this._resolve('image');
  const sources: readonly ImageSource[] = Array.isArray(src) ? src : [src as ImageSource];
  if (sources.length === 0) throw dataError('image', 'no image given (an empty list)');
  const captions = options.caption === undefined ? [] : typeof options.caption === 'string' ? [options.caption] : [...options.caption];
  if (captions.length > 0 && captions.length !== sources.length) {
    throw dataError('image', `${captions.length} captions for ${sources.length} images: give one caption per image`);
  }
  const format = options.output_format ?? 'auto';
  if (format !== 'auto' && format !== 'PNG' && format !== 'JPEG') throw dataError('image', `output_format must be "auto", "PNG" or "JPEG", got ${JSON.stringify(format)}`);
  const images = sources.map((source, i): ImageItem => {
    const url = imageUrl(context, source, format);
    const caption = captions[i];
    return caption === undefined ? { url } : { url, caption: String(caption) };
  });
  const element: ImageElement = { type: 'image', images, useContainerWidth: options.use_container_width ?? false };
  if (options.width !== undefined) element.width = positiveWidth(options.width);
  this._place('image', element);
};

DeltaGenerator.prototype.audio = function audio(this: DeltaGenerator, data, options: AudioOptions = {}): void {
  this._place('audio', player(this, 'audio', data, options, AUDIO_URLS, 'audio/wav'));
};

DeltaGenerator.prototype.video = function video(this: DeltaGenerator, data, options: VideoOptions = {}): void {
  this._place('video', player(this, 'video', data, options, VIDEO_URLS, 'video/mp4'));
};

function player(
  dg: DeltaGenerator,
  fn: 'audio' | 'video',
  data: string | MediaBytes,
  options: AudioOptions & { muted?: boolean },
  rule: UrlRule,
  fallbackType: string,
): MediaPlayerElement {
  const { context } = dg._resolve(fn);
  let url: string;
  if (typeof data === 'string') {
    url = checkUrl(fn, data, rule);
  } else {
    const bytes = bytesOf(fn, data);
    const type = options.format !== undefined ? baseType(String(options.format)) : (sniffType(bytes) ?? fallbackType);
    if (!type.startsWith(`${fn}/`) && !(fn === 'audio' && type === 'video/webm')) {
      throw dataError(fn, `format must be a ${fn} MIME type such as "${fallbackType}", got ${JSON.stringify(type)}`);
    }
    url = sendMedia(context, bytes, type);
  }
  const element: MediaPlayerElement = {
    type: fn,
    url,
    startTime: seconds(fn, 'start_time', options.start_time ?? 0),
    loop: options.loop ?? false,
    autoplay: options.autoplay ?? false,
    muted: fn === 'video' ? (options.muted ?? false) : false,
  };
  if (options.end_time !== undefined && options.end_time !== null) {
    element.endTime = seconds(fn, 'end_time', options.end_time);
    if (element.endTime <= element.startTime) throw dataError(fn, `end_time (${element.endTime}) must be after start_time (${element.startTime})`);
  }
  return element;
}

function imageUrl(context: RunContext, source: ImageSource, format: 'auto' | 'PNG' | 'JPEG'): string {
  if (typeof source === 'string') {
    // Streamlit takes SVG markup as a string too.
    if (/^\s*(<\?xml[^>]*>\s*)?<svg[\s>]/i.test(source)) return sendMedia(context, new TextEncoder().encode(source), 'image/svg+xml');
    return checkUrl('image', source, IMAGE_URLS);
  }
  const bytes = bytesOf('image', source);
  const type = sniffType(bytes);
  if (!type?.startsWith('image/')) {
    throw dataError('image', 'the bytes are not an image mini-st recognizes (PNG, JPEG, GIF, WebP, BMP or SVG); mini-st serves bytes as they are and does not take pixel arrays');
  }
  const wanted = format === 'PNG' ? 'image/png' : format === 'JPEG' ? 'image/jpeg' : undefined;
  if (wanted !== undefined && type !== wanted) throw dataError('image', `output_format is "${format}" but the bytes are ${type}; mini-st does not re-encode images`);
  return sendMedia(context, bytes, type);
}

/** The bytes of a view or buffer, without copying (the sender copies once). */
export function bytesOf(fn: string, data: MediaBytes): Uint8Array {
  let bytes: Uint8Array;
  if (data instanceof Uint8Array) bytes = data;
  else if (data instanceof ArrayBuffer) bytes = new Uint8Array(data);
  else if (ArrayBuffer.isView(data)) bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  else throw dataError(fn, `expected a URL string, a Uint8Array, a Buffer or an ArrayBuffer, got ${describe(data)}`);
  if (bytes.byteLength === 0) throw dataError(fn, 'the data is empty (0 bytes)');
  return bytes;
}

function positiveWidth(width: number): number {
  if (typeof width !== 'number' || !Number.isFinite(width) || width <= 0) throw dataError('image', `width must be a positive number of pixels, got ${String(width)}`);
  return width;
}

function seconds(fn: string, name: string, value: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw dataError(fn, `${name} must be a number of seconds ≥ 0, got ${String(value)}`);
  return value;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? `a ${(value as object).constructor?.name ?? 'object'}` : typeof value;
}

export function dataError(fn: string, detail: string): MiniStError {
  return new MiniStError('MST_ERR_MEDIA_DATA', { fn, detail });
}
