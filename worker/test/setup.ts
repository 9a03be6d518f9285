import { applyD1Migrations, env } from 'cloudflare:test';
import { demoSeedSql } from '../demo/demo-data';

// Storage is per test file; the setup runs before each file, so both steps must be idempotent.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
await env.DB.batch((await demoSeedSql()).map((sql) => env.DB.prepare(sql)));
