import type { Context } from 'hono';
import type * as v from 'valibot';
import { parseWith } from '../../protocol/parse';
import { HttpError } from './errors';

/** Reads a JSON body and validates it, or throws a 400 that names the field at fault. */
export async function readBody<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw new HttpError(400, { code: 'bad_json', message: 'Request body must be JSON' });
  }
  const parsed = parseWith(schema, data);
  if (!parsed.ok) throw new HttpError(400, parsed.error);
  return parsed.value;
}
