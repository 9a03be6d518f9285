/** Field schemas every request body builds from, so one field is checked the same way everywhere. */
import * as v from 'valibot';
import { LANGUAGE_TAG } from './limits';

export const id = v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(64));

export const email = v.pipe(v.string(), v.trim(), v.maxLength(254), v.email('must be an email address'));

/** An email that names an account or a record: compared lower-cased. */
export const accountEmail = v.pipe(email, v.toLowerCase());

/** A new password. */
export const password = v.pipe(v.string(), v.minLength(10, 'must be at least 10 characters'), v.maxLength(200));

/** A BCP 47 tag as browsers report them, e.g. "en", "nb-NO". */
export const languageTag = v.pipe(v.string(), v.maxLength(35), v.regex(LANGUAGE_TAG, 'must be a language tag such as "en" or "nb"'));
