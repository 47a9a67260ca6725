/**
 * The media and file elements: URL resolution and checks, the uploader's pure rules, and the
 * markup each element draws (names, links that open safely, what a refused URL becomes).
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { Element, ServerMessage } from '@mini-st/protocol';
import { App } from './app.js';
import { Connection, type ConnectionState } from './connection.js';
import { idsOf, refusal } from './elements/file-uploader.js';
import { formatBytes, resolveMediaUrl, uploadUrl } from './media-url.js';
import { PageContext } from './page-context.js';
import { PageStore } from './page-store.js';

const MODULE = 'https://host/app/static/app-x.js';

function render(elements: Element[], connection: Partial<ConnectionState> = {}): string {
  const store = new PageStore();
  const messages: ServerMessage[] = [
    { type: 'run_started', runId: 1 },
    { type: 'deltas', runId: 1, deltas: elements.map((element, i) => ({ path: [0, i], element })) },
    { type: 'run_finished', runId: 1, status: 'ok', counts: { '0': elements.length, '1': 0 } },
  ];
  for (const m of messages) store.receive(m);
  const state: ConnectionState = { status: 'connected', sessionId: 's', scriptName: 'app.ts', notices: [], sourceChanged: false, halted: false, toasts: [], pageConfig: {}, navigation: null, uploads: { token: 't', maxSizeMb: 5 }, ...connection } as ConnectionState;
  const fake = { getState: () => state, subscribe: () => () => {}, dismiss: () => {} };
  return renderToStaticMarkup(
    <PageContext value={{ store, connection: fake }}>
      <App />
    </PageContext>,
  );
}

describe('media URLs', () => {
  it('resolve the server\'s media paths against the app\'s base', () => {
    expect(resolveMediaUrl('/_stcore/media/ab.png', 'image', MODULE)).toBe('https://host/app/_stcore/media/ab.png');
    expect(uploadUrl('s 1', 'w/1', undefined, MODULE)).toBe('https://host/app/_stcore/upload_file/s%201/w%2F1');
    expect(uploadUrl('s', 'w', 'f', MODULE)).toBe('https://host/app/_stcore/upload_file/s/w/f');
  });

  it('let only the right data: URLs through, and no script URLs anywhere', () => {
    expect(resolveMediaUrl('data:image/png;base64,AA', 'image')).toBe('data:image/png;base64,AA');
    expect(resolveMediaUrl('data:text/html,<script>', 'image')).toBeNull();
    expect(resolveMediaUrl('data:image/png;base64,AA', 'audio')).toBeNull();
    expect(resolveMediaUrl('data:audio/wav;base64,AA', 'audio')).toBe('data:audio/wav;base64,AA');
    expect(resolveMediaUrl('java\tscript:alert(1)', 'link')).toBeNull();
    expect(resolveMediaUrl('mailto:a@b.c', 'link')).toBe('mailto:a@b.c');
    expect(resolveMediaUrl('mailto:a@b.c', 'image')).toBeNull();
    expect(resolveMediaUrl('/logo.png', 'image')).toBe('/logo.png');
  });

  it('format sizes for people', () => {
    expect([formatBytes(12), formatBytes(1536), formatBytes(20 * 1024 * 1024)]).toEqual(['12 B', '1.5 KB', '20 MB']);
  });
});

describe('uploader rules', () => {
  it('reads the comma-joined ids of its value', () => {
    expect(idsOf('')).toEqual([]);
    expect(idsOf(null)).toEqual([]);
    expect(idsOf('a,b')).toEqual(['a', 'b']);
  });

  it('refuses what the server would refuse: another type, or past the size limit', () => {
    expect(refusal({ name: 'a.CSV', size: 10 }, ['.csv'], 1)).toBeNull();
    expect(refusal({ name: 'a.exe', size: 10 }, ['.csv'], 1)).toBe('a.exe: only .csv files are accepted. (MST_ERR_UPLOAD_TYPE)');
    expect(refusal({ name: 'big.bin', size: 2 * 1024 * 1024 }, null, 1)).toMatch(/larger than 1 MB.*MST_ERR_UPLOAD_TOO_LARGE/);
  });
});

describe('media elements', () => {
  it('draw pictures with captions as their names, and no picture for a refused URL', () => {
    const html = render([{ type: 'image', images: [{ url: 'https://x.test/a.png', caption: 'A cat' }, { url: 'javascript:alert(1)' }], width: 200, useContainerWidth: false }]);
    expect(html).toContain('<img src="https://x.test/a.png" alt="A cat"/>');
    expect(html).toContain('<figcaption class="st-image-caption">A cat</figcaption>');
    expect(html).not.toContain('javascript:');
    expect(html).toContain('aria-label="Image 2"');
  });

  it('draw players with the browser\'s controls and names', () => {
    const html = render([
      { type: 'audio', url: '/_stcore/media/a.mp3', startTime: 0, loop: true, autoplay: false, muted: false },
      { type: 'video', url: 'https://x.test/v.mp4', startTime: 3, loop: false, autoplay: true, muted: true },
    ]);
    expect(html).toMatch(/<audio[^>]*aria-label="Audio"[^>]*controls=""[^>]*loop=""/);
    expect(html).toMatch(/<video[^>]*aria-label="Video"[^>]*src="https:\/\/x.test\/v.mp4"/);
  });

  it('open link buttons in a new tab without a handle on this page', () => {
    const html = render([
      { type: 'link_button', label: 'Docs', url: 'https://docs.test', kind: 'primary', disabled: false, useContainerWidth: false },
      { type: 'link_button', label: 'Off', url: 'https://docs.test', kind: 'secondary', disabled: true, useContainerWidth: false },
    ]);
    expect(html).toContain('href="https://docs.test" target="_blank" rel="noopener noreferrer"');
    expect(html).toMatch(/<a [^>]*aria-disabled="true"[^>]*>Off<\/a>/);
  });

  it('make static downloads links with the file name, and function downloads buttons', () => {
    const common = { label: 'Get', disabled: false, labelVisibility: 'visible' as const, kind: 'secondary' as const, useContainerWidth: false };
    const html = render([
      { ...common, type: 'download_button', id: 'd1', url: '/_stcore/media/ab.csv', deferred: false, fileName: 'data.csv' },
      { ...common, type: 'download_button', id: 'd2', label: 'Make', url: null, deferred: true, fileName: 'r.pdf' },
    ]);
    expect(html).toMatch(/<a [^>]*href="[^"]*\/_stcore\/media\/ab.csv" download="data.csv"[^>]*>Get<\/a>/);
    expect(html).toContain('<button type="button" class="st-button st-button-secondary">Make</button>');
  });

  it('draw an uploader whose file input is named by the label, with the files it holds', () => {
    const html = render([
      {
        type: 'file_uploader', id: 'u', label: 'Data', disabled: false, labelVisibility: 'visible', multiple: false, accept: ['.csv'],
        value: 'f1', files: [{ fileId: 'f1', name: 'data.csv', type: 'text/csv', size: 2048 }],
      },
    ]);
    expect(html).toMatch(/<label id="[^"]+" for="([^"]+)">Data<\/label>.*<input id="\1"[^>]*type="file"[^>]*accept=".csv"/);
    expect(html).toContain('limit 5 MB per file · CSV');
    expect(html).toContain('<span class="st-file-name">data.csv</span><span class="st-file-size">2 KB</span>');
    expect(html).toContain('aria-label="Remove data.csv"');
  });
});

describe('the connection and files', () => {
  function connect(download: (url: string, name: string) => void) {
    const socket = { readyState: 0, sent: [] as string[], send(data: string) { this.sent.push(data); }, close() {}, onopen: null as ((e: unknown) => void) | null, onmessage: null as ((e: { data: unknown }) => void) | null, onclose: null, onerror: null };
    const connection = new Connection({ url: 'ws://h/_stcore/stream', widgets: () => ({}), onMessage: () => {}, page: () => '/', openSocket: () => socket, download });
    connection.start();
    socket.readyState = 1;
    socket.onopen?.({});
    const receive = (msg: ServerMessage) => socket.onmessage?.({ data: JSON.stringify(msg) });
    return { connection, receive };
  }

  it('keeps the session\'s upload token and limit, and saves a download the server sends', () => {
    const download = vi.fn();
    const { connection, receive } = connect(download);
    receive({ type: 'session_start', protocol: 1, sessionId: 's', resumed: false, scriptName: 'app.ts', runOnSave: false, uploadToken: 'tok', maxUploadSizeMb: 7 });
    expect(connection.getState().uploads).toEqual({ token: 'tok', maxSizeMb: 7 });
    receive({ type: 'download', url: '/_stcore/media/ab.txt', fileName: 'r.txt' });
    expect(download).toHaveBeenCalledWith('/_stcore/media/ab.txt', 'r.txt');
    connection.close();
  });
});
