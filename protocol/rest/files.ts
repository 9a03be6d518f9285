/**
 * Attachments, under `/api/files` (`worker/routes/files.ts`), for visitors (token) and agents
 * (session) alike. Neither is JSON in: uploads are multipart (sent with progress, or as a form),
 * downloads are bytes (an object URL in the widget, a link in the console).
 */
import type { Attachment } from '../chat';
import { get, post } from './endpoint';

export const files = {
  /** multipart/form-data: `files` (1 to 5), and `private=true` for a private note's files. */
  upload: post('/api/files/conversations/:conversationId').answers<{ files: Attachment[] }>(),
  download: get('/api/files/:id').answers<Blob>(),
};
