import { describe, expect, it } from 'vitest';
import { pageAddress, pagePathOf } from './page-address.js';

describe('page addresses', () => {
  it('reads the page path under the base, decoded, and ignores query and hash', () => {
    expect(pagePathOf('/', '')).toBe('');
    expect(pagePathOf('/second?x=1#top', '')).toBe('second');
    expect(pagePathOf('/apps/demo/my%20page/', 'apps/demo')).toBe('my page');
    expect(pagePathOf('/apps/demo', 'apps/demo')).toBe('');
    expect(pagePathOf('/apps/demolition', 'apps/demo')).toBe('');
    expect(pagePathOf('/%E0%A4%A', '')).toBe('%E0%A4%A');
  });

  it('builds a page address under the base, encoded', () => {
    expect(pageAddress('', '')).toBe('/');
    expect(pageAddress('my page', 'apps/demo')).toBe('/apps/demo/my%20page');
  });
});
