/**
 * ESM loader hooks for `startup-census.mjs`: note every ES module Node loads from a file (its URL,
 * the bytes of source it parsed, when) and post it to the main thread. CommonJS is counted in
 * census-preload.mjs, where it is compiled.
 */
let port;

export function initialize(data) {
  port = data.port;
}

export async function load(url, context, nextLoad) {
  const result = await nextLoad(url, context);
  if (url.startsWith('file:') && result.format === 'module') {
    const bytes = result.source == null ? 0 : typeof result.source === 'string' ? Buffer.byteLength(result.source) : result.source.byteLength;
    port.postMessage({ kind: 'esm', url, bytes, at: Date.now() + (performance.now() % 1) });
  }
  return result;
}
