/** Limits both sides know of; the server is the one that enforces them. */
export const MAX_MESSAGE_CHARS = 4000;
export const MAX_NAME_CHARS = 80;
/** A frame larger than this is refused before it is parsed. */
export const MAX_FRAME_BYTES = 16 * 1024;
/** Each socket may send a burst of this many frames… */
export const FRAME_BURST = 30;
/** …and then this many a second, sustained. */
export const FRAMES_PER_SECOND = 10;
/**
 * A visitor's messages to one chat, summed over all their sockets to it: a burst of this many
 * (more than one socket's, so a single tab meets its own limit first)…
 */
export const CHAT_MESSAGE_BURST = 2 * FRAME_BURST;
/** …then this many a second. A person types far slower; a script opening many tabs gets no more. */
export const CHAT_MESSAGES_PER_SECOND = 3;
/** A BCP 47 language tag as browsers report them: "en", "nb-NO", "zh-Hant-TW". */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
/**
 * Files per message, and each file's size and kinds: plain text and CSV (no other text type: HTML,
 * SVG or XML could run as a page), PDF, raster images.
 */
export const MAX_ATTACHMENTS = 5;
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const FILE_TYPES = /^(text\/(plain|csv)|application\/pdf|image\/(png|jpeg|gif|webp))$/;
/** The only kinds shown in place (inline, or as a preview); everything else is a download. */
export const RASTER_IMAGE_TYPES = /^image\/(png|jpeg|gif|webp)$/;
/** An agent's menu of answers. */
export const MAX_CHOICES = 10;
export const MAX_CHOICE_CHARS = 100;
