/** Uploads files to a chat through the files API; checks the limits first so errors come at once. */
import type { Attachment } from '../../protocol/chat';
import { FILE_TYPES, MAX_ATTACHMENTS, MAX_FILE_BYTES } from '../../protocol/limits';
import { failureOf } from '../../protocol/client/rest-client';
import { pathOf } from '../../protocol/rest/endpoint';
import { files as fileEndpoints } from '../../protocol/rest/files';

/** Why these files cannot be sent, or null. */
export function checkFiles(files: File[]): string | null {
  if (files.length > MAX_ATTACHMENTS) return `Send at most ${MAX_ATTACHMENTS} files at a time.`;
  for (const file of files) {
    if (!FILE_TYPES.test(file.type)) return `${file.name}: only text, PDF and images (PNG, JPEG, GIF, WebP) can be sent.`;
    if (file.size > MAX_FILE_BYTES) return `${file.name} is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB.`;
  }
  return null;
}

export async function uploadFiles(conversationId: string, files: File[], privately: boolean): Promise<Attachment[]> {
  const form = new FormData();
  for (const file of files) form.append('files', file);
  if (privately) form.append('private', 'true');
  const res = await fetch(pathOf(fileEndpoints.upload, { conversationId }), { method: 'POST', body: form, credentials: 'same-origin' });
  const data = (await res.json().catch(() => null)) as { files?: Attachment[] } | null;
  if (!res.ok || !data?.files) throw failureOf(res.status, data, `Upload failed (${res.status})`);
  return data.files;
}
