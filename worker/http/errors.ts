import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ApiErrorBody, ErrorCode } from '../../protocol/errors';

/** The one shape of every REST error: `{ error: { code, message, field? } }`. */
export function errorResponse(status: ContentfulStatusCode, error: ApiError, headers?: HeadersInit): Response {
  const body: ApiErrorBody = { error };
  return Response.json(body, { status, ...(headers ? { headers } : {}) });
}

/**
 * How a route refuses: it throws, from wherever the refusal is found, and the app's error
 * handler answers. Routes never return error responses themselves.
 */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly error: ApiError,
    readonly headers?: HeadersInit,
  ) {
    super(error.message);
  }
}

/** `throw httpError(404, 'not_found', 'No such ticket')`; a field names what in the request is at fault. */
export const httpError = (status: ContentfulStatusCode, code: ErrorCode, message: string, field?: string) =>
  new HttpError(status, { code, message, ...(field ? { field } : {}) });

export function onError(err: Error, c: Context): Response {
  if (err instanceof HttpError) return errorResponse(err.status, err.error, err.headers);
  // Clients get a generic message; the log keeps the whole error.
  console.error(`[worker] ${c.req.method} ${new URL(c.req.url).pathname}`, err);
  return errorResponse(500, { code: 'internal', message: 'Something went wrong on our side' });
}
