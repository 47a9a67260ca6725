/**
 * The Host check of `server.allowedHosts`. Behind a proxy, or on a machine with a public address,
 * a request naming another host is someone probing (DNS rebinding, cache poisoning through a
 * forged Host): with the list set, only the listed names are answered. The health probe is exempt,
 * because orchestrators call it by the pod's address.
 */
import type { FastifyInstance } from 'fastify';
import { HEALTH_PATH } from '@mini-st/protocol';
import { MiniStError } from '../errors.js';
import type { Logger } from './logger.js';

/**
 * Whether `host` (a Host header: name and optional port) is allowed by `allowed` (normalized
 * `server.allowedHosts`). An entry without a port allows every port; `.example.com` allows
 * example.com and its subdomains; `*` allows any host. An empty list allows everything.
 *
 * @example
 * isAllowedHost('app.example.com:8501', ['app.example.com']); // true
 * isAllowedHost('evil.test', ['app.example.com']); // false
 * isAllowedHost('eu.example.com', ['.example.com']); // true
 */
export function isAllowedHost(host: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.length === 0 || allowed.includes('*')) return true;
  if (!host) return false;
  const full = host.toLowerCase();
  const name = full.replace(/:\d+$/, '');
  return allowed.some((entry) => {
    if (entry.startsWith('.')) {
      const bare = entry.slice(1);
      const [entryName, entryPort] = splitPort(bare);
      const [, port] = splitPort(full);
      if (entryPort !== undefined && entryPort !== port) return false;
      return name === entryName || name.endsWith(`.${entryName}`);
    }
    return entry.includes(':') && !entry.startsWith('[') ? entry === full : entry === name || entry === full;
  });
}

function splitPort(host: string): [string, string | undefined] {
  const match = /^(.*?)(?::(\d+))?$/.exec(host)!;
  return [match[1]!, match[2]];
}

/** Refuses requests (pages, assets, the WebSocket upgrade) whose Host is not allowed, with 403. */
export function addHostCheck(app: FastifyInstance, allowed: readonly string[], logger: Logger): void {
  if (allowed.length === 0 || allowed.includes('*')) return;
  app.addHook('onRequest', async (request, reply) => {
    if (isAllowedHost(request.headers.host, allowed)) return;
    if ((request.url.split('?')[0] ?? '').endsWith(HEALTH_PATH)) return;
    const error = new MiniStError('MST_ERR_HOST_NOT_ALLOWED', { host: (request.headers.host ?? '').slice(0, 100) });
    logger.warn(`Warning [${error.code}]: ${error.message}`);
    return reply.code(error.status ?? 403).send({ code: error.code, message: error.message });
  });
}
