/**
 * Attachments in R2: uploaded before the message that carries them, then named in the message
 * frame by id. A file belongs to one conversation and is seen by whoever may see that
 * conversation (`conversation/access.ts`); a private file (sent in a private note) by its agents only.
 */
import { eq } from 'drizzle-orm';
import type { Attachment } from '../../protocol/chat';
import { ulid } from '../../protocol/ids';
import { FILE_TYPES, MAX_FILE_BYTES } from '../../protocol/limits';
import { database } from '../db/client';
import { attachments } from '../db/schema';
import { conversationStub, type Env } from '../env';
import { HttpError } from '../http/errors';
import { wrongKind } from './file-signature';

export type FileRow = typeof attachments.$inferSelect;

/** Where a conversation's files live in R2; retention deletes everything under it. */
export const filesPrefix = (conversationId: string) => `files/${conversationId}/`;
const fileKey = (conversationId: string, fileId: string) => `${filesPrefix(conversationId)}${fileId}`;

/** Refuses a file of a type we do not send, too big, or whose bytes are not its type, naming it and its place in the form. */
export async function checkFiles(files: File[]): Promise<void> {
  for (const [index, file] of files.entries()) {
    const field = `files.${index}`;
    if (!FILE_TYPES.test(file.type)) {
      throw new HttpError(415, {
        code: 'unsupported_file_type',
        message: `${file.name}: only text, PDF and images (PNG, JPEG, GIF, WebP) can be sent`,
        field,
      });
    }
    if (file.size > MAX_FILE_BYTES) {
      throw new HttpError(413, { code: 'file_too_large', message: `${file.name}: files may be at most 20 MB`, field });
    }
    const claimed = await wrongKind(file);
    if (claimed) throw new HttpError(415, { code: 'unsupported_file_type', message: `${file.name}: the file is not the ${claimed} it says it is`, field });
  }
}

/**
 * The name as it is shown: without bidirectional controls, which can make "report‮txt.exe" read
 * as "reportexe.txt", and without other control characters; at most 200 characters.
 */
export const fileName = (name: string) => name.replace(/[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '').slice(0, 200) || 'file';

/** Stores one checked file: R2, its D1 row, and the conversation's own list of what the uploader may send. */
export async function storeFile(
  env: Env,
  conversationId: string,
  uploader: { role: 'visitor' | 'agent'; id: string },
  file: File,
  isPrivate: boolean,
): Promise<Attachment> {
  const attachment: Attachment = { id: ulid(), name: fileName(file.name), type: file.type, size: file.size };
  await env.FILES.put(fileKey(conversationId, attachment.id), file.stream(), { httpMetadata: { contentType: file.type } });
  await database(env.DB).insert(attachments).values({
    ...attachment,
    conversationId,
    uploaderRole: uploader.role,
    uploaderId: uploader.id,
    private: isPrivate,
    createdAt: Date.now(),
  });
  await conversationStub(env, conversationId).registerAttachment(uploader.id, attachment);
  return attachment;
}

export async function fileRow(db: D1Database, id: string): Promise<FileRow | null> {
  const [row] = await database(db).select().from(attachments).where(eq(attachments.id, id)).limit(1);
  return row ?? null;
}

export const fileBody = (env: Env, file: FileRow) => env.FILES.get(fileKey(file.conversationId, file.id));
