/**
 * What a message may carry besides its text, checked against who sends it: private notes,
 * choices and cards are for agents; an answer must be one of the choices it answers; files must
 * be ones the sender uploaded to this chat.
 */
import type { Attachment, ChatMessage } from '../../protocol/chat';
import type { ClientFrame } from '../../protocol/conversation-frames';
import type { ErrorCode } from '../../protocol/errors';
import type { SocketIdentity } from '../sockets/socket-identity';
import type { NewMessage } from './message-log';

export type MessageContent = Pick<NewMessage, 'private' | 'attachments' | 'choices' | 'replyTo' | 'card'>;
type Refusal = { error: { code: ErrorCode; message: string; field: string } };

/** A file as the chat keeps it once uploaded: who may send it, and what it is. */
export interface UploadedFile {
  uploaderId: string;
  attachment: Attachment;
}

/** What the check needs of the chat: the message an answer replies to, and an uploaded file. */
export interface ContentLookups {
  asked(seq: number): ChatMessage | undefined;
  file(id: string): UploadedFile | undefined;
}

export function messageContent(who: SocketIdentity, frame: Extract<ClientFrame, { type: 'message' }>, chat: ContentLookups): MessageContent | Refusal {
  const refuse = (field: string, message: string, code: ErrorCode = 'forbidden'): Refusal => ({ error: { code, message, field } });
  if (who.role !== 'agent') {
    if (frame.private) return refuse('private', 'Only agents send private messages');
    if (frame.choices) return refuse('choices', 'Only agents send choices');
    if (frame.card) return refuse('card', 'Only agents send cards');
  }
  const content: MessageContent = {};
  if (frame.private) content.private = true;
  if (frame.choices) content.choices = frame.choices;
  if (frame.card) content.card = frame.card;
  if (frame.replyTo !== undefined) {
    const asked = chat.asked(frame.replyTo);
    if (!asked?.choices) return refuse('replyTo', 'That message has no choices to answer', 'invalid_frame');
    if (!asked.choices.includes(frame.text)) return refuse('text', 'The answer must be one of the choices', 'invalid_frame');
    content.replyTo = frame.replyTo;
  }
  if (frame.attachments) {
    const files: Attachment[] = [];
    for (const id of new Set(frame.attachments)) {
      const file = chat.file(id);
      if (file?.uploaderId !== who.id) return refuse('attachments', `No file "${id}" uploaded by you to this chat`, 'not_found');
      files.push(file.attachment);
    }
    content.attachments = files;
  }
  return content;
}
