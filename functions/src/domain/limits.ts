// Every limit the app enforces, written once. firestore.rules repeats the numbers it needs and
// tests/rules/limits.test.ts proves the two agree.

export const USERNAME_MIN_LENGTH = 2
export const USERNAME_MAX_LENGTH = 20

export const ROOM_TITLE_MAX_LENGTH = 60
export const ROOM_CAPACITY_MIN = 2
export const ROOM_CAPACITY_MAX = 100
export const ROOM_PASSWORD_MIN_LENGTH = 4
export const ROOM_PASSWORD_MAX_LENGTH = 64

export const MESSAGE_TEXT_MAX_LENGTH = 2000
/** Messages read when a room opens, and per "load older" page. */
export const MESSAGE_PAGE_SIZE = 50
/** Largest `limit` a client message query may carry (rules refuse more). */
export const MESSAGE_QUERY_LIMIT_MAX = 100
/** Largest `limit` a client `users` list query may carry. */
export const USERS_QUERY_LIMIT_MAX = 20

export const ITEM_TITLE_MAX_LENGTH = 80
export const ITEM_DESCRIPTION_MAX_LENGTH = 2000
export const ITEM_PRICE_MAX = 1_000_000_000
export const ITEM_PAGE_SIZE = 20

/** A member writes presence (`typingAt`, `activeAt`) at most this often. */
export const PRESENCE_WRITE_INTERVAL_MS = 5_000
/** A member counts as typing this long after their last `typingAt`. */
export const TYPING_VISIBLE_MS = 8_000
/** A member counts as online this long after their last `activeAt`. */
export const ONLINE_WINDOW_MS = 60_000

/** Wrong room passwords allowed per user and room within the window. */
export const PASSWORD_ATTEMPTS_MAX = 5
export const PASSWORD_ATTEMPT_WINDOW_MS = 10 * 60_000

// Chat features (issue 13).
/** A sender may edit their text message this long after sending it. */
export const MESSAGE_EDIT_WINDOW_MS = 15 * 60_000
/** Characters of the original a reply quotes. */
export const REPLY_SNIPPET_MAX_LENGTH = 140
/** Characters of the note a report may carry. */
export const REPORT_NOTE_MAX_LENGTH = 500

/** Photos of one item, in display order; the first is the cover. */
export const ITEM_PHOTOS_MAX = 10
/** Bytes of one stored photo (`items/{id}/photos/{id}.data`, `rooms/{id}/photos/{id}.data`). */
export const PHOTO_BYTES_MAX = 400 * 1024
/** Bytes of a thumbnail (`items/{id}.cover`, a photo message's `photo.thumb`). */
export const PHOTO_THUMB_BYTES_MAX = 24 * 1024
/** Largest width or height of a stored photo, in pixels. */
export const PHOTO_DIMENSION_MAX = 2048
/** Longest side the browser scales a photo to before upload. */
export const PHOTO_LONG_SIDE = 1600
/** Longest side of a thumbnail. */
export const PHOTO_THUMB_LONG_SIDE = 320
