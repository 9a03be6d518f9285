import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ApiError, ApiErrorBody, ErrorCode } from '../../protocol/errors';

/** The one shape of every REST error: `{ error: { code, message, field? } }`. */
export function errorResponse(status: ContentfulStatusCode, error: ApiError): Response {
  const body: ApiErrorBody = { error };
  return Response.json(body, { status });
}

export const fail = (status: ContentfulStatusCode, code: ErrorCode, message: string) =>
  errorResponse(status, { code, message });

/** Thrown from helpers deep in a request; the app's error handler turns it into a response. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

export function onError(err: Error, c: Context): Response {
  if (err instanceof HttpError) return errorResponse(err.status, err.error);
  // Clients get a generic message; the log keeps the whole error.
  console.error(`[worker] ${c.req.method} ${new URL(c.req.url).pathname}`, err);
  return fail(500, 'internal', 'Something went wrong on our side');
}
