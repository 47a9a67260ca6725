/**
 * The gallery's media section under AppTest: the PNG made from bytes, an upload echoed by the
 * script, and the download button's file.
 */
import { AppTest } from 'mini-st/testing';
import { describe, expect, it } from 'vitest';
import { mediaSection } from '../gallery/media.js';

describe('media section', () => {
  it('draws a PNG from bytes, echoes an upload, and serves its CSV', async () => {
    const at = await AppTest.from_function(mediaSection).run();
    expect(at.exception.length).toBe(0);
    expect(at.image[0]!.proto).toMatchObject({ type: 'image', width: 192, images: [{ url: expect.stringMatching(/\.png$/), caption: 'A PNG the script made from bytes' }] });
    expect(at.link_button[0]!.proto).toMatchObject({ label: 'Streamlit docs', url: 'https://docs.streamlit.io' });
    expect(new TextDecoder().decode(at.download_button('gallery_download').data!)).toBe('x,y\n1,2\n3,4\n');

    await at.file_uploader('gallery_upload').upload([{ name: 'notes.txt', data: 'first line\nsecond' }]).run();
    expect(at.text[0]!.value).toBe('notes.txt: 17 bytes (text/plain)');
    expect(at.code[0]!.value).toBe('first line\nsecond');
  });
});
