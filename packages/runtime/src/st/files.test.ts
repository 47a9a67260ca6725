import { describe, expect, it } from 'vitest';
import { st } from '../index.js';
import { AppTest } from '../testing/index.js';
import { normalizeTypes } from './files.js';

describe('st.file_uploader', () => {
  it('gives the script the uploaded file synchronously, and null again once removed', async () => {
    const at = await AppTest.from_function(() => {
      const file = st.file_uploader('CSV', { type: 'csv' });
      st.text(file ? `${file.name} ${file.size} ${file.type} ${file.text()}` : 'none');
    }).run();
    expect(at.text[0]!.value).toBe('none');
    expect(at.file_uploader[0]!.proto).toMatchObject({ accept: ['.csv'], multiple: false, value: '', files: [] });
    await at.file_uploader[0]!.upload([{ name: 'data.csv', data: 'a,b\n1,2' }]).run();
    expect(at.text[0]!.value).toBe('data.csv 7 text/csv a,b\n1,2');
    expect(at.file_uploader[0]!.proto.files).toEqual([{ fileId: expect.any(String), name: 'data.csv', type: 'text/csv', size: 7 }]);
    await at.file_uploader[0]!.clear().run();
    expect(at.text[0]!.value).toBe('none');
  });

  it('returns a list with accept_multiple_files, and bytes() is a copy each time', async () => {
    const at = await AppTest.from_function(() => {
      const files = st.file_uploader('Photos', { accept_multiple_files: true });
      const first = files[0];
      if (first) {
        first.bytes()[0] = 99;
        st.text(`${files.length} ${[...first.bytes()].join(',')} ${new Uint8Array(first.arrayBuffer()).length}`);
      }
    }).run();
    await at.file_uploader[0]!.upload([
      { name: 'a.bin', data: new Uint8Array([1, 2]) },
      { name: 'b.bin', data: new Uint8Array([3]) },
    ]).run();
    expect(at.text[0]!.value).toBe('2 1,2 2');
  });

  it('refuses a type the uploader does not take, as the server does', async () => {
    const at = await AppTest.from_function(() => void st.file_uploader('Pics', { type: ['png', 'JPG'] })).run();
    expect(() => at.file_uploader[0]!.upload([{ name: 'x.gif', data: 'GIF' }])).toThrow(/accepts \.png, \.jpg, \.jpeg, not \.gif/);
  });

  it('normalizes type filters and refuses garbage', () => {
    expect(normalizeTypes(['PNG', '.jpeg'])).toEqual(['.png', '.jpeg', '.jpg']);
    expect(normalizeTypes(null)).toBeNull();
    expect(() => normalizeTypes(['../x'])).toThrow(expect.objectContaining({ code: 'MST_ERR_INVALID_ARGUMENT' }));
  });

  it('calls on_change when the files change', async () => {
    let changes = 0;
    const at = await AppTest.from_function(() => void st.file_uploader('F', { on_change: () => void changes++ })).run();
    await at.file_uploader[0]!.upload([{ name: 'a.txt', data: 'a' }]).run();
    expect(changes).toBe(1);
  });
});

describe('st.download_button', () => {
  it('serves static data from media storage and is true for the one run its click caused', async () => {
    const at = await AppTest.from_function(() => {
      const clicked = st.download_button('Get CSV', 'a,b\n1,2', { file_name: 'data.csv', mime: 'text/csv' });
      st.text(String(clicked));
    }).run();
    const button = at.download_button[0]!;
    expect(button.proto).toMatchObject({ type: 'download_button', deferred: false, fileName: 'data.csv', url: expect.stringMatching(/^\/_stcore\/media\/[0-9a-f]{40}\.csv$/) });
    expect(new TextDecoder().decode(button.data!)).toBe('a,b\n1,2');
    await button.click().run();
    expect(at.text[0]!.value).toBe('true');
    await at.run();
    expect(at.text[0]!.value).toBe('false');
  });

  it('calls a function only in the run its click caused, sync or async, and the page downloads the result', async () => {
    let calls = 0;
    const at = await AppTest.from_function(() => {
      st.download_button('Sync', () => `report ${++calls}`, { file_name: 'r.txt' });
      st.download_button('Async', async () => new Uint8Array([1, 2, 3]), { file_name: 'r.bin' });
    }).run();
    expect(calls).toBe(0);
    expect(at.download_button[0]!.proto).toMatchObject({ url: null, deferred: true });
    await at.download_button[0]!.click().run();
    await at.download_button[1]!.click().run();
    expect(calls).toBe(1);
    expect(at.downloads.map((d) => [d.file_name, [...d.data]])).toEqual([
      ['r.txt', [...new TextEncoder().encode('report 1')]],
      ['r.bin', [1, 2, 3]],
    ]);
  });

  it('cannot sit in a form and refuses data that is not text or bytes', async () => {
    const at = await AppTest.from_function(() => {
      st.form('f').with(() => {
        try {
          st.download_button('In form', 'x');
        } catch (error) {
          st.exception(error);
        }
        st.form_submit_button();
      });
      st.download_button('Bad', 42 as never);
    }).run();
    expect(at.exception.map((e) => e.proto)).toEqual([
      expect.objectContaining({ code: 'MST_ERR_INVALID_ARGUMENT', message: expect.stringContaining('cannot be used inside an st.form()') }),
      expect.objectContaining({ code: 'MST_ERR_MEDIA_DATA' }),
    ]);
  });
});

describe('st.link_button', () => {
  it('draws http(s), mailto and relative links and refuses other schemes by name', async () => {
    const at = await AppTest.from_function(() => {
      st.link_button('Docs', 'https://docs.streamlit.io', { type: 'primary', icon: '📖' });
      st.link_button('Mail', 'mailto:a@example.com');
      st.link_button('Home', '/');
      st.link_button('Evil', ' java\tscript:alert(1)');
    }).run();
    expect(at.link_button.map((b) => b.proto)).toEqual([
      { type: 'link_button', label: 'Docs', url: 'https://docs.streamlit.io', kind: 'primary', icon: '📖', disabled: false, useContainerWidth: false },
      expect.objectContaining({ url: 'mailto:a@example.com' }),
      expect.objectContaining({ url: '/' }),
    ]);
    expect(at.exception[0]!.proto).toMatchObject({ code: 'MST_ERR_MEDIA_URL', message: expect.stringContaining('script:alert(1)') });
  });
});
