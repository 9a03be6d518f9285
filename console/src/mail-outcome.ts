/**
 * What the agent is told after asking for a mail: what really happened to it. Locally, or before
 * the owner sets up a mail service, a mail is only kept (readable under Mails), and saying "sent"
 * would be untrue.
 */
import type { SentMail } from '../../protocol/workspace';

export function mailOutcome(what: string, mail: SentMail): { text: string; isError: boolean } {
  switch (mail.status) {
    case 'sent':
      return { text: `${what} sent to ${mail.to}`, isError: false };
    case 'kept':
      return { text: `${what} kept, not sent: no mail service is set up (an admin finds it under Mails; docs/email.md says how to send)`, isError: false };
    case 'failed':
      return { text: `${what} could not be sent to ${mail.to}; try again later`, isError: true };
  }
}
