import { describe, expect, it } from 'vitest';
import { transferablesOf } from './transfer.js';

describe('transferablesOf', () => {
  it('hands over the buffers made for media bytes, once each, and never a shared or partial one', () => {
    const own = new Uint8Array(8);
    const shared = new Uint8Array(new SharedArrayBuffer(8));
    const partial = new Uint8Array(new ArrayBuffer(16), 4, 8);
    const list = transferablesOf([
      { type: 'event', sessionId: 's', message: { type: 'media', runId: 1, hold: 'run', files: [{ id: 'a.png', mimetype: 'image/png', bytes: own }, { id: 'b.png', mimetype: 'image/png' }] } },
      { type: 'event', sessionId: 's', message: { type: 'media', runId: 1, hold: 'run', files: [{ id: 'a.png', mimetype: 'image/png', bytes: own }, { id: 'c.png', mimetype: 'image/png', bytes: shared }, { id: 'd.png', mimetype: 'image/png', bytes: partial }] } },
      { type: 'event', sessionId: 's', message: { type: 'run_started', runId: 2 } },
    ]);
    expect(list).toEqual([own.buffer]);
  });
});
