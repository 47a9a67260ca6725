import { describe, expect, it } from 'vitest';
import { MiniStError } from '../errors.js';
import { devProviderAvailable, loadOidcProvider } from './dev-provider.js';

/** What Node throws for `import('oidc-provider')` when the package is not installed. */
function notInstalled(name: string): Error {
  return Object.assign(new Error(`Cannot find package '${name}' imported from /app/node_modules/mini-st/dist/cli.js`), { code: 'ERR_MODULE_NOT_FOUND' });
}

describe('the optional oidc-provider package', () => {
  it('says what to install when oidc-provider is missing (MST_ERR_DEV_PROVIDER_MISSING)', async () => {
    const missing = notInstalled('oidc-provider');
    const error = await loadOidcProvider(() => Promise.reject(missing)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MiniStError);
    expect(error).toMatchObject({ code: 'MST_ERR_DEV_PROVIDER_MISSING', cause: missing });
    expect((error as Error).message).toContain('npm install --save-dev oidc-provider@9');
  });

  it('passes other failures through, such as a missing dependency of oidc-provider itself', async () => {
    const other = notInstalled('koa');
    await expect(loadOidcProvider(() => Promise.reject(other))).rejects.toBe(other);
  });

  it('loads it when it is installed', async () => {
    expect(typeof (await loadOidcProvider()).default).toBe('function');
    expect(await devProviderAvailable()).toBe(true);
  });
});
