/**
 * Routes from the REST contract (`protocol/rest/`):
 * `new Routes('/api/console').on(console.transferChat, async (c, checked) => …)` registers the
 * endpoint's method and path, checks its body and query with the contract's schemas, and holds the
 * handler to the answer the contract promises.
 */
import { Hono, type Context, type MiddlewareHandler, type TypedResponse } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { JSONParsed } from 'hono/utils/types';
import { parseWith } from '../../protocol/parse';
import type { AnswerOf, CheckedBodyOf, CheckedQueryOf, Endpoint } from '../../protocol/rest/endpoint';
import { schemas } from '../../protocol/rest/schemas';
import type { AppEnv } from './app-env';
import { readBody } from './body';
import { HttpError } from './errors';

/**
 * What a handler may read, each checked when it asks: the body as `readBody` checks it (400
 * `bad_json`, or a 400 naming the field), the query likewise. A handler asks after the checks that
 * come first (the caller's origin, whether the chat is theirs), so those refuse before a bad body does.
 */
export type Checked<E extends Endpoint> = ([CheckedBodyOf<E>] extends [never] ? unknown : { body(): Promise<CheckedBodyOf<E>> }) &
  ([CheckedQueryOf<E>] extends [never] ? unknown : { query(): CheckedQueryOf<E> });

/** The answer the contract promises: JSON of its type; 204 for `void`; any response for bytes. */
type Reply<A> = [A] extends [Blob]
  ? Response
  : [A] extends [void]
    ? Response & TypedResponse<null, 204, 'body'>
    : Response & TypedResponse<JSONParsed<A>, ContentfulStatusCode, 'json'>;

type Handler<E extends Endpoint> = (c: Context<AppEnv, E['path']>, checked: Checked<E>) => Reply<AnswerOf<E>> | Promise<Reply<AnswerOf<E>>>;

/**
 * The routes under `base`, which is where `app.ts` (or the routes above) mounts `router`: each
 * endpoint is served at its contract path less that prefix.
 */
export class Routes {
  readonly router = new Hono<AppEnv>();

  constructor(readonly base: string) {}

  /** Middleware for every route registered after it, as Hono's `use`. */
  use(...middleware: MiddlewareHandler<AppEnv>[]): this {
    this.router.use(...middleware);
    return this;
  }

  /** Serves `endpoint` with the handler last, after the middleware given before it (roles, tokens, bans). */
  on<E extends Endpoint>(endpoint: E, ...handlers: [...MiddlewareHandler<AppEnv>[], Handler<E>]): this {
    if (!endpoint.path.startsWith(this.base)) throw new Error(`${endpoint.method} ${endpoint.path} is not under ${this.base}`);
    const handler = handlers.pop() as Handler<E>;
    const { body, query } = endpoint;
    const serve: MiddlewareHandler<AppEnv> = async (c) =>
      handler(c, {
        body: () => readBody(c, schemas[body!]),
        query: () => {
          const parsed = parseWith(schemas[query!], c.req.query());
          if (!parsed.ok) throw new HttpError(400, parsed.error);
          return parsed.value;
        },
      } as Checked<E>);
    const chain: MiddlewareHandler<AppEnv>[] = [...(handlers as MiddlewareHandler<AppEnv>[]), serve];
    this.router.on(endpoint.method, endpoint.path.slice(this.base.length) || '/', ...(chain as [MiddlewareHandler<AppEnv>]));
    return this;
  }

  /** Mounts routes whose base is this one's plus `path`. */
  route(path: string, routes: Routes): this {
    if (routes.base !== this.base + (path === '/' ? '' : path)) throw new Error(`routes for ${routes.base} mounted at ${this.base}${path}`);
    this.router.route(path, routes.router);
    return this;
  }
}
