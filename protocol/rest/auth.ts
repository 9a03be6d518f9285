/** Signing in and out, under `/api/auth` (`worker/routes/auth.ts`): the console's, same origin. */
import type { ChallengeResponse, SignInResponse } from '../api';
import { get, post } from './endpoint';

export const auth = {
  signIn: post('/api/auth/sign-in', { body: 'SignInBody' }).answers<SignInResponse>(),
  /** The Turnstile site key for the challenge a refused sign-in may ask for. */
  challenge: get('/api/auth/challenge').answers<ChallengeResponse>(),
  /** The sign-up link's form: makes the invited account and signs it in. */
  join: post('/api/auth/join', { body: 'JoinBody' }).answers<SignInResponse>(),
  /** Signs out every other session of the account. */
  changePassword: post('/api/auth/password', { body: 'ChangePasswordBody' }).answers<void>(),
  signOut: post('/api/auth/sign-out').answers<void>(),
  me: get('/api/auth/me').answers<SignInResponse>(),
};
