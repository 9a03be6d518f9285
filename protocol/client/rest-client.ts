/**
 * The one REST client, for the widget and the console alike: an endpoint of the contract
 * (`../rest/`), its path parameters, query and body; JSON in and out; every refusal thrown as
 * an `ApiFailure`.
 */
import type { ApiErrorBody, ErrorCode } from '../errors';
import { pathOf, type AnswerOf, type CallArgs, type Endpoint, type PathArgs } from '../rest/endpoint';

/** A refusal, as the server words it (`{ error: { code, message, field } }`). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    /** The request field at fault, when one is. */
    readonly field?: string,
  ) {
    super(message);
  }
}

/** The failure a refused request's body describes; `fallback` words one with no body of ours (a proxy's page, say). */
export function failureOf(status: number, data: unknown, fallback = `Request failed (${status})`): ApiFailure {
  const error = (data as Partial<ApiErrorBody> | null)?.error;
  return new ApiFailure(status, error?.code ?? 'internal', error?.message ?? fallback, error?.field);
}

export interface RestOptions {
  /** Parley's origin, for the widget on another site's page; the console's calls go to its own. */
  base?: string;
  /** The visitor's token, sent as a Bearer. The console sends none: its session is a cookie, which same-origin requests carry. */
  token?: () => string | null;
}

/** The arguments after the endpoint: none where it takes nothing, else its params, body and query. */
export type CallRest<E extends Endpoint> = {} extends CallArgs<E> ? [CallArgs<E>?] : [CallArgs<E>];

export type Call = <E extends Endpoint>(endpoint: E, ...args: CallRest<E>) => Promise<AnswerOf<E>>;

export function restClient({ base = '', token }: RestOptions = {}): Call {
  return async (endpoint, ...[args]) => {
    const { params, query, body } = (args ?? {}) as { params?: Record<string, string>; query?: Record<string, string>; body?: unknown };
    const search = query ? `?${new URLSearchParams(Object.entries(query).filter(([, value]) => value !== undefined))}` : '';
    const headers: Record<string, string> = {};
    const bearer = token?.();
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    // Only with a body: a GET without headers of its own needs no CORS preflight.
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${base}${pathOf(endpoint, ...([params] as PathArgs<typeof endpoint>))}${search}`, {
      method: endpoint.method,
      headers,
      body: body === undefined ? null : JSON.stringify(body),
    });
    if (res.status === 204) return undefined as AnswerOf<typeof endpoint>;
    const data: unknown = await res.json().catch(() => null);
    if (!res.ok) throw failureOf(res.status, data);
    return data as AnswerOf<typeof endpoint>;
  };
}
