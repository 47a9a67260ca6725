import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readAuthSettings } from '../auth/config.js';
import { main } from '../cli.js';
import { openSecrets } from '../secrets.js';
import { prepareHello } from './hello.js';
import { packageRoot } from './package-root.js';

let cwd: string;
let out: string[];
let err: string[];

beforeEach(async () => {
  cwd = await mkdtemp(join(tmpdir(), 'mini-st-init-'));
  out = [];
  err = [];
});
afterEach(async () => {
  await rm(cwd, { recursive: true, force: true });
});

const init = (...args: string[]) => main(['init', ...args], { cwd, env: {}, stdout: (line) => out.push(line), stderr: (line) => err.push(line) });
const read = (path: string) => readFile(join(cwd, path), 'utf8');

describe('mini-st init', () => {
  it('writes a new app into a new folder and prints the next two commands', async () => {
    expect(await init('My App')).toBe(0);
    expect((await readdir(join(cwd, 'My App'), { recursive: true })).sort()).toEqual(
      ['.gitignore', '.streamlit', '.streamlit/config.toml', '.streamlit/secrets.toml.example', 'app.ts', 'package.json', 'tsconfig.json'].sort(),
    );
    const pkg = JSON.parse(await read('My App/package.json'));
    expect(pkg).toMatchObject({ name: 'my-app', private: true, type: 'module', dependencies: { 'mini-st': `^${packageRoot().version}` } });
    expect(Object.keys(pkg.devDependencies).sort()).toEqual(['@types/node', 'oidc-provider', 'typescript']);
    expect(await read('My App/.gitignore')).toMatch(/^\.streamlit\/secrets\.toml$/m);
    expect(await read('My App/app.ts')).toContain('import { st } from "mini-st";');
    expect(out).toContain('    cd "My App" && npm install');
    expect(out).toContain('    npx mini-st run app.ts');
  });

  it('writes a secrets example whose development table logs in as it is, with a fresh cookie_secret each time', async () => {
    await init('a');
    await init('b');
    const example = await read('a/.streamlit/secrets.toml.example');
    const table = parseToml(example) as { auth: Record<string, string> };
    expect(table.auth.server_metadata_url).toBe('http://127.0.0.1:9421/.well-known/openid-configuration');
    expect(table.auth.cookie_secret).toMatch(/^[0-9a-f]{64}$/);
    expect((parseToml(await read('b/.streamlit/secrets.toml.example')) as typeof table).auth.cookie_secret).not.toBe(table.auth.cookie_secret);
    // Copied to secrets.toml, it is a valid [auth] for login.
    await writeFile(join(cwd, 'a/.streamlit/secrets.toml'), example);
    const secrets = openSecrets({ cwd: join(cwd, 'a'), home: cwd, watch: false });
    expect(readAuthSettings(secrets.current())).toBeDefined();
    secrets.close();
    // The Entra and Google variants are valid TOML once uncommented.
    for (const variant of ['2. Microsoft Entra ID', '3. Google']) {
      const block = example.split(`# --- ${variant}`)[1]!.split('\n# ---')[0]!;
      const uncommented = block.split('\n').filter((line) => /^# \[auth\]|^# [a-z_]+ = /.test(line)).map((line) => line.slice(2)).join('\n');
      expect(parseToml(uncommented)).toMatchObject({ auth: { client_id: expect.any(String), server_metadata_url: expect.stringMatching(/^https:/) } });
    }
  });

  it('refuses to overwrite: names every existing file and writes nothing', async () => {
    await writeFile(join(cwd, 'app.ts'), 'mine');
    await mkdir(join(cwd, '.streamlit'));
    await writeFile(join(cwd, '.streamlit', 'config.toml'), '');
    expect(await init()).toBe(1);
    expect(err[0]).toBe(
      'Error [MST_ERR_INIT_FILE_EXISTS]: Will not overwrite app.ts, .streamlit/config.toml: mini-st init only writes new files. Move it away, or create the app in a new folder: mini-st init my-app',
    );
    expect(await read('app.ts')).toBe('mine');
    expect((await readdir(cwd, { recursive: true })).sort()).toEqual(['.streamlit', '.streamlit/config.toml', 'app.ts']);
  });

  it('completes an existing package.json and .gitignore, changing nothing that is there', async () => {
    const mine = { name: 'mine', dependencies: { 'mini-st': 'file:../mini-st-0.1.0.tgz' }, devDependencies: { typescript: '7.0.2' }, scripts: { start: 'node server.js' } };
    await writeFile(join(cwd, 'package.json'), JSON.stringify(mine, null, 4));
    await writeFile(join(cwd, '.gitignore'), 'dist');
    expect(await init()).toBe(0);
    const pkg = JSON.parse(await read('package.json'));
    expect(pkg).toMatchObject(mine);
    expect(pkg.devDependencies).toEqual({ typescript: '7.0.2', '@types/node': '^20.19.0', 'oidc-provider': '^9.13.3' });
    expect(pkg.scripts).toEqual({ start: 'node server.js', typecheck: 'tsc' });
    expect(await read('package.json')).toMatch(/^ {4}"name"/m);
    expect(await read('.gitignore')).toBe('dist\n# mini-st secrets: the [auth] table\'s client_secret and cookie_secret, API keys.\n.streamlit/secrets.toml\n');
    expect(out).toContain('    npm install');
  });

  it('leaves a .gitignore that already ignores the secrets alone', async () => {
    await writeFile(join(cwd, '.gitignore'), 'node_modules\n.streamlit/\n');
    expect(await init()).toBe(0);
    expect(await read('.gitignore')).toBe('node_modules\n.streamlit/\n');
  });

  it('refuses a package.json that is not a JSON object, before writing anything', async () => {
    await writeFile(join(cwd, 'package.json'), '{ nope');
    expect(await init()).toBe(1);
    expect(err[0]).toMatch(/^Error \[MST_ERR_INIT_PACKAGE_JSON\]: Cannot add mini-st to .*package\.json: /);
    expect(await readdir(cwd)).toEqual(['package.json']);
  });

  it('takes at most one folder, and no options', async () => {
    expect(await init('a', 'b')).toBe(1);
    expect(err[0]).toContain('MST_ERR_CLI_USAGE');
    expect(await init('--force')).toBe(1);
    expect(err[1]).toContain('Unknown option --force for init');
  });
});

describe('mini-st hello', () => {
  it('runs the packaged demo from a folder of its own whose secrets log in against the development provider', async () => {
    const hello = await prepareHello();
    try {
      expect(hello.script).toBe(join(packageRoot().dir, 'hello', 'app.ts'));
      expect(await readFile(hello.script, 'utf8')).toContain('import { st } from "mini-st";');
      expect(hello.devProvider).toBe(true);
      const secrets = openSecrets({ cwd: hello.cwd, home: hello.cwd, watch: false });
      expect(readAuthSettings(secrets.current())).toBeDefined();
      expect(secrets.current().data.hello).toEqual({ dev_provider_installed: true, source: hello.script });
      secrets.close();
    } finally {
      await hello.close();
    }
  });
});
