/** REST bodies of the widget's own endpoints beyond starting a chat (profile, identity, rating, transcript). */
import * as v from 'valibot';
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS } from './limits';
import type { SiteStatusResponse } from './api';
import { email } from './fields';
import { trimmedText } from './parse';
import type { SiteSettings } from './site-frames';


/** The name and email the visitor gives (or changes) in the widget. At least one. */
export const ProfileBody = v.pipe(
  v.object({ name: v.optional(trimmedText(MAX_NAME_CHARS)), email: v.optional(email) }),
  v.check((b) => b.name !== undefined || b.email !== undefined, 'must give a name or an email'),
);

/** `Parley.identify()`: the site's user, signed with the site's identity secret. */
export const IdentifyBody = v.object({
  id: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200)),
  name: v.optional(trimmedText(MAX_NAME_CHARS)),
  email: v.optional(email),
  /** Hex HMAC-SHA256 of `id` with the site's identity secret. */
  hash: v.pipe(v.string(), v.regex(/^[0-9a-fA-F]{64}$/, 'must be 64 hex digits (HMAC-SHA256)')),
});

export const RatingBody = v.object({
  rating: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be 1 to 5'), v.maxValue(5, 'must be 1 to 5')),
  comment: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`))),
});

export interface RatingResponse {
  rating: { rating: number; comment: string | null };
}

/** Where to send the transcript; without it, the email the visitor gave before. */
export const TranscriptBody = v.object({ email: v.optional(email) });

export interface VisitorProfile {
  name: string | null;
  email: string | null;
  verified: boolean;
}

export interface VisitorProfileResponse {
  visitor: VisitorProfile;
}

/** What visitors may know of an agent: shown beside their messages when the site allows it. */
export interface PublicAgent {
  name: string;
  department: string | null;
  hasPhoto: boolean;
}

/** `GET /api/visitor/sites/:siteId/status`: availability, and everything the widget needs to look right. */
export interface WidgetStatusResponse extends SiteStatusResponse {
  settings: SiteSettings;
  /** The admin's words for outside business hours, shown above the message form. */
  closedMessage: string | null;
}
