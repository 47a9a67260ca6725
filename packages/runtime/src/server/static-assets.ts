/**
 * The page's hashed assets (`dist/static/…` of @mini-st/components), read into memory once at
 * startup with their gzip and brotli forms, so a request costs a map lookup. Gzip is ready when
 * the store is; brotli at its best quality takes long enough on a big bundle that it finishes in
 * the background and is served once ready. The server's static route reads from here.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { contentTypeOf, isCompressible } from './content-type.js';

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

/** Below this size compression saves less than the headers cost. */
const MIN_COMPRESS_BYTES = 1024;
/**
 * Above this size brotli's best quality costs seconds of a core at every start (the 841 KB Vega
 * chunk: about 4 s on an idle core, 13 s on a busy one) for 8 % fewer bytes than quality 9, which
 * takes a tenth of that; on the core page script (about 270 KB) quality 11 costs about 0.7 s of a
 * core at each start for 5 KB fewer bytes. Assets of 128 KB and more get quality 9.
 */
const MAX_QUALITY_BELOW_BYTES = 128 * 1024;

export type Encoding = 'br' | 'gzip' | 'identity';

/** One file, in every encoding it is served in. */
export interface Asset {
  contentType: string;
  /** Strong validator of the file's bytes (each encoding suffixes it). */
  etag: string;
  bodies: Partial<Record<Encoding, Buffer>> & { identity: Buffer };
}

export interface StaticAssets {
  /** The asset at a path relative to the static directory (`app-1a2b.js`), if any. */
  get(relativePath: string): Asset | undefined;
  /** Resolves when every brotli form is ready (tests; requests never wait for it). */
  readonly brotliReady: Promise<void>;
}

/**
 * Reads every file under `dir` and compresses the compressible ones. A missing directory gives
 * an empty store: the page module reports the unbuilt page.
 *
 * @example
 * const assets = await loadStaticAssets('/…/components/dist/static');
 * assets.get('app-1a2b.js')?.bodies.gzip;
 */
export async function loadStaticAssets(dir: string): Promise<StaticAssets> {
  const files = new Map<string, Asset>();
  for (const relative of await listFiles(dir)) {
    const raw = await readFile(join(dir, relative));
    const contentType = contentTypeOf(relative);
    const etag = createHash('sha256').update(raw).digest('base64url').slice(0, 22);
    files.set(relative.split(sep).join('/'), { contentType, etag, bodies: { identity: raw } });
  }
  const compressible = [...files.values()].filter(
    (asset) => isCompressible(asset.contentType) && asset.bodies.identity.length >= MIN_COMPRESS_BYTES,
  );
  await Promise.all(compressible.map(async (asset) => keepIfSmaller(asset, 'gzip', await gzipAsync(asset.bodies.identity, { level: 9 }))));
  const brotliReady = Promise.all(
    compressible.map(async (asset) => keepIfSmaller(asset, 'br', await brotliAsync(asset.bodies.identity, brotliOptions(asset)))),
  ).then(
    () => undefined,
    () => undefined, // brotli is an optimization: gzip keeps serving if it fails
  );
  return { get: (path) => files.get(path), brotliReady };
}

/**
 * Picks the best encoding the client accepts among those the asset has: brotli, then gzip.
 *
 * @example
 * chooseEncoding('gzip, deflate, br', asset); // 'br' once brotli is ready
 */
export function chooseEncoding(acceptEncoding: string | undefined, asset: Asset): Encoding {
  const accepted = parseAcceptEncoding(acceptEncoding ?? '');
  for (const encoding of ['br', 'gzip'] as const) {
    if (asset.bodies[encoding] && (accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0) return encoding;
  }
  return 'identity';
}

/** The ETag of an asset in one encoding: the same bytes compressed differently are other bytes. */
export function etagOf(asset: Asset, encoding: Encoding): string {
  return encoding === 'identity' ? `"${asset.etag}"` : `"${asset.etag}-${encoding}"`;
}

function parseAcceptEncoding(header: string): Map<string, number> {
  const accepted = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
    accepted.set(name, q === undefined ? 1 : Number(q));
  }
  return accepted;
}

function keepIfSmaller(asset: Asset, encoding: 'gzip' | 'br', body: Buffer): void {
  if (body.length < asset.bodies.identity.length) asset.bodies[encoding] = body;
}

function brotliOptions(asset: Asset) {
  return {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: asset.bodies.identity.length < MAX_QUALITY_BELOW_BYTES ? constants.BROTLI_MAX_QUALITY : 9,
      [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
      [constants.BROTLI_PARAM_SIZE_HINT]: asset.bodies.identity.length,
    },
  };
}

async function listFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: string[] = [];
  for (const entry of entries) {
    if ((await stat(join(dir, entry))).isFile()) files.push(entry);
  }
  return files;
}
