/** The console's REST calls: same origin, session cookie, JSON errors turned into exceptions. */
import type { ApiErrorBody } from '../../protocol/errors';

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as (T & Partial<ApiErrorBody>) | null;
  if (!res.ok) {
    throw new ApiFailure(res.status, data?.error?.code ?? 'internal', data?.error?.message ?? `Request failed (${res.status})`);
  }
  return data as T;
}
