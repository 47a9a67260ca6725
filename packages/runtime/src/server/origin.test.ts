import { describe, expect, it } from 'vitest';
import { isAllowedOrigin } from './origin.js';

describe('isAllowedOrigin', () => {
  it('allows the server\'s own host whatever the scheme', () => {
    expect(isAllowedOrigin('http://localhost:8501', 'localhost:8501', [])).toBe(true);
    expect(isAllowedOrigin('https://app.example.com', 'app.example.com', [])).toBe(true);
    expect(isAllowedOrigin('https://app.example.com', 'app.example.com:443', [])).toBe(true);
    expect(isAllowedOrigin('http://APP.example.com', 'app.example.com', [])).toBe(true);
  });

  it('refuses other hosts and ports, "null" and non-web schemes', () => {
    expect(isAllowedOrigin('http://localhost:8502', 'localhost:8501', [])).toBe(false);
    expect(isAllowedOrigin('https://evil.test', 'localhost:8501', [])).toBe(false);
    expect(isAllowedOrigin('null', 'localhost:8501', [])).toBe(false);
    expect(isAllowedOrigin('file://', 'localhost:8501', [])).toBe(false);
    expect(isAllowedOrigin('http://localhost:8501', undefined, [])).toBe(false);
  });

  it('allows clients that send no Origin (not browsers)', () => {
    expect(isAllowedOrigin(undefined, 'localhost:8501', [])).toBe(true);
  });

  it('allows listed origins, and any with "*"', () => {
    expect(isAllowedOrigin('https://other.test', 'localhost:8501', ['https://other.test'])).toBe(true);
    expect(isAllowedOrigin('http://other.test', 'localhost:8501', ['https://other.test'])).toBe(false);
    expect(isAllowedOrigin('https://evil.test', 'localhost:8501', ['*'])).toBe(true);
  });
});
