/**
 * API tokens: made by admins, shown once, kept as their SHA-256 (as sessions are), revoked by
 * stamping the row, so the admin page still tells what a revoked token was.
 */
import { and, desc, eq, isNull } from 'drizzle-orm';
import { ulid } from '../../protocol/ids';
import { DEFAULT_TOKEN_RATE, type ApiScope, type ApiToken, type NewApiToken } from '../../protocol/public-api';
import type { AgentRecord } from '../auth/session';
import { randomToken, sha256 } from '../auth/encoding';
import { database } from '../db/client';
import { agents, apiTokens } from '../db/schema';
import { HttpError } from '../http/errors';

/** Tokens start so, which tells a reader (and secret scanners) what a leaked string is. */
export const TOKEN_PREFIX = 'parley_';

type TokenRow = typeof apiTokens.$inferSelect;

const shown = ({ id, name, prefix, scopes, ratePerMinute, createdBy, createdAt, lastUsedAt }: TokenRow): ApiToken => ({
  id,
  name,
  prefix,
  scopes: scopes as ApiScope[],
  ratePerMinute,
  createdBy,
  createdAt,
  lastUsedAt,
});

export async function createApiToken(
  db: D1Database,
  createdBy: string,
  { name, scopes, ratePerMinute }: { name: string; scopes: ApiScope[]; ratePerMinute?: number | undefined },
): Promise<NewApiToken> {
  const token = TOKEN_PREFIX + randomToken();
  const [row] = await database(db)
    .insert(apiTokens)
    .values({
      id: ulid(),
      name,
      tokenHash: await sha256(token),
      prefix: token.slice(0, TOKEN_PREFIX.length + 6),
      scopes: [...new Set(scopes)],
      ratePerMinute: ratePerMinute ?? DEFAULT_TOKEN_RATE,
      createdBy,
      createdAt: Date.now(),
    })
    .returning();
  return { token, apiToken: shown(row!) };
}

/** The tokens still in force, newest first. */
export async function listApiTokens(db: D1Database): Promise<ApiToken[]> {
  const rows = await database(db).select().from(apiTokens).where(isNull(apiTokens.revokedAt)).orderBy(desc(apiTokens.createdAt));
  return rows.map(shown);
}

export async function revokeApiToken(db: D1Database, id: string): Promise<ApiToken> {
  const [row] = await database(db)
    .update(apiTokens)
    .set({ revokedAt: Date.now() })
    .where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt)))
    .returning();
  if (!row) throw new HttpError(404, { code: 'not_found', message: 'No such API token' });
  return shown(row);
}

/** What a request's token turned out to be: the token, and the admin it acts as. */
export interface TokenCaller {
  token: ApiToken;
  agent: AgentRecord;
}

const unauthorized = (code: 'invalid_token' | 'token_revoked', message: string) =>
  new HttpError(401, { code, message }, { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${message}"` });

/**
 * The caller of a Bearer token, or a coded 401: no token, an unknown one, a revoked one, or one
 * whose admin is no longer an active admin (a token never outlives its maker's rights).
 */
export async function tokenCaller(db: D1Database, header: string | undefined): Promise<TokenCaller> {
  const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!bearer) {
    throw new HttpError(401, { code: 'unauthenticated', message: 'Send an API token as "Authorization: Bearer <token>"' }, { 'WWW-Authenticate': 'Bearer' });
  }
  const [found] = await database(db)
    .select({
      token: apiTokens,
      agent: {
        id: agents.id,
        email: agents.email,
        name: agents.name,
        role: agents.role,
        active: agents.active,
        capacity: agents.capacity,
        awayAfterMinutes: agents.awayAfterMinutes,
        primaryLanguage: agents.primaryLanguage,
        secondaryLanguages: agents.secondaryLanguages,
      },
    })
    .from(apiTokens)
    .innerJoin(agents, eq(agents.id, apiTokens.createdBy))
    .where(eq(apiTokens.tokenHash, await sha256(bearer)))
    .limit(1);
  if (!found) throw unauthorized('invalid_token', 'This API token is not known');
  if (found.token.revokedAt !== null) throw unauthorized('token_revoked', 'This API token was revoked');
  const { active, ...agent } = found.agent;
  if (!active || agent.role !== 'admin') throw unauthorized('token_revoked', 'The admin who made this API token is no longer an admin');
  return { token: shown(found.token), agent };
}
