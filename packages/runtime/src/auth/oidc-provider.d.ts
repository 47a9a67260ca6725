/**
 * The little of oidc-provider 9's API that dev-provider.ts uses (the package ships no types, and
 * @types/oidc-provider would be one more dependency for a development tool).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  /** Koa's context, as far as our middleware touches it. */
  export interface KoaContext {
    path: string;
    method: string;
    query: Record<string, string | string[] | undefined>;
    body: unknown;
    type: string;
    status: number;
    oidc: any;
  }

  /** The default interaction policy (login and consent prompts, each a list of checks). */
  export const interactionPolicy: { base(): any };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    readonly issuer: string;
    readonly Grant: any;
    readonly Client: any;
    proxy: boolean;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    use(middleware: (ctx: KoaContext, next: () => Promise<void>) => Promise<void>): this;
    on(event: string, listener: (...args: any[]) => void): this;
  }
}
