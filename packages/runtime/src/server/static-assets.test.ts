import { mkdir, writeFile } from 'node:fs/promises';
import { brotliDecompressSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chooseEncoding, loadStaticAssets } from './static-assets.js';
import { APP_JS, makeStaticFixture } from './test-support.js';

let fixture: Awaited<ReturnType<typeof makeStaticFixture>>;
beforeEach(async () => {
  fixture = await makeStaticFixture();
});
afterEach(() => fixture.remove());

describe('loadStaticAssets', () => {
  it('precompresses text with gzip at once and brotli in the background', async () => {
    const assets = await loadStaticAssets(`${fixture.dir}/static`);
    const js = assets.get('app-abc.js')!;
    expect(js.bodies.gzip!.length).toBeLessThan(js.bodies.identity.length);
    await assets.brotliReady;
    expect(brotliDecompressSync(js.bodies.br!).toString()).toBe(APP_JS);
  });

  it('leaves small and already-compressed files alone', async () => {
    const assets = await loadStaticAssets(`${fixture.dir}/static`);
    await assets.brotliReady;
    expect(Object.keys(assets.get('app-abc.css')!.bodies)).toEqual(['identity']);
    expect(Object.keys(assets.get('fonts/f.woff2')!.bodies)).toEqual(['identity']);
  });

  it('compresses a big lazy chunk under chunks/ too (brotli at a quality that takes a moment, not seconds)', async () => {
    const big = `export const data = ${JSON.stringify(Array.from({ length: 40_000 }, (_, i) => `item-${i}`))};\n`;
    await mkdir(`${fixture.dir}/static/chunks`, { recursive: true });
    await writeFile(`${fixture.dir}/static/chunks/vega-lite-chart-abc.js`, big);
    const assets = await loadStaticAssets(`${fixture.dir}/static`);
    await assets.brotliReady;
    const chunk = assets.get('chunks/vega-lite-chart-abc.js')!;
    expect(chunk.bodies.identity.length).toBeGreaterThan(256 * 1024);
    expect(brotliDecompressSync(chunk.bodies.br!).toString()).toBe(big);
    expect(chunk.bodies.gzip!.length).toBeLessThan(big.length / 4);
  });

  it('is empty when the directory does not exist', async () => {
    const assets = await loadStaticAssets(`${fixture.dir}/nope`);
    expect(assets.get('app-abc.js')).toBeUndefined();
  });
});

describe('chooseEncoding', () => {
  const asset = {
    contentType: 'text/javascript',
    etag: 'x',
    bodies: { identity: Buffer.from('a'), gzip: Buffer.from('b'), br: Buffer.from('c') },
  };

  it('prefers brotli, then gzip, honouring q-values and wildcards', () => {
    expect(chooseEncoding('gzip, deflate, br', asset)).toBe('br');
    expect(chooseEncoding('gzip', asset)).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.5', asset)).toBe('gzip');
    expect(chooseEncoding('*', asset)).toBe('br');
    expect(chooseEncoding('identity', asset)).toBe('identity');
    expect(chooseEncoding(undefined, asset)).toBe('identity');
    expect(chooseEncoding('br', { ...asset, bodies: { identity: asset.bodies.identity } })).toBe('identity');
  });
});
