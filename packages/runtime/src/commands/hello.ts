/**
 * `mini-st hello`: the built-in demo (hello/app.ts in the package) served like any app. It runs
 * in a temporary folder of its own whose `.streamlit/secrets.toml` logs in against the
 * development identity provider with a fresh cookie_secret, so it works the same wherever it is
 * started and never reads (or needs) the secrets of the folder it was started in. cli.ts runs it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEV_CLIENT, DEV_PROVIDER_PORT, devProviderAvailable } from '../auth/dev-provider.js';
import { packageRoot } from './package-root.js';

export interface HelloApp {
  /** The demo's script, inside the installed package. */
  script: string;
  /** The temporary folder to run it in (its `.streamlit/secrets.toml`). */
  cwd: string;
  /** Whether `oidc-provider` is installed, so the demo's login can work. */
  devProvider: boolean;
  /** Removes the temporary folder. */
  close(): Promise<void>;
}

/**
 * Prepares the demo's folder.
 *
 * @example
 * const hello = await prepareHello();
 * try { await runApp(hello.script, flags, { ...io, cwd: hello.cwd }); } finally { await hello.close(); }
 */
export async function prepareHello(): Promise<HelloApp> {
  const script = join(packageRoot().dir, 'hello', 'app.ts');
  const devProvider = await devProviderAvailable();
  const cwd = await mkdtemp(join(tmpdir(), 'mini-st-hello-'));
  await mkdir(join(cwd, '.streamlit'));
  await writeFile(
    join(cwd, '.streamlit', 'secrets.toml'),
    [
      '[auth]',
      'redirect_uri = "http://localhost:{port}/oauth2callback"',
      `cookie_secret = "${randomBytes(32).toString('hex')}"`,
      `client_id = "${DEV_CLIENT.client_id}"`,
      `client_secret = "${DEV_CLIENT.client_secret}"`,
      `server_metadata_url = "http://127.0.0.1:${DEV_PROVIDER_PORT}/.well-known/openid-configuration"`,
      '',
      '[hello]',
      `dev_provider_installed = ${devProvider}`,
      `source = ${JSON.stringify(script)}`,
      '',
    ].join('\n'),
  );
  return { script, cwd, devProvider, close: () => rm(cwd, { recursive: true, force: true }) };
}
