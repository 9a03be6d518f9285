/**
 * The admin API's request bodies (validated by the server, shared with the console's forms) and
 * what it answers. Mounted at `/api/admin`; see docs/admin.md.
 */
import * as v from 'valibot';
import { AGENT_ROLES, DEFAULT_LIFECYCLE, type AgentRole, type BusinessHours, type Lifecycle, type ProactiveRule, type SurveyField, type WidgetSettings } from './chat';
import { accountEmail as email, id, languageTag as language, password } from './fields';
import { MAX_MESSAGE_CHARS, MAX_NAME_CHARS } from './limits';
import { trimmedText } from './parse';

const role = v.picklist(AGENT_ROLES, 'must be admin, supervisor or agent');
const unique = <T>(items: T[]) => new Set(items).size === items.length;
const idList = v.pipe(v.array(id), v.maxLength(100), v.check(unique, 'must not repeat an id'));

/** An agent's photo: images only, at most 2 MB. */
export const MAX_PHOTO_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = /^image\/(png|jpeg|gif|webp)$/;
/** How long a sign-up link works. */
export const INVITE_DAYS = 7;

export const InviteAgentBody = v.object({
  email,
  name: trimmedText(MAX_NAME_CHARS),
  role,
  queueIds: v.optional(idList, []),
});

/** The sign-up link's page: the invited person picks their name and password. */
export const JoinBody = v.object({
  token: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200)),
  name: trimmedText(MAX_NAME_CHARS),
  password,
});

/** Only the fields sent change. `active: false` deactivates: the agent's sessions end at once. */
export const UpdateAgentBody = v.object({
  name: v.optional(trimmedText(MAX_NAME_CHARS)),
  role: v.optional(role),
  queueIds: v.optional(idList),
  capacity: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be 1 to 6'), v.maxValue(6, 'must be 1 to 6'))),
  primaryLanguage: v.optional(language),
  secondaryLanguages: v.optional(v.pipe(v.array(language), v.maxLength(10, 'must have at most 10 languages'))),
  department: v.optional(v.nullable(v.pipe(v.string(), v.trim(), v.maxLength(MAX_NAME_CHARS, `must be at most ${MAX_NAME_CHARS} characters`)))),
  active: v.optional(v.boolean('must be true or false')),
  /** With no console open, or an idle one in a hidden tab, this long: the agent goes away by themself. */
  awayAfterMinutes: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(1, 'must be 1 to 240'), v.maxValue(240, 'must be 1 to 240'))),
});

export const ResetPasswordBody = v.object({ password });

export const ChangePasswordBody = v.object({
  current: v.pipe(v.string(), v.minLength(1, 'must not be empty'), v.maxLength(200)),
  password,
});

export const QueueBody = v.object({
  siteId: id,
  name: trimmedText(MAX_NAME_CHARS),
  offerTimeoutSeconds: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(5, 'must be 5 to 300'), v.maxValue(300, 'must be 5 to 300')), 30),
});

export const UpdateQueueBody = v.object({
  name: v.optional(trimmedText(MAX_NAME_CHARS)),
  offerTimeoutSeconds: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(5, 'must be 5 to 300'), v.maxValue(300, 'must be 5 to 300'))),
});

export const QueueMembersBody = v.object({ agentIds: idList });

/** "https://shop.example" or "http://localhost:8080": a scheme, a host, a port, nothing else. */
const origin = v.pipe(
  v.string(),
  v.trim(),
  v.check((text) => {
    try {
      const url = new URL(text);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === text;
    } catch {
      return false;
    }
  }, 'must be an origin such as https://shop.example (no path, no trailing slash)'),
);

export const SiteBody = v.object({
  name: trimmedText(MAX_NAME_CHARS),
  allowedOrigins: v.optional(v.pipe(v.array(origin), v.maxLength(20, 'must have at most 20 origins')), []),
  chatEnabled: v.optional(v.boolean('must be true or false'), true),
  /** Chats and messages left need a Turnstile challenge (spam is flooding in). */
  underAttack: v.optional(v.boolean('must be true or false'), false),
});

export const UpdateSiteBody = v.partial(SiteBody);

export const WidgetSettingsBody = v.object({
  color: v.pipe(v.string(), v.regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #2456d6'), v.toLowerCase()),
  title: trimmedText(60),
  greeting: v.pipe(v.string(), v.trim(), v.maxLength(300, 'must be at most 300 characters')),
  position: v.picklist(['right', 'left'], 'must be right or left'),
  language: v.picklist(['en', 'de', 'es', 'fr'], 'must be en, de, es or fr'),
  showAgentPhoto: v.boolean('must be true or false'),
  showDepartment: v.boolean('must be true or false'),
  soundOn: v.boolean('must be true or false'),
}) satisfies v.GenericSchema<unknown, WidgetSettings>;

const FIELD_NAME = /^[a-z][a-z0-9_]{0,39}$/;

const SurveyFieldSchema = v.pipe(
  v.object({
    name: v.pipe(v.string(), v.regex(FIELD_NAME, 'must be lower case letters, digits and _ (e.g. "topic")')),
    label: trimmedText(MAX_NAME_CHARS),
    kind: v.picklist(['text', 'email', 'choice', 'account'], 'must be text, email, choice or account'),
    required: v.boolean('must be true or false'),
    options: v.optional(v.pipe(v.array(trimmedText(MAX_NAME_CHARS)), v.maxLength(10, 'must have at most 10 options'), v.check(unique, 'must not repeat an option'))),
  }),
  v.forward(
    v.check((f) => f.kind !== 'choice' || (f.options?.length ?? 0) > 0, 'a choice needs at least one option'),
    ['options'],
  ),
) satisfies v.GenericSchema<unknown, SurveyField>;

/** "Answer `value` to field `field` goes to queue `queueId`"; the first matching rule wins. */
const RoutingRuleSchema = v.object({
  field: v.pipe(v.string(), v.regex(FIELD_NAME, 'must be a survey field name or "language"')),
  value: trimmedText(MAX_NAME_CHARS),
  queueId: id,
});

export const SurveyBody = v.pipe(
  v.object({
    fields: v.pipe(v.array(SurveyFieldSchema), v.maxLength(10, 'must have at most 10 fields'), v.check((fs) => unique(fs.map((f) => f.name)), 'must not repeat a field name')),
    rules: v.pipe(v.array(RoutingRuleSchema), v.maxLength(50, 'must have at most 50 rules')),
  }),
  v.forward(
    v.check(({ fields, rules }) => rules.every((r) => r.field === 'language' || fields.some((f) => f.name === r.field)), 'each rule must name a survey field or "language"'),
    ['rules'],
  ),
);

export const ProactiveRulesBody = v.object({
  rules: v.pipe(
    v.array(
      v.object({
        /** Kept when given, so widgets still know which invitations a visitor has seen. */
        id: v.optional(v.pipe(v.string(), v.regex(/^[0-9A-Z]{26}$/, 'must be a rule id the server gave'))),
        message: trimmedText(300),
        afterSeconds: v.optional(v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 to 3600'), v.maxValue(3600, 'must be 0 to 3600'))),
        urlPattern: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'), v.maxLength(500))),
        returningOnly: v.optional(v.boolean('must be true or false')),
      }),
    ),
    v.maxLength(10, 'must have at most 10 rules'),
  ),
});

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const span = v.pipe(
  v.tuple([v.pipe(v.string(), v.regex(TIME, 'must be a time HH:MM')), v.pipe(v.string(), v.regex(TIME, 'must be a time HH:MM'))]),
  v.check(([from, to]) => from < to, 'must end after it starts'),
);
export const validTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
// A month 13 is an Invalid Date, whose toISOString throws: checked before.
export const validDate = (text: string) => {
  const date = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
};

export const BusinessHoursSchema = v.object({
  timeZone: v.pipe(v.string(), v.maxLength(64), v.check(validTimeZone, 'must be a time zone such as Europe/Oslo')),
  days: v.record(v.picklist(['0', '1', '2', '3', '4', '5', '6'], 'must be a weekday 0 (Sunday) to 6'), v.pipe(v.array(span), v.maxLength(4, 'must have at most 4 spans a day'))),
  holidays: v.optional(v.pipe(v.array(v.pipe(v.string(), v.check(validDate, 'must be a date YYYY-MM-DD'))), v.maxLength(100, 'must have at most 100 holidays'))),
  closedMessage: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(500, 'must be at most 500 characters'))),
}) satisfies v.GenericSchema<unknown, BusinessHours>;

/** `hours: null` means always open. */
export const BusinessHoursBody = v.object({ hours: v.nullable(BusinessHoursSchema) });

const minutes = (min: number, max: number) =>
  v.pipe(v.number('must be a number'), v.integer('must be a whole number of minutes'), v.minValue(min, `must be ${min} to ${max} minutes`), v.maxValue(max, `must be ${min} to ${max} minutes`));

/** When the site's chats end by themselves (`Lifecycle`); a day at most, so no chat waits forever. */
export const LifecycleBody = v.object({
  visitorLeftMinutes: minutes(1, 1440),
  inactivityMinutes: minutes(2, 1440),
  missedMinutes: minutes(1, 1440),
  reopenMinutes: minutes(0, 1440),
  // Optional, so a client written before it existed keeps working: absent is the default.
  replyMailSeconds: v.optional(
    v.pipe(
      v.number('must be a number'),
      v.integer('must be a whole number of seconds'),
      v.check((s) => s === 0 || (s >= 10 && s <= 86_400), 'must be 0 (never) or 10 to 86400 seconds'),
    ),
    DEFAULT_LIFECYCLE.replyMailSeconds,
  ),
});

export const RetentionBody = v.object({
  retentionDays: v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must be 0 (keep forever) to 3650'), v.maxValue(3650, 'must be 0 (keep forever) to 3650')),
});

/** The audit log's page before a time: `?before=<createdAt>` of the oldest entry shown. */
export const AuditQuery = v.object({ before: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'must be a time in Unix milliseconds'), v.transform(Number))) });

export const PredefinedBody = v.object({
  title: trimmedText(MAX_NAME_CHARS),
  text: trimmedText(MAX_MESSAGE_CHARS),
  /** null: shared by every queue. */
  queueId: v.nullable(id),
});

// Responses

export interface AdminAgent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  department: string | null;
  hasPhoto: boolean;
  active: boolean;
  capacity: number;
  awayAfterMinutes: number;
  primaryLanguage: string;
  secondaryLanguages: string[];
  queueIds: string[];
}

export interface InviteResponse {
  /** The sign-up link, also mailed; shown to the admin so they can pass it on when mail is off. */
  link: string;
  mail: 'kept' | 'sent' | 'failed';
}

export interface AdminQueue {
  id: string;
  siteId: string;
  name: string;
  offerTimeoutSeconds: number;
  agentIds: string[];
}

export interface RoutingRule {
  field: string;
  value: string;
  queueId: string;
}

export interface AdminSite {
  id: string;
  name: string;
  allowedOrigins: string[];
  chatEnabled: boolean;
  underAttack: boolean;
  /** Whether an identity secret exists; the secret itself is shown only when made. */
  identitySecretSet: boolean;
  widget: WidgetSettings;
  survey: SurveyField[];
  routingRules: RoutingRule[];
  proactiveRules: ProactiveRule[];
  businessHours: BusinessHours | null;
  retentionDays: number;
  lifecycle: Lifecycle;
}

/** Creating a site or rotating its secret: the only time the secret is shown. */
export interface SiteSecretResponse {
  site: AdminSite;
  identitySecret: string;
}

export interface AdminBan {
  id: string;
  siteId: string;
  visitorId: string;
  ip: string | null;
  reason: string;
  createdBy: string;
  createdAt: number;
}

export interface AuditEntry {
  id: string;
  agentId: string | null;
  agentName: string | null;
  action: string;
  target: string;
  detail: Record<string, unknown>;
  createdAt: number;
}
