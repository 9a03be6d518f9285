import type { ApiToken } from '../../protocol/public-api';
import type { AgentRecord } from '../auth/session';
import type { VisitorClaims } from '../auth/visitor-token';
import type { Env } from '../env';

/** What Hono's context carries: the bindings, and who the middleware found the caller to be. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    agent: AgentRecord;
    visitor: VisitorClaims;
    /** A public API call's token (`worker/api/bearer.ts`); `agent` is then the admin it acts as. */
    apiToken: ApiToken;
  };
}
