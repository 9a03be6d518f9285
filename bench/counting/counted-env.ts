/**
 * The Worker's bindings with their use counted: D1 round trips and statements, and calls on
 * Durable Object stubs. Bindings are recognised by shape, so one added later is counted too
 * (or passed through, if it is neither).
 */
import { count } from './tally';

const bound = <T extends object>(target: T, prop: string | symbol): unknown => {
  const value = Reflect.get(target, prop, target);
  return typeof value === 'function' ? value.bind(target) : value;
};

/** The real statement behind a counted one, for `batch`, which the runtime checks. */
const statements = new WeakMap<object, D1PreparedStatement>();

function countedStatement(statement: D1PreparedStatement, caller: string): D1PreparedStatement {
  const counted = new Proxy(statement, {
    get(target, prop) {
      if (prop === 'bind') return (...values: unknown[]) => countedStatement(target.bind(...values), caller);
      if (prop === 'first' || prop === 'all' || prop === 'run' || prop === 'raw') {
        return (...args: unknown[]) => {
          count('d1', caller);
          count('d1Statements', caller);
          return (target[prop] as (...a: unknown[]) => unknown)(...args);
        };
      }
      return bound(target, prop);
    },
  });
  statements.set(counted, statement);
  return counted;
}

function countedD1(db: D1Database, caller: string): D1Database {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') return (query: string) => countedStatement(target.prepare(query), caller);
      if (prop === 'batch') {
        return (batch: D1PreparedStatement[]) => {
          count('d1', caller);
          count('d1Statements', caller, batch.length);
          return target.batch(batch.map((s) => statements.get(s) ?? s));
        };
      }
      if (prop === 'exec') {
        return (query: string) => {
          count('d1', caller);
          count('d1Statements', caller);
          return target.exec(query);
        };
      }
      return bound(target, prop);
    },
  });
}

/**
 * Every method call on a stub is one request to the object (RPC or `fetch`); `id` and `name` are
 * not calls. The stub answers any property name with a remote method, so nothing is bound here:
 * even `bind` would be taken for one.
 */
function countedStub(stub: DurableObjectStub, binding: string, caller: string): DurableObjectStub {
  return new Proxy(stub, {
    get(target, prop) {
      if (typeof prop !== 'string' || prop === 'then' || prop === 'id' || prop === 'name') return Reflect.get(target, prop);
      return (...args: unknown[]) => {
        count('doCalls', `${caller} → ${binding}.${prop}`);
        return (target as unknown as Record<string, (...a: unknown[]) => unknown>)[prop]!(...args);
      };
    },
  });
}

function countedNamespace(namespace: DurableObjectNamespace, binding: string, caller: string): DurableObjectNamespace {
  return new Proxy(namespace, {
    get(target, prop) {
      if (prop === 'get' || prop === 'getByName') {
        return (...args: unknown[]) => countedStub((target[prop] as (...a: unknown[]) => DurableObjectStub)(...args), binding, caller);
      }
      return bound(target, prop);
    },
  });
}

const isD1 = (b: object): b is D1Database => 'prepare' in b && 'batch' in b;
const isNamespace = (b: object): b is DurableObjectNamespace => 'idFromName' in b && 'get' in b;

/** `caller` names whose work it is in the counts: the Worker, or a Durable Object class. */
export function countedEnv<E extends object>(env: E, caller: string): E {
  const counted: Record<string, unknown> = {};
  for (const [name, binding] of Object.entries(env)) {
    if (binding === null || typeof binding !== 'object') counted[name] = binding;
    else if (isD1(binding)) counted[name] = countedD1(binding, caller);
    else if (isNamespace(binding)) counted[name] = countedNamespace(binding, name, caller);
    else counted[name] = binding;
  }
  return counted as E;
}
