/**
 * Files that came with a customer's mail to a ticket: in R2 under the ticket, listed on the
 * ticket message that carried them, and read by whoever may see the ticket (`requireTicket`).
 */
import type { Attachment } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import type { Env } from '../env';
import { fileName } from '../files/file-store';

/** Where a ticket's files live in R2. */
export const ticketFilesPrefix = (ticketId: string) => `tickets/${ticketId}/`;

/** Stores one file (already checked as uploads are, `checkFiles`). */
export async function storeTicketFile(env: Env, ticketId: string, file: File): Promise<Attachment> {
  const attachment: Attachment = { id: ulid(), name: fileName(file.name), type: file.type, size: file.size };
  await env.FILES.put(`${ticketFilesPrefix(ticketId)}${attachment.id}`, file.stream(), {
    httpMetadata: { contentType: file.type },
    customMetadata: { name: attachment.name },
  });
  return attachment;
}

export const ticketFileBody = (env: Env, ticketId: string, fileId: string) => env.FILES.get(`${ticketFilesPrefix(ticketId)}${fileId}`);
