import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installSecrets, openSecrets, type SecretsStore } from './secrets.js';
import { secrets as stSecrets } from './st/secrets.js';

let root: string;
let project: string;
let home: string;
const stores: SecretsStore[] = [];

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mini-st-secrets-'));
  project = join(root, 'app');
  home = join(root, 'home');
  await mkdir(join(project, '.streamlit'), { recursive: true });
  await mkdir(join(home, '.streamlit'), { recursive: true });
});
afterEach(async () => {
  for (const store of stores.splice(0)) store.close();
  await rm(root, { recursive: true, force: true });
});

function open(options: { watch?: boolean } = {}): SecretsStore {
  const store = openSecrets({ cwd: project, home, watch: options.watch ?? false, intervalMs: 20 });
  stores.push(store);
  return store;
}
const projectFile = () => join(project, '.streamlit', 'secrets.toml');
const userFile = () => join(home, '.streamlit', 'secrets.toml');

describe('secrets.toml', () => {
  it('deep-merges the project file over ~/.streamlit/secrets.toml', async () => {
    await writeFile(userFile(), 'api = "user"\nonly_user = 1\n[db]\nhost = "user-host"\nport = 5432\n');
    await writeFile(projectFile(), 'api = "project"\n[db]\nhost = "project-host"\n');
    const snapshot = open().current();
    expect(snapshot.error).toBeUndefined();
    expect(snapshot.data).toEqual({ api: 'project', only_user: 1, db: { host: 'project-host', port: 5432 } });
    expect(snapshot.sourceOf(['db', 'host'])).toBe(projectFile());
    expect(snapshot.sourceOf(['db', 'port'])).toBe(userFile());
    expect(snapshot.sourceOf(['db', 'missing'])).toBe(projectFile());
    expect(Object.isFrozen(snapshot.data.db)).toBe(true);
  });

  it('is empty, not an error, when neither file exists', () => {
    expect(open().current()).toMatchObject({ data: {}, error: undefined });
  });

  it('names file, line and column of a syntax error', async () => {
    await writeFile(projectFile(), '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = \n');
    const { error } = open().current();
    expect(error?.code).toBe('MST_ERR_SECRETS_SYNTAX');
    expect(error?.message).toContain(projectFile());
    expect(error?.params).toMatchObject({ line: 3, column: 17 });
    expect(error?.message).toMatch(/at line 3, column 17/);
  });

  it('reloads a changed file, and keeps the last good read while it is broken', async () => {
    await writeFile(projectFile(), 'greeting = "hello"\n');
    const store = open({ watch: true });
    const seen: unknown[] = [];
    store.onChange((snapshot) => seen.push(snapshot.error?.code ?? snapshot.data.greeting));
    await writeFile(projectFile(), 'greeting = "bonjour!"\n');
    await expect.poll(() => store.current().data.greeting, { timeout: 3000 }).toBe('bonjour!');
    await writeFile(projectFile(), 'greeting = \n');
    await expect.poll(() => store.current().error?.code, { timeout: 3000 }).toBe('MST_ERR_SECRETS_SYNTAX');
    expect(store.current().data.greeting).toBe('bonjour!');
    expect(seen).toEqual(['bonjour!', 'MST_ERR_SECRETS_SYNTAX']);
  });
});

describe('st.secrets', () => {
  it('reads by attribute and by key, nested tables included', async () => {
    await writeFile(projectFile(), 'api_key = "k"\n[auth]\nclient_id = "abc"\n[auth.google]\nclient_id = "g"\n');
    installSecrets(open());
    expect(stSecrets.api_key).toBe('k');
    expect(stSecrets.auth.client_id).toBe('abc');
    expect(stSecrets['auth']['google']['client_id']).toBe('g');
    expect('auth' in stSecrets).toBe(true);
    expect('nope' in stSecrets).toBe(false);
    expect(stSecrets.nope).toBeUndefined();
    expect(stSecrets.get('nope', 'fallback')).toBe('fallback');
    expect(Object.keys(stSecrets)).toEqual(['api_key', 'auth']);
    expect(stSecrets.auth.to_dict()).toEqual({ client_id: 'abc', google: { client_id: 'g' } });
  });

  it('is read-only, with a clear error', async () => {
    await writeFile(projectFile(), '[auth]\nclient_id = "abc"\n');
    installSecrets(open());
    expect(() => {
      (stSecrets as Record<string, unknown>).api_key = 'x';
    }).toThrow(expect.objectContaining({ code: 'MST_ERR_READ_ONLY', message: 'st.secrets is read-only.' }));
    expect(() => {
      (stSecrets.auth as Record<string, unknown>).client_id = 'x';
    }).toThrow('st.secrets.auth is read-only.');
    expect(() => delete (stSecrets as Record<string, unknown>).auth).toThrow('read-only');
    // to_dict() is a copy the caller may change.
    const copy = stSecrets.to_dict() as { auth: { client_id: string } };
    copy.auth.client_id = 'changed';
    expect(stSecrets.auth.client_id).toBe('abc');
  });

  it('raises the syntax error where it is read', async () => {
    await writeFile(projectFile(), 'x = = 1\n');
    installSecrets(open());
    expect(() => stSecrets.x).toThrow(expect.objectContaining({ code: 'MST_ERR_SECRETS_SYNTAX' }));
  });
});
