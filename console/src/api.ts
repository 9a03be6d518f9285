/** The console's REST client: same origin, so every call carries the session cookie. */
import { restClient } from '../../protocol/client/rest-client';

export const call = restClient();
