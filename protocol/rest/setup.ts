/** The first run of a fresh deployment, under `/api/setup` (`worker/routes/setup.ts`). */
import type { SetupResponse } from '../api';
import { get, post } from './endpoint';

export const setup = {
  needed: get('/api/setup').answers<{ needed: boolean }>(),
  /** Whoever holds the setup token creates the first admin, site and queue, and is signed in. */
  run: post('/api/setup', { body: 'SetupBody' }).answers<SetupResponse>(),
};
