import { asc, eq } from 'drizzle-orm';
import { database } from '../db/client';
import { queues, sites } from '../db/schema';
import { HttpError } from '../http/errors';

export async function requireSite(db: D1Database, siteId: string) {
  const [site] = await database(db).select().from(sites).where(eq(sites.id, siteId)).limit(1);
  if (!site) throw new HttpError(404, { code: 'not_found', message: `No site "${siteId}"` });
  return site;
}

/** Where a new chat goes until routing rules choose among queues: the site's first queue. */
export async function defaultQueue(db: D1Database, siteId: string) {
  const [queue] = await database(db)
    .select()
    .from(queues)
    .where(eq(queues.siteId, siteId))
    .orderBy(asc(queues.createdAt), asc(queues.id))
    .limit(1);
  if (!queue) throw new HttpError(409, { code: 'not_found', message: 'This site has no queue to take chats' });
  return queue;
}
