/**
 * The configuration check of `st.login(provider)`, usable in any thread: a script running in a
 * worker cannot ask the main thread's gateway synchronously, so it reads the same secrets files
 * itself (through `processSecrets()`) and raises the same configuration errors in the script.
 * Checks that need the running server (a `redirect_uri` changed since startup) stay with
 * `AuthGateway.checkLogin`, on the main thread.
 */
import { MiniStError } from '../errors.js';
import { processSecrets, type SecretsStore } from '../secrets.js';
import { readAuthSettings, resolveProvider } from './config.js';

/**
 * Throws the MiniStError that would make `st.login(provider)` fail, or returns quietly.
 *
 * @example
 * // in a worker's RunnerServices:
 * const services = { checkLogin: (provider) => checkLoginConfiguration(provider) };
 */
export function checkLoginConfiguration(provider: string | undefined, secrets: SecretsStore = processSecrets()): void {
  const settings = readAuthSettings(secrets.current());
  if (!settings) throw new MiniStError('MST_ERR_AUTH_NOT_CONFIGURED', { file: secrets.files[0] });
  resolveProvider(settings, provider);
}
