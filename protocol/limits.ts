/** Limits both sides enforce; the server is the one that refuses. */
export const MAX_MESSAGE_CHARS = 4000;
export const MAX_NAME_CHARS = 80;
/** A frame larger than this is refused before it is parsed. */
export const MAX_FRAME_BYTES = 16 * 1024;
