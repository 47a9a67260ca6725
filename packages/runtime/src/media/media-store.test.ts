import { describe, expect, it } from 'vitest';
import { MediaStore } from './media-store.js';
import { SessionMedia } from './session-media.js';
import type { SessionToRunner } from '../runner/messages.js';

function clock() {
  let now = 1_000;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

const file = (id: string, size = 10) => ({ id, mimetype: 'image/png', bytes: new Uint8Array(size) });

describe('MediaStore', () => {
  it('keeps a held file, and drops it only after the grace once nobody holds it', () => {
    const time = clock();
    const store = new MediaStore({ graceMs: 1000, now: time.now });
    store.add(file('a.png'));
    store.ref('a.png');
    store.ref('a.png');
    store.unref('a.png');
    time.advance(5000);
    store.sweep();
    expect(store.get('a.png')?.refs).toBe(1);
    store.unref('a.png');
    time.advance(999);
    store.sweep();
    expect(store.get('a.png')).toBeDefined();
    time.advance(1);
    store.sweep();
    expect(store.get('a.png')).toBeUndefined();
    expect(store.bytesUsed).toBe(0);
    store.close();
  });

  it('stores one copy of the same content and counts its bytes once', () => {
    const store = new MediaStore();
    expect(store.add(file('a.png', 100))).toBe(true);
    expect(store.add(file('a.png', 100))).toBe(true);
    expect(store.size).toBe(1);
    expect(store.bytesUsed).toBe(100);
    store.close();
  });

  it('at the limit evicts released files first, then refuses new ones and says so', () => {
    const logs: string[] = [];
    const time = clock();
    const store = new MediaStore({ maxBytes: 100, now: time.now, log: (m) => logs.push(m) });
    store.add(file('held.png', 60));
    store.ref('held.png');
    store.add(file('old.png', 40));
    store.ref('old.png');
    store.unref('old.png');
    expect(store.add(file('new.png', 40))).toBe(true);
    expect(store.get('old.png')).toBeUndefined();
    store.ref('new.png');
    expect(store.add(file('big.png', 10))).toBe(false);
    expect(store.get('big.png')).toBeUndefined();
    expect(logs.join()).toContain('MST_ERR_MEDIA_STORAGE_FULL');
    store.close();
  });

  it('ignores refs and unrefs of unknown files', () => {
    const store = new MediaStore();
    store.ref('nope.png');
    store.unref('nope.png');
    expect(store.size).toBe(0);
  });
});

describe('SessionMedia', () => {
  function setup() {
    const time = clock();
    const store = new MediaStore({ graceMs: 0, now: time.now });
    const posted: SessionToRunner[] = [];
    const session = new SessionMedia(store, 200, (m) => posted.push(m));
    const sweep = () => {
      time.advance(1);
      store.sweep();
    };
    return { store, session, posted, sweep };
  }

  it('replaces the shown set when a run finishes ok, and releases what the new run does not show', () => {
    const { store, session, sweep } = setup();
    session.runStarted(false);
    session.receive([file('a.png'), file('b.png')]);
    session.runFinished('ok');
    session.runStarted(false);
    session.receive([{ id: 'a.png', mimetype: 'image/png' }]);
    // b is still shown until this run ends: the page has not pruned it yet.
    sweep();
    expect(store.get('b.png')).toBeDefined();
    session.runFinished('ok');
    sweep();
    expect(store.get('a.png')?.refs).toBe(1);
    expect(store.get('b.png')).toBeUndefined();
  });

  it('keeps the older files after an interrupted run and after a fragment run', () => {
    const { store, session, sweep } = setup();
    session.runStarted(false);
    session.receive([file('a.png')]);
    session.runFinished('ok');
    session.runStarted(false);
    session.receive([file('b.png')]);
    session.runFinished('interrupted');
    session.runStarted(true);
    session.receive([file('c.png')]);
    session.runFinished('ok');
    sweep();
    expect(['a.png', 'b.png', 'c.png'].map((id) => store.get(id)?.refs)).toEqual([1, 1, 1]);
  });

  it('lets go of everything, uploads included, when the session ends', () => {
    const { store, session, sweep } = setup();
    session.delta({ path: [0, 0], element: { type: 'file_uploader', id: 'up', label: 'Up', disabled: false, labelVisibility: 'visible', value: '', files: [], accept: null, multiple: false } });
    session.receive([file('a.png')]);
    session.receive([{ ...file('d.txt'), fileName: 'd.txt' }], 'transient');
    session.upload('up', 'x.txt', 'text/plain', new Uint8Array([1, 2]));
    expect(session.uploadedBytes).toBe(2);
    session.dispose();
    sweep();
    expect(store.size).toBe(0);
    expect(session.uploadedBytes).toBe(0);
  });

  it('checks uploads against the uploader and shares their bytes with the runner', () => {
    const { session, posted } = setup();
    session.delta({ path: [0, 0], element: { type: 'file_uploader', id: 'up', label: 'Up', disabled: false, labelVisibility: 'visible', value: '', files: [], accept: ['.csv'], multiple: false } });
    expect(() => session.upload('other', 'a.csv', 'text/csv', new Uint8Array(1))).toThrow(expect.objectContaining({ code: 'MST_ERR_UPLOAD_WIDGET' }));
    expect(() => session.upload('up', 'a.csv.exe', 'x', new Uint8Array(1))).toThrow(expect.objectContaining({ code: 'MST_ERR_UPLOAD_TYPE', status: 415 }));
    const info = session.upload('up', 'A.CSV', 'text/csv', new Uint8Array([7, 8, 9]));
    expect(info).toMatchObject({ name: 'A.CSV', size: 3 });
    const message = posted.at(-1);
    expect(message?.type).toBe('upload');
    if (message?.type === 'upload') {
      expect(message.file.bytes).toBeInstanceOf(SharedArrayBuffer);
      expect([...new Uint8Array(message.file.bytes)]).toEqual([7, 8, 9]);
    }
    expect(session.remove(info.fileId)).toBe(true);
    expect(posted.at(-1)).toEqual({ type: 'upload_removed', fileId: info.fileId });
    expect(session.remove(info.fileId)).toBe(false);
  });

  it('hands its uploads to a replaced runner', () => {
    const { session, posted } = setup();
    session.delta({ path: [0, 0], element: { type: 'file_uploader', id: 'up', label: 'Up', disabled: false, labelVisibility: 'visible', value: '', files: [], accept: null, multiple: true } });
    session.upload('up', 'a.txt', 'text/plain', new Uint8Array([1]));
    posted.length = 0;
    session.restarted();
    expect(posted.map((m) => m.type)).toEqual(['upload']);
  });
});
