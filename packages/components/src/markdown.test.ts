/**
 * Markdown safety (escaped HTML, neutralized URLs) and number formatting.
 */
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown, safeUrl, slugify } from './markdown.js';
import { decimalsOf, formatNumber, parseNumber, snap, sprintf } from './number-format.js';

describe('renderMarkdown', () => {
  it('escapes raw HTML unless the app allowed it', () => {
    const html = renderMarkdown('hi <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>', false);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&#60;script&#62;');
    expect(renderMarkdown('<b>bold</b>', true)).toContain('<b>bold</b>');
  });

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '&#106;avascript:alert(1)',
  ])('neutralizes the link and image URL %j', (url) => {
    const html = renderMarkdown(`[x](${url}) ![y](${url}) <${url}>`, false);
    expect(html).not.toMatch(/href="\s*(javascript|data|vbscript)/i);
    expect(html).not.toMatch(/src="\s*(javascript|data|vbscript)/i);
    expect(html).not.toMatch(/href="javascript/i);
  });

  it('opens external links in a new tab without an opener', () => {
    expect(renderMarkdown('[docs](https://example.com)', false)).toContain(
      '<a href="https://example.com" target="_blank" rel="noopener noreferrer">docs</a>',
    );
    expect(renderMarkdown('[top](#top)', false)).toContain('<a href="#top">top</a>');
  });

  it('renders GFM tables', () => {
    const html = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |', false);
    expect(html).toContain('<table>');
    expect(html).toContain('<th>a</th>');
  });

  it('renders inline markdown without a paragraph', () => {
    expect(renderInline('Welcome, **Ada**!')).toBe('Welcome, <strong>Ada</strong>!');
  });
});

describe('safeUrl and slugify', () => {
  it('refuses schemes spelled with character references, as CommonMark renderers decode them', () => {
    for (const url of ['&#106;avascript:alert(1)', '&#x6A;avascript:alert(1)', 'javascript&colon;alert(1)', 'java&Tab;script:alert(1)', '&#100ata:text/html,x']) {
      expect(safeUrl(url)).toBeNull();
    }
    expect(safeUrl('https://example.com/?a=1&amp;b=2')).toBe('https://example.com/?a=1&amp;b=2');
  });

  it('keeps http(s), mailto and relative URLs', () => {
    expect(['https://a.b/c', 'mailto:a@b.c', '/x?y#z', 'page2', '#anchor'].map(safeUrl)).toEqual([
      'https://a.b/c',
      'mailto:a@b.c',
      '/x?y#z',
      'page2',
      '#anchor',
    ]);
  });

  it('makes heading anchors like Streamlit', () => {
    expect(slugify('Hello, **World**!')).toBe('hello-world');
    expect(slugify('Über  uns')).toBe('über-uns');
  });
});

describe('number formatting', () => {
  it('follows printf formats', () => {
    expect(sprintf('%.2f', 1.5)).toBe('1.50');
    expect(sprintf('%d', 3.9)).toBe('3');
    expect(sprintf('%i items', -2)).toBe('-2 items');
    expect(sprintf('%05.1f', 2.25)).toBe('002.3');
    expect(sprintf('%+d', 4)).toBe('+4');
    expect(sprintf('%d%%', 50)).toBe('50%');
    expect(sprintf('%.1e', 12345)).toBe('1.2e+04');
    expect(sprintf('$%,d', 5)).toBe('$%,d');
  });

  it('shows ints whole and floats with at least two decimals', () => {
    expect(formatNumber(3, { step: 1, dataType: 'int' })).toBe('3');
    expect(formatNumber(0.5, { step: 0.01, dataType: 'float' })).toBe('0.50');
    expect(formatNumber(0.5, { step: 0.001, dataType: 'float' })).toBe('0.500');
  });

  it('snaps to the step grid and the bounds without float noise', () => {
    expect(snap(0.30000000000000004, { step: 0.1, dataType: 'float', min: 0, max: 1 })).toBe(0.3);
    expect(snap(7.4, { step: 5, dataType: 'int', min: 0, max: 100 })).toBe(5);
    expect(snap(120, { step: 5, dataType: 'int', min: 0, max: 100 })).toBe(100);
    expect(decimalsOf(0.25)).toBe(2);
  });

  it('parses typed numbers and refuses fractions for ints', () => {
    expect(parseNumber(' 12 ', { step: 1, dataType: 'int' })).toBe(12);
    expect(parseNumber('1.5', { step: 1, dataType: 'int' })).toBeNull();
    expect(parseNumber('abc', { step: 1, dataType: 'float' })).toBeNull();
    expect(parseNumber('150', { step: 1, dataType: 'int', max: 100 })).toBe(100);
    expect(parseNumber('.5', { step: 0.1, dataType: 'float' })).toBe(0.5);
    expect(parseNumber('50%', { step: 1, dataType: 'int' })).toBe(50);
    expect(parseNumber('$1,000.50', { step: 0.01, dataType: 'float' })).toBe(1000.5);
  });
});
