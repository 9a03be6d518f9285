import { drizzle } from 'drizzle-orm/d1';
import * as schema from './schema';

export type Database = ReturnType<typeof drizzle<typeof schema>>;

/** One drizzle instance per binding: building one costs more than most queries it runs. */
const instances = new WeakMap<D1Database, Database>();

export function database(db: D1Database): Database {
  let instance = instances.get(db);
  if (!instance) {
    instance = drizzle(db, { schema });
    instances.set(db, instance);
  }
  return instance;
}
