/**
 * The fragment a continuation link carries, `#parley-continue=<token>`: made by the Worker
 * (`worker/conversation/unread-replies.ts`), taken by the widget (`widget/app/continuation.ts`).
 * The loader spells it out once to stay small (`widget/loader/loader.ts`).
 */
export const CONTINUE_PARAM = 'parley-continue';
