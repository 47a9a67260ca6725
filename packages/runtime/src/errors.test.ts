import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERRORS, MiniStError } from './errors.js';

const docsFile = fileURLToPath(new URL('../../../docs/errors.md', import.meta.url));

describe('error registry', () => {
  it('documents every code in docs/errors.md', async () => {
    const docs = await readFile(docsFile, 'utf8');
    const missing = Object.keys(ERRORS).filter((code) => !docs.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });

  it('fills message templates and keeps the code, status and cause', () => {
    const cause = new Error('root');
    const error = new MiniStError('MST_ERR_WS_ORIGIN', { origin: 'https://evil.example' }, { cause });
    expect(error.message).toBe('WebSocket origin https://evil.example is not allowed.');
    expect(error.code).toBe('MST_ERR_WS_ORIGIN');
    expect(error.status).toBe(403);
    expect(error.cause).toBe(cause);
    expect(error).toBeInstanceOf(Error);
  });

  it('uses only MST_ERR_ codes', () => {
    expect(Object.keys(ERRORS).filter((code) => !/^MST_ERR_[A-Z0-9_]+$/.test(code))).toEqual([]);
  });
});
