import * as v from 'valibot';
import type { ApiError, ErrorCode } from './errors';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Validates untrusted data against a schema and names the first field at fault. */
export function parseWith<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  code: ErrorCode = 'invalid_request',
): Parsed<v.InferOutput<S>> {
  const result = v.safeParse(schema, input);
  if (result.success) return { ok: true, value: result.output };
  const issue = result.issues[0];
  const field = issue ? v.getDotPath(issue) ?? undefined : undefined;
  const message = field ? `${field}: ${issue!.message}` : (issue?.message ?? 'Invalid input');
  return { ok: false, error: field ? { code, message, field } : { code, message } };
}

/** Pure, so a bundle that imports a module of schemas but never uses them (the widget) drops them and valibot with them. */
export const trimmedText = /* @__NO_SIDE_EFFECTS__ */ (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(max, `must be at most ${max} characters`));
