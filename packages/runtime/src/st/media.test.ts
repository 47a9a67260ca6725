import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import type { MediaFile } from '../media/media-file.js';
import { runnerHarness } from '../testing-support/runner-harness.js';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 9, 9]);

function mediaOf(h: ReturnType<typeof runnerHarness>): MediaFile[] {
  return h.messages.flatMap((m) => (m.type === 'media' ? m.files : []));
}

describe('st.image', () => {
  it('draws a URL as it is and checks its scheme', async () => {
    const h = runnerHarness(() => {
      st.image('https://example.com/cat.jpg', { caption: 'A cat', width: 300 });
      st.image('/static/logo.png');
      st.image('data:image/png;base64,AAAA');
      st.image('javascript:alert(1)');
    });
    const run = await h.rerun();
    expect(run.elements.slice(0, 3)).toEqual([
      { type: 'image', images: [{ url: 'https://example.com/cat.jpg', caption: 'A cat' }], width: 300, useContainerWidth: false },
      { type: 'image', images: [{ url: '/static/logo.png' }], useContainerWidth: false },
      { type: 'image', images: [{ url: 'data:image/png;base64,AAAA' }], useContainerWidth: false },
    ]);
    expect(run.elements[3]).toMatchObject({ type: 'exception', code: 'MST_ERR_MEDIA_URL' });
    expect((run.elements[3] as { message: string }).message).toContain('javascript:alert(1)');
  });

  it('stores bytes by content hash, sends them once, and a list is drawn together', async () => {
    const h = runnerHarness(() => {
      st.image([PNG, Buffer.from(JPEG), PNG.buffer.slice(0) as ArrayBuffer], { caption: ['a', 'b', 'c'], use_container_width: true });
    });
    const run = await h.rerun();
    const element = run.elements[0] as { images: { url: string }[] };
    expect(element.images.map((image) => image.url)).toEqual([
      expect.stringMatching(/^\/_stcore\/media\/[0-9a-f]{40}\.png$/),
      expect.stringMatching(/^\/_stcore\/media\/[0-9a-f]{40}\.jpg$/),
      element.images[0]!.url,
    ]);
    const files = mediaOf(h);
    expect(files.map((f) => [f.mimetype, f.bytes?.byteLength])).toEqual([
      ['image/png', 12],
      ['image/jpeg', 6],
      ['image/png', undefined],
    ]);
    // A copy: the script's own buffer stays usable after the worker transfers the sent one.
    expect(files[0]!.bytes!.buffer).not.toBe(PNG.buffer);
    // The next run shows the same picture: the session holds it, so no bytes travel.
    h.messages.length = 0;
    await h.rerun();
    expect(mediaOf(h).every((file) => file.bytes === undefined)).toBe(true);
  });

  it('explains bytes it cannot serve and captions that do not match', async () => {
    const h = runnerHarness(() => {
      for (const call of [
        () => st.image(new Uint8Array([1, 2, 3])),
        () => st.image(new Uint8Array(0)),
        () => st.image([PNG, PNG], { caption: 'one' }),
        () => st.image(PNG, { output_format: 'JPEG' }),
        () => st.image(PNG, { width: -1 }),
      ]) {
        try {
          call();
        } catch (error) {
          st.text(`${(error as { code: string }).code}: ${(error as Error).message}`);
        }
      }
    });
    const run = await h.rerun();
    expect(run.texts).toEqual([
      expect.stringContaining('MST_ERR_MEDIA_DATA: st.image: the bytes are not an image'),
      expect.stringContaining('the data is empty'),
      expect.stringContaining('1 captions for 2 images'),
      expect.stringContaining('output_format is "JPEG" but the bytes are image/png'),
      expect.stringContaining('width must be a positive number'),
    ]);
  });
});

describe('st.audio and st.video', () => {
  it('serve bytes with their format and draw the player options', async () => {
    const h = runnerHarness(() => {
      st.audio(new Uint8Array([1, 2, 3]), { format: 'audio/mpeg', start_time: 2, end_time: 5, loop: true });
      st.video('https://example.com/clip.mp4', { autoplay: true, muted: true });
      st.video(new Uint8Array([1]), { format: 'text/html' });
    });
    const run = await h.rerun();
    expect(run.elements[0]).toEqual({ type: 'audio', url: expect.stringMatching(/\.mp3$/), startTime: 2, endTime: 5, loop: true, autoplay: false, muted: false });
    expect(run.elements[1]).toEqual({ type: 'video', url: 'https://example.com/clip.mp4', startTime: 0, loop: false, autoplay: true, muted: true });
    expect(run.elements[2]).toMatchObject({ type: 'exception', code: 'MST_ERR_MEDIA_DATA' });
  });
});
