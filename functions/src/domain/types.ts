// Shapes of the Firestore documents (shared/DESIGN.md). `T` is the timestamp type of the SDK
// that reads them (client or Admin), so both sides use the same definitions.

/**
 * `withdrawn`: the seller deleted their account; only the functions set it. `deleted`: the seller
 * took the listing down (My listings). Both are final, like `sold`.
 */
export type ItemStatus = 'available' | 'reserved' | 'sold' | 'withdrawn' | 'deleted'
export type RoomKind = 'open' | 'item'
export type MemberRole = 'owner' | 'member'
export type MessageKind = 'text' | 'system' | 'photo'
/**
 * `withdrawn`: the seller deleted their account; `deleted`: the seller took the listing down.
 * Either way the item's chat takes no new buyers.
 */
export type SystemEvent =
  'created' | 'joined' | 'left' | 'reserved' | 'sold' | 'available' | 'withdrawn' | 'deleted'

export const ITEM_STATUSES: readonly ItemStatus[] = [
  'available',
  'reserved',
  'sold',
  'withdrawn',
  'deleted',
]
/** Statuses the market and My listings list (a withdrawn or deleted item has left the market). */
export const LISTED_STATUSES: readonly ItemStatus[] = ['available', 'reserved', 'sold']
export const SYSTEM_EVENTS: readonly SystemEvent[] = [
  'created',
  'joined',
  'left',
  'reserved',
  'sold',
  'available',
  'withdrawn',
  'deleted',
]

/** A name in use, or (with `releasedAt`) released by `uid` and held for them for a while. */
export interface UsernameDoc<T = unknown> {
  uid: string
  username: string
  releasedAt?: T
}

export interface UserDoc<T = unknown> {
  username: string
  usernameKey: string
  color: string
  isGuest: boolean
  createdAt: T
}

export interface ItemDoc<T = unknown> {
  sellerId: string
  sellerName: string
  title: string
  description: string
  price: number
  status: ItemStatus
  createdAt: T
  updatedAt: T
  /** Status changes in the current fixed window (rules: ITEM_STATUS_CHANGES_PER_WINDOW). */
  statusWindowAt?: T
  statusChanges?: number
  /** Edits of text, price and photos in the current fixed window (ITEM_EDITS_PER_WINDOW). */
  editWindowAt?: T
  edits?: number
  /** Set by completeSale only: who bought it (null: sold outside marketchat) and when. */
  buyerId?: string | null
  soldAt?: T
  /** Trigger-kept: how many people keep it among their favourites. */
  favoriteCount?: number
  /** Buyers in the item's chat (its room's members but the seller), kept by the functions. */
  chatCount?: number
  /** Display order, first = cover; absent on listings made before photos. */
  photos?: PhotoRef[]
  /** Thumbnail of the cover (`B` is the SDK's Bytes type), or null without photos. */
  cover?: unknown
}

/** A photo as a list or a message names it; the bytes live in a `photos/{id}` document. */
export interface PhotoRef {
  id: string
  width: number
  height: number
}

export type PhotoType = 'image/jpeg' | 'image/webp'
export const PHOTO_TYPES: readonly PhotoType[] = ['image/jpeg', 'image/webp']

/** `items/{itemId}/photos/{photoId}` and `rooms/{roomId}/photos/{photoId}`; never updated. */
export interface PhotoDoc<T = unknown, B = unknown> {
  data: B
  type: PhotoType
  width: number
  height: number
  createdAt: T
}

export interface LastMessage {
  text: string
  senderName: string
  kind: MessageKind
}

export interface RoomDoc<T = unknown> {
  kind: RoomKind
  title: string
  ownerId: string
  itemId?: string
  capacity: number | null
  hasPassword: boolean
  memberIds: string[]
  memberCount: number
  lastMessage: LastMessage | null
  lastMessageAt: T | null
  /** Kept by the summary trigger: which message the summary shows, and who sent it. */
  lastMessageId?: string
  lastMessageSenderId?: string
  /**
   * Kept by the summary trigger: the time and sender of the room's newest messages, newest first,
   * at most RECENT_MESSAGES_MAX, every message from the oldest listed on (domain/recentMessages).
   */
  recent?: RecentMessage<T>[]
  /**
   * An item room's latest buyer join: `recent` lists no message from before it (that buyer may
   * not read them), so with fewer than RECENT_MESSAGES_MAX entries it holds every message since.
   */
  recentSince?: T
  createdAt: T
}

/** One of a room's newest messages as its summary lists it. */
export interface RecentMessage<T = unknown> {
  at: T
  /** The sender's uid (a system message: whom it is about). */
  by: string
}

/**
 * `publicRooms/{roomId}`: what anyone signed in may know of a room (the lobby, a room's join
 * preview, an item's chat size). Small and of fixed size: no member list, no message text.
 */
export interface PublicRoomDoc<T = unknown> {
  kind: RoomKind
  title: string
  itemId?: string
  capacity: number | null
  hasPassword: boolean
  memberCount: number
  createdAt: T
  /** Latest creation, join or message, in ms rounded down to the minute. */
  lastActiveAt: number
  /** Lobby order, highest first (domain/lobby.ts). */
  rank: number
}

export interface MemberDoc<T = unknown> {
  username: string
  color: string
  role: MemberRole
  joinedAt: T
  lastReadAt: T | null
  typingAt?: T | null
  activeAt?: T | null
  /**
   * When the member was last seen: set with the join and with every presence write (read mark,
   * typing, activity), so it is at least each of them. The roster keeps the most recently seen.
   * Absent on member docs written before it existed.
   */
  seenAt?: T
  /** Joined without a `joined` message (rate limit): leaves without a `left` one too. */
  silent?: boolean
}

/** My place in one room, as `users/{uid}/state/memberships` mirrors it from my member doc. */
export interface Membership<T = unknown> {
  role: MemberRole
  joinedAt: T
  lastReadAt: T | null
}

/**
 * `users/{uid}/state/memberships`: my member docs of every room, folded into one document by the
 * onMemberWritten trigger (functions only; I read it): "my chats" learns my role, join time and
 * read position in all my rooms from one document, not one per room.
 */
export interface MembershipsDoc<T = unknown> {
  rooms: Record<string, Membership<T>>
}

/** A member as the room page shows them: `rooms/{roomId}/state/roster`'s entry for their uid. */
export interface RosterEntry<T = unknown> {
  username: string
  color: string
  role: MemberRole
  joinedAt: T | null
  lastReadAt: T | null
  typingAt: T | null
  activeAt: T | null
}

/**
 * `rooms/{roomId}/state/roster`: the room's member docs folded into one document (functions
 * only), so the room page reads one document whatever the room's size: the owner and the most
 * recently seen members, at most ROSTER_MEMBERS_MAX. `asOf`: the read time of the member docs it
 * was built from. `since`: null when it lists every member; otherwise every member it leaves out
 * was last seen (`seenAt`, so also read) at or before this time. Absent on older rosters.
 */
export interface RosterDoc<T = unknown> {
  members: Record<string, RosterEntry<T>>
  asOf: T
  since?: T | null
}

export interface MessageDoc<T = unknown> {
  kind: MessageKind
  /** For text messages the text; for system messages the event name. */
  text: string
  senderId: string
  senderName: string
  createdAt: T
  /** Server time of the last write (creation, edit, reaction, deletion): readers follow it. */
  updatedAt: T
  deletedAt?: T | null
  /** System messages: who the event is about. */
  event?: SystemEvent
  actorName?: string
  /**
   * `sold` messages of completeSale: the buyer (readers show their current name) and the name
   * they had then; both null when sold outside marketchat.
   */
  buyerId?: string | null
  buyerName?: string | null
  /** A reply: the start of the original as it was when replied to. */
  replyTo?: ReplyTo
  /** Reaction key → uids of the members who reacted so. */
  reactions?: Partial<Record<string, string[]>>
  /** Set when the sender edited the text. */
  editedAt?: T
  /** Photo messages (`text` is the caption, possibly empty). Its id is the message's id. */
  photo?: PhotoRef & { thumb: unknown }
}

export interface ReplyTo {
  id: string
  senderName: string
  text: string
}

/** `reports/{id}`: written by the reporter, read by nobody from a client. */
export interface ReportDoc<T = unknown> {
  reporterId: string
  targetUid: string
  roomId: string
  messageId: string | null
  reason: string
  note: string
  createdAt: T
}

/** `users/{uid}/blocks/{blockedUid}`: a person I blocked. */
export interface BlockDoc<T = unknown> {
  username: string
  createdAt: T
}

export interface ClaimUsernameResult {
  username: string
  usernameKey: string
}
export interface RoomIdResult {
  roomId: string
}
export interface LeaveRoomResult {
  deleted: boolean
}

/** Id of the one room of an item. */
export function itemRoomId(itemId: string): string {
  return `item-${itemId}`
}

/** `deals/{itemId}`: one completed sale, readable by its two parties only. */
export interface DealDoc<T = unknown> {
  itemId: string
  sellerId: string
  /** null: sold outside marketchat (no reviews). */
  buyerId: string | null
  title: string
  price: number
  soldAt: T
  sellerName: string
  buyerName: string | null
}

export interface CompleteSaleResult {
  dealId: string
}

/** `users/{uid}/favorites/{itemId}`: an item I keep (관심), written by setFavorite. */
export interface FavoriteDoc<T = unknown> {
  itemId: string
  title: string
  createdAt: T
}
