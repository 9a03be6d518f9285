import { applyD1Migrations, env, reset } from 'cloudflare:test';
import { beforeEach } from 'vitest';
import { demoSeedSql } from '../demo/demo-data';

// Every test starts from the seeded demo and nothing else: no agent online, no chat waiting.
beforeEach(async () => {
  await reset();
  await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
  await env.DB.batch((await demoSeedSql()).map((sql) => env.DB.prepare(sql)));
});
