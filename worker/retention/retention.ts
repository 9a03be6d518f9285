/**
 * Data retention: each site keeps ended conversations `retention_days` (0: forever). The daily
 * cron deletes older ones whole: D1 rows (messages, attachments, the conversation), the files in
 * R2 and the Conversation DO's storage; then logs and audits the count per site.
 */
import { and, eq, gt, inArray, lt, notInArray } from 'drizzle-orm';
import { audit } from '../audit/audit';
import { database } from '../db/client';
import { attachments, conversationLabels, conversations, messages, sites } from '../db/schema';
import { conversationStub, type Env } from '../env';
import { filesPrefix } from '../files/file-store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Conversations deleted per D1 query, to keep each statement small. */
const BATCH = 50;

export interface RetentionReport {
  siteId: string;
  conversations: number;
  files: number;
  /** Conversations that could not be deleted this time (logged; tried again tomorrow). */
  failed: number;
}

export async function runRetention(env: Env, now = Date.now()): Promise<RetentionReport[]> {
  const d = database(env.DB);
  const reports: RetentionReport[] = [];
  for (const site of await d.select({ id: sites.id, days: sites.retentionDays }).from(sites).where(gt(sites.retentionDays, 0))) {
    const cutoff = now - site.days * DAY_MS;
    const report: RetentionReport = { siteId: site.id, conversations: 0, files: 0, failed: 0 };
    // One conversation that fails (an R2 or DO error) must not stop the others, nor come back forever.
    const failed: string[] = [];
    for (;;) {
      const old = await d
        .select({ id: conversations.id })
        .from(conversations)
        .where(
          and(
            eq(conversations.siteId, site.id),
            inArray(conversations.status, ['ended', 'missed']),
            lt(conversations.updatedAt, cutoff),
            failed.length ? notInArray(conversations.id, failed) : undefined,
          ),
        )
        .limit(BATCH);
      if (old.length === 0) break;
      for (const { id } of old) {
        try {
          report.files += await deleteConversation(env, id);
          report.conversations++;
        } catch (err) {
          console.error(`[retention] ${site.id}: could not delete conversation ${id}; will try again tomorrow`, err);
          failed.push(id);
        }
      }
    }
    report.failed = failed.length;
    if (report.conversations === 0 && report.failed === 0) continue;
    console.log(`[retention] ${site.id}: deleted ${report.conversations} conversations and ${report.files} files older than ${site.days} days; ${report.failed} failed`);
    await audit(env.DB, null, 'retention.deleted', site.id, { conversations: report.conversations, files: report.files, failed: report.failed, olderThanDays: site.days });
    reports.push(report);
  }
  return reports;
}

/** Deletes one conversation everywhere it lives; returns how many files went with it. */
async function deleteConversation(env: Env, id: string): Promise<number> {
  let files = 0;
  let cursor: string | undefined;
  do {
    const listed = await env.FILES.list({ prefix: filesPrefix(id), cursor });
    if (listed.objects.length) await env.FILES.delete(listed.objects.map((o) => o.key));
    files += listed.objects.length;
    cursor = listed.truncated ? listed.cursor : undefined;
  } while (cursor);
  await conversationStub(env, id).purge();
  const d = database(env.DB);
  await d.batch([
    d.delete(messages).where(eq(messages.conversationId, id)),
    d.delete(attachments).where(eq(attachments.conversationId, id)),
    d.delete(conversationLabels).where(eq(conversationLabels.conversationId, id)),
    d.delete(conversations).where(eq(conversations.id, id)),
  ]);
  return files;
}
