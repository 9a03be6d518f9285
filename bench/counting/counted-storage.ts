/**
 * A Durable Object's storage counted: every SQL statement, KV operation and alarm call, and the
 * rows SQLite reports for them. The rest of the state (sockets, ids) is untouched. Methods are
 * bound to the real objects, which the runtime requires.
 */
import { count } from './tally';

/** Reads a property of the real object, bound to it if it is a method. */
function real<T extends object>(target: T, prop: string | symbol): unknown {
  const value = Reflect.get(target, prop, target);
  return typeof value === 'function' ? value.bind(target) : value;
}

/** Counts a cursor's rows once its caller has read them (`toArray`, `one`), or at once for writes. */
function countedCursor<T extends Record<string, SqlStorageValue>>(cursor: SqlStorageCursor<T>, owner: string): SqlStorageCursor<T> {
  let read = 0;
  let written = 0;
  const settle = () => {
    count('rowsRead', `${owner}.sql`, cursor.rowsRead - read);
    count('rowsWritten', `${owner}.sql`, cursor.rowsWritten - written);
    read = cursor.rowsRead;
    written = cursor.rowsWritten;
  };
  // A statement that returns no rows has run by now; one that does is counted as it is read.
  settle();
  return new Proxy(cursor, {
    get(target, prop) {
      if (prop === 'toArray' || prop === 'one') {
        return () => {
          try {
            return target[prop]();
          } finally {
            settle();
          }
        };
      }
      return real(target, prop);
    },
  });
}

function countedSql(sql: SqlStorage, owner: string): SqlStorage {
  return new Proxy(sql, {
    get(target, prop) {
      if (prop !== 'exec') return real(target, prop);
      return (query: string, ...bindings: unknown[]) => {
        count('storage', `${owner}.sql ${query.trim().split(/\s+/)[0]!.toUpperCase()}`);
        return countedCursor(target.exec(query, ...bindings), owner);
      };
    },
  });
}

/** The synchronous KV API keeps its pairs in a SQLite table: a get reads a row, a put writes one. */
function countedKv(kv: SyncKvStorage, owner: string): SyncKvStorage {
  return new Proxy(kv, {
    get(target, prop) {
      const method = real(target, prop);
      if (typeof prop !== 'string' || typeof method !== 'function') return method;
      return (...args: unknown[]) => {
        count('storage', `${owner}.kv.${prop}`);
        const result = (method as (...a: unknown[]) => unknown)(...args);
        if (prop === 'get' && result !== undefined) count('rowsRead', `${owner}.kv`);
        if (prop === 'put' || (prop === 'delete' && result === true)) count('rowsWritten', `${owner}.kv`);
        return result;
      };
    },
  });
}

/** Storage calls that are operations (not the transaction wrapper, which only groups them). */
const OPERATIONS = new Set(['get', 'put', 'delete', 'list', 'deleteAll', 'getAlarm', 'setAlarm', 'deleteAlarm']);

function countedStorage(storage: DurableObjectStorage, owner: string): DurableObjectStorage {
  const sql = countedSql(storage.sql, owner);
  const kv = countedKv(storage.kv, owner);
  return new Proxy(storage, {
    get(target, prop) {
      if (prop === 'sql') return sql;
      if (prop === 'kv') return kv;
      const method = real(target, prop);
      if (typeof prop !== 'string' || !OPERATIONS.has(prop) || typeof method !== 'function') return method;
      return (...args: unknown[]) => {
        count('storage', `${owner}.${prop}`);
        return (method as (...a: unknown[]) => unknown)(...args);
      };
    },
  });
}

/**
 * Gives the state counted storage, in place: the runtime's base class accepts only the real state
 * object, so its `storage` is shadowed by an own property rather than the state wrapped.
 */
export function countStorage(state: DurableObjectState, owner: string): DurableObjectState {
  Object.defineProperty(state, 'storage', { value: countedStorage(state.storage, owner) });
  return state;
}
