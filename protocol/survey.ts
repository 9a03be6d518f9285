/**
 * Pre-chat answers checked against a site's survey. The widget runs it before sending, so the
 * visitor sees the problem at once; the server runs it again, since only its answer counts.
 */
import type { ApiError } from './errors';
import type { SurveyField } from './chat';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** Account numbers as shops print them: letters, digits, dashes, 3 to 40 of them. */
const ACCOUNT = /^[A-Za-z0-9-]{3,40}$/;

/** The first answer at fault, as an error naming `answers.<field>`; null when all are fine. */
export function checkAnswers(survey: readonly SurveyField[], answers: Record<string, string>): ApiError | null {
  // With a survey, only its questions may be answered (routing rules read the answers); a site
  // without one takes answers as given, as before surveys existed.
  const known = new Set(survey.map((f) => f.name));
  const stray = survey.length ? Object.keys(answers).find((name) => !known.has(name)) : undefined;
  if (stray) return fault(stray, 'is not a question of this survey');
  for (const field of survey) {
    const value = answers[field.name]?.trim() ?? '';
    if (!value) {
      if (field.required) return fault(field.name, `${field.label} is required`);
      continue;
    }
    if (field.kind === 'email' && !EMAIL.test(value)) return fault(field.name, `${field.label} must be an email address`);
    if (field.kind === 'account' && !ACCOUNT.test(value)) return fault(field.name, `${field.label} must be 3 to 40 letters, digits or dashes`);
    if (field.kind === 'choice' && !(field.options ?? []).includes(value))
      return fault(field.name, `${field.label} must be one of: ${(field.options ?? []).join(', ')}`);
  }
  return null;
}

/** The first email the visitor gave in the survey, to reach them after the chat. */
export function surveyEmail(survey: readonly SurveyField[], answers: Record<string, string>): string | null {
  const field = survey.find((f) => f.kind === 'email' && answers[f.name]?.trim());
  return field ? answers[field.name]!.trim() : null;
}

function fault(name: string, message: string): ApiError {
  const field = `answers.${name}`;
  return { code: 'invalid_request', message: `${field}: ${message}`, field };
}
