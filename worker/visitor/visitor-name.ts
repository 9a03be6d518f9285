import { eq } from 'drizzle-orm';
import { database } from '../db/client';
import { visitors } from '../db/schema';

/** Anonymous visitors get a short code an agent can tell apart, e.g. "Visitor 7K3Q". */
export const anonymousName = (visitorId: string) => `Visitor ${visitorId.slice(-4)}`;

/** The name the visitor gave (or identify() set), else their generated code. */
export async function visitorName(db: D1Database, visitorId: string): Promise<string> {
  const [row] = await database(db).select({ name: visitors.name }).from(visitors).where(eq(visitors.id, visitorId)).limit(1);
  return row?.name || anonymousName(visitorId);
}
