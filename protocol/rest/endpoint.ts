/**
 * What an endpoint of the REST contract is: a method, a path pattern, the schemas the server checks
 * its JSON body and query with, and the type of what it answers. The groups (`visitor.ts`,
 * `console.ts`, `admin.ts`, `auth.ts`, `files.ts`) list every endpoint as this data; the Worker
 * registers its routes from them and the clients call them (`../client/rest-client.ts`).
 */
import type * as v from 'valibot';
import type { SchemaName, Schemas } from './schemas';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

type Schema = SchemaName | undefined;

export interface Endpoint<Path extends string = string, Body extends Schema = Schema, Query extends Schema = Schema, Answer = unknown> {
  readonly method: Method;
  /** From the origin, e.g. `/api/console/chats/:id/transfer`; each `:name` is a path parameter. */
  readonly path: Path;
  /** The schema of the JSON body, by name (`schemas.ts` says why). None: the endpoint reads no JSON body. */
  readonly body?: Body;
  /** The schema of the query string, by name. */
  readonly query?: Query;
  /**
   * Never set: the type of the answer, for the client and the route. `void` is 204 No Content;
   * `Blob` is bytes (a download), which a link or `fetch` reads, not `call`.
   */
  readonly answer?: Answer;
}

/** `post('/api/…/:id/transfer', { body: 'TransferBody' }).answers<ChatResponse>()` */
const endpoint =
  (method: Method) =>
  <const Path extends string, Body extends Schema = undefined, Query extends Schema = undefined>(path: Path, schemas: { body?: Body; query?: Query } = {}) => ({
    answers: <Answer>(): Endpoint<Path, Body, Query, Answer> => ({ method, path, ...schemas }),
  });

export const get = endpoint('GET');
export const post = endpoint('POST');
export const put = endpoint('PUT');
export const patch = endpoint('PATCH');
export const del = endpoint('DELETE');

type ParamName<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamName<Rest>
  : Path extends `${string}:${infer Name}`
    ? Name
    : never;

/** `{ id: string }` for `/api/console/chats/:id/transfer`. */
export type ParamsOf<E extends Endpoint> = { [Name in ParamName<E['path']>]: string };

type Named<N> = N extends SchemaName ? Schemas[N] : never;

/** What a client sends as the body, and what the server's handler gets once the schema has checked it. */
export type BodyOf<E extends Endpoint> = E extends Endpoint<string, infer B> ? v.InferInput<Named<B>> : never;
export type CheckedBodyOf<E extends Endpoint> = E extends Endpoint<string, infer B> ? v.InferOutput<Named<B>> : never;
export type QueryOf<E extends Endpoint> = E extends Endpoint<string, Schema, infer Q> ? v.InferInput<Named<Q>> : never;
export type CheckedQueryOf<E extends Endpoint> = E extends Endpoint<string, Schema, infer Q> ? v.InferOutput<Named<Q>> : never;
export type AnswerOf<E extends Endpoint> = E extends Endpoint<string, Schema, Schema, infer A> ? A : never;

/** What a call names besides the endpoint: its path parameters, body and query, each only where it has them. */
export type CallArgs<E extends Endpoint> = ([ParamName<E['path']>] extends [never] ? unknown : { params: ParamsOf<E> }) &
  ([BodyOf<E>] extends [never] ? unknown : { body: BodyOf<E> }) &
  ([QueryOf<E>] extends [never] ? unknown : { query?: QueryOf<E> });

/** An endpoint's path parameters, as the one argument after it where it has any. */
export type PathArgs<E extends Endpoint> = [ParamName<E['path']>] extends [never] ? [] : [ParamsOf<E>];

/** The path with its parameters filled in, each encoded: for links and uploads, which do not go through `call`. */
export function pathOf<E extends Endpoint>(endpoint: E, ...[params]: PathArgs<E>): string {
  return endpoint.path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent((params as Record<string, string>)[name]!));
}
