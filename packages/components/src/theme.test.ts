import { describe, expect, it } from 'vitest';
import { THEME_STORAGE_KEY, ThemeController, type ThemeEnvironment } from './theme.js';

function fakeEnv(options: { stored?: string; base?: string; shown?: string } = {}) {
  const attributes: Record<string, string> = {
    ...(options.base ? { 'data-theme-base': options.base } : {}),
    ...(options.shown ? { 'data-theme': options.shown } : {}),
  };
  const stored = new Map<string, string>(options.stored ? [[THEME_STORAGE_KEY, options.stored]] : []);
  const env: ThemeEnvironment = {
    root: { getAttribute: (n) => attributes[n] ?? null, setAttribute: (n, v) => void (attributes[n] = v) },
    storage: { getItem: (k) => stored.get(k) ?? null, setItem: (k, v) => void stored.set(k, v) },
  };
  return { env, attributes, stored };
}

describe('the page theme', () => {
  it('keeps what the server\'s script chose', () => {
    const { env, attributes } = fakeEnv({ shown: 'dark', stored: 'light' });
    expect(new ThemeController(env).getChoice()).toBe('dark');
    expect(attributes['data-theme']).toBe('dark');
  });

  it('without it: the stored choice, else the app base, else the system', () => {
    expect(new ThemeController(fakeEnv().env).getChoice()).toBe('system');
    expect(fakeEnv().attributes['data-theme']).toBeUndefined();
    const { env, attributes } = fakeEnv({ base: 'dark' });
    expect(new ThemeController(env).getChoice()).toBe('dark');
    expect(attributes['data-theme']).toBe('dark');
    expect(new ThemeController(fakeEnv({ base: 'dark', stored: 'light' }).env).getChoice()).toBe('light');
    expect(new ThemeController(fakeEnv({ base: 'dark', stored: 'nonsense' }).env).getChoice()).toBe('dark');
  });

  it('applies and remembers a choice, and tells its subscribers', () => {
    const { env, attributes, stored } = fakeEnv({ shown: 'system' });
    const theme = new ThemeController(env);
    let told = 0;
    theme.subscribe(() => told++);
    theme.choose('light');
    expect(attributes['data-theme']).toBe('light');
    expect(stored.get(THEME_STORAGE_KEY)).toBe('light');
    expect(told).toBe(1);
    theme.choose('system');
    expect(attributes['data-theme']).toBe('system');
  });

  it('still applies a choice when storage refuses it', () => {
    const { env, attributes } = fakeEnv();
    env.storage = { getItem: () => null, setItem: () => { throw new Error('full'); } };
    new ThemeController(env).choose('dark');
    expect(attributes['data-theme']).toBe('dark');
  });
});
