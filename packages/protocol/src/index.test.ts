import { describe, expect, it } from 'vitest';
import { HEALTH_PATH, PROTOCOL_VERSION, STREAM_PATH, pathKey } from './index.js';

describe('protocol', () => {
  it('keys paths by their indices joined with dots', () => {
    expect(pathKey([0])).toBe('0');
    expect(pathKey([1, 12, 3])).toBe('1.12.3');
    expect(pathKey([])).toBe('');
  });

  it("keeps Streamlit's paths, so proxies and probes written for Streamlit keep working", () => {
    expect(STREAM_PATH).toBe('/_stcore/stream');
    expect(HEALTH_PATH).toBe('/_stcore/health');
    expect(PROTOCOL_VERSION).toBe(1);
  });
});
