// Every limit the app enforces, written once. firestore.rules repeats the numbers it needs and
// tests/rules/limits.test.ts proves the two agree.

export const USERNAME_MIN_LENGTH = 2
export const USERNAME_MAX_LENGTH = 20
/** A released username stays its last owner's for this long; nobody else may claim it. */
export const USERNAME_HOLD_MS = 30 * 24 * 60 * 60_000

export const ROOM_TITLE_MAX_LENGTH = 60
export const ROOM_CAPACITY_MIN = 2
export const ROOM_CAPACITY_MAX = 100
/**
 * The capacity an open room holds to: its own, or ROOM_CAPACITY_MAX when none was given (then
 * createRoom stores ROOM_CAPACITY_MAX; open rooms created before that store null).
 */
export const openRoomCapacity = (capacity: number | null): number => capacity ?? ROOM_CAPACITY_MAX
/** A room's capacity as joins hold to it and pages show it; none for an item room (ITEM_CHAT_*). */
export const roomCapacity = (room: { kind: string; capacity: number | null }): number | null =>
  room.kind === 'open' ? openRoomCapacity(room.capacity) : room.capacity
export const ROOM_PASSWORD_MIN_LENGTH = 6
export const ROOM_PASSWORD_MAX_LENGTH = 64

export const MESSAGE_TEXT_MAX_LENGTH = 2000
/** Messages read when a room opens, and per "load older" page. */
export const MESSAGE_PAGE_SIZE = 50
/** Largest `limit` a client message query may carry (rules refuse more). */
export const MESSAGE_QUERY_LIMIT_MAX = 100

export const ITEM_TITLE_MAX_LENGTH = 80
export const ITEM_DESCRIPTION_MAX_LENGTH = 2000
export const ITEM_PRICE_MAX = 1_000_000_000
export const ITEM_PAGE_SIZE = 20

/** A member writes presence (`typingAt`, `activeAt`) at most this often (client throttle). */
export const PRESENCE_WRITE_INTERVAL_MS = 5_000
/** The rules refuse a `typingAt` / `activeAt` newer than the previous one by less than this. */
export const PRESENCE_MIN_INTERVAL_MS = 4_000
/**
 * The rules refuse a `lastReadAt` newer than the previous one by less than this: every member
 * write runs the roster trigger, so no mark may be written as often as a client can.
 */
export const READ_MARK_MIN_INTERVAL_MS = 1_000
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

/** Wrong passwords a room accepts from everyone together within any window (fresh accounts too). */
export const ROOM_WRONG_PASSWORDS_MAX = 30
export const ROOM_WRONG_PASSWORD_WINDOW_MS = 60 * 60_000

/** Messages one member may send in one room within any window (rules: `sendLog`). */
export const MESSAGES_PER_WINDOW = 5
export const MESSAGE_WINDOW_MS = 5_000

/** Rooms one account may create within any window, and open rooms it may own at once. */
export const ROOMS_CREATED_PER_WINDOW = 5
export const ROOM_CREATE_WINDOW_MS = 60 * 60_000
export const OPEN_ROOMS_OWNED_MAX = 10

/** joinRoom / leaveRoom / openItemRoom calls that change a membership, per account and window. */
export const MEMBERSHIP_CHANGES_PER_WINDOW = 20
export const MEMBERSHIP_WINDOW_MS = 60_000
/** An account's joining is announced in one room at most once within this time. */
export const ANNOUNCE_INTERVAL_MS = 60_000

/**
 * An item's chat, bounded by the room and not only per account (a flood of free accounts): at
 * most ITEM_CHAT_BUYERS_MAX buyers in it at once (the seller comes on top and is never refused),
 * and at most ITEM_CHAT_JOINS_PER_WINDOW buyers let in within any ITEM_CHAT_JOIN_WINDOW_MS. So
 * its readers get at most (ITEM_CHAT_BUYERS_MAX + 1) × MESSAGES_PER_WINDOW message writes in any
 * MESSAGE_WINDOW_MS however many accounts try, and the seller frees a seat by blocking a buyer
 * (who then leaves every chat of the seller's items and cannot come back).
 */
export const ITEM_CHAT_BUYERS_MAX = 30
export const ITEM_CHAT_JOINS_PER_WINDOW = 10
export const ITEM_CHAT_JOIN_WINDOW_MS = 10 * 60_000

/**
 * Status changes of one item per fixed window. Any hour overlaps at most two windows, so an item
 * changes status at most 2 × ITEM_STATUS_CHANGES_PER_WINDOW = 10 times in any hour.
 */
export const ITEM_STATUS_CHANGES_PER_WINDOW = 5
export const ITEM_STATUS_WINDOW_MS = 60 * 60_000
// New listings per seller: LISTINGS_PER_WINDOW in domain/listings.ts, apart from this module,
// which the first-message page loads.

/** Largest `limit` of a client list query on rooms / publicRooms / items / members. */
export const ROOMS_QUERY_LIMIT_MAX = 100
export const PUBLIC_ROOMS_QUERY_LIMIT_MAX = 50
export const ITEMS_QUERY_LIMIT_MAX = 100
export const MEMBERS_QUERY_LIMIT_MAX = 100
/** One's own block list and muted rooms: read whole, up to this many. */
export const OWN_LIST_QUERY_LIMIT_MAX = 200
/** Open rooms per lobby page. */
export const LOBBY_PAGE_SIZE = 20

/**
 * A room's summary document (lastMessage, what "my chats" listens to) is written at most once per
 * this interval by new messages: Firestore sustains about one write per second per document.
 */
export const SUMMARY_MIN_INTERVAL_MS = 1_000

/**
 * Messages whose time and sender a room's summary lists (`recent`), newest first: "my chats"
 * counts up to this many unread messages from the room document alone, without a query.
 */
export const RECENT_MESSAGES_MAX = 20

/**
 * A room's roster (rooms/{id}/state/roster: names, read marks, typing and presence of every
 * member) is rewritten from the member docs at most once per this interval.
 */
export const ROSTER_MIN_INTERVAL_MS = 1_000
/**
 * Members a roster holds: every member of an open room with a capacity (≤ 100) and of an item
 * room (ITEM_CHAT_BUYERS_MAX + the seller). A room with more members (an open room from before
 * every open room had a capacity, an item room from before the cap) holds the owner and the ROSTER_MEMBERS_MAX - 1 seen
 * most recently (member docs' `seenAt`, set by the join and every presence write). The bound
 * against a flood of accounts: pushing a member out takes ROSTER_MEMBERS_MAX - 1 other accounts
 * all seen after them (each joined, 20 joins a minute per account, or wrote a presence mark
 * since); the owner cannot be pushed out, and the room page adds the viewer themself.
 */
export const ROSTER_MEMBERS_MAX = 100

/** completeSale calls that succeed per seller within COMPLETE_SALE_WINDOW_MS. */
export const COMPLETE_SALE_MAX = 20
export const COMPLETE_SALE_WINDOW_MS = 60 * 60_000

/** Each party of a deal may review the other this long after the sale. */
export const REVIEW_WINDOW_MS = 14 * 24 * 60 * 60_000
export const REVIEW_TEXT_MAX_LENGTH = 500
/** reviewDeal calls that succeed per reviewer within REVIEW_RATE_WINDOW_MS. */
export const REVIEW_RATE_MAX = 20
export const REVIEW_RATE_WINDOW_MS = 60 * 60_000
/** Published reviews a profile page reads at once. */
export const REVIEW_PAGE_SIZE = 20
/** Largest `limit` a client `reviews` list query may carry (rules refuse more). */
export const REVIEW_QUERY_LIMIT_MAX = 50
/** Deals (purchases or sales) a "my deals" list reads at once. */
export const DEAL_PAGE_SIZE = 20
/** Largest `limit` a client `deals` list query may carry (rules refuse more). */
export const DEALS_QUERY_LIMIT_MAX = 50

/** Search: prefixes are indexed up to this many characters of a word. */
export const KEYWORD_PREFIX_MAX = 12
/** Search: at most this many keywords per item (title words first, then the description's). */
export const KEYWORDS_MAX = 400
/** Search: at most this many words of a search are used. */
export const SEARCH_WORDS_MAX = 5

/** setFavorite calls that change something, per user within FAVORITE_WINDOW_MS. */
export const FAVORITE_WRITES_MAX = 60
export const FAVORITE_WINDOW_MS = 60 * 60_000
/** Favourites a "my favourites" list reads at once. */
export const FAVORITE_PAGE_SIZE = 50
/** Largest `limit` a client list of one's favourites may carry (rules refuse more). */
export const FAVORITES_QUERY_LIMIT_MAX = 50
