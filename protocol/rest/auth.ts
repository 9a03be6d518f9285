/** Signing in and out, under `/api/auth` (`worker/routes/auth.ts`): the console's, same origin. */
import type { SignInResponse } from '../api';
import { get, post } from './endpoint';

export const auth = {
  signIn: post('/api/auth/sign-in', { body: 'SignInBody' }).answers<SignInResponse>(),
  /** The sign-up link's form: makes the invited account and signs it in. */
  join: post('/api/auth/join', { body: 'JoinBody' }).answers<SignInResponse>(),
  /** Signs out every other session of the account. */
  changePassword: post('/api/auth/password', { body: 'ChangePasswordBody' }).answers<void>(),
  signOut: post('/api/auth/sign-out').answers<void>(),
  me: get('/api/auth/me').answers<SignInResponse>(),
};
