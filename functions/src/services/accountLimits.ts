// `accounts/{uid}` (functions only, no client reads): what the server remembers about an
// account to limit it — recent room creations and membership changes, open rooms owned, when it
// was last announced in each room — and the mark that the account was deleted.
import {
  type DocumentSnapshot,
  FieldValue,
  type Timestamp,
  type Transaction,
} from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import {
  ANNOUNCE_INTERVAL_MS,
  MEMBERSHIP_CHANGES_PER_WINDOW,
  MEMBERSHIP_WINDOW_MS,
  OPEN_ROOMS_OWNED_MAX,
  ROOMS_CREATED_PER_WINDOW,
  ROOM_CREATE_WINDOW_MS,
} from '../domain/limits'
import { logAction, waitForSlot } from '../domain/rateLimits'
import { accountRef } from './paths'

export interface AccountState {
  roomsCreated?: number[]
  membershipChanges?: number[]
  openRoomsOwned?: number
  /** Room id → when this account's joining was last announced there, in ms. */
  announced?: Record<string, number>
  /** Times of recent completeSale / reviewDeal / setFavorite changes (services/rateLimits.ts). */
  salesCompleted?: number[]
  reviewsWritten?: number[]
  favoriteChanges?: number[]
  deletedAt?: Timestamp
}

export function accountStateOf(snap: DocumentSnapshot): AccountState {
  return (snap.data() as AccountState | undefined) ?? {}
}

/** `resource-exhausted` with the wait a client shows ("try again in N s"). */
export function slowDown(retryAfterMs: number, problem = 'rate-limited'): HttpsError {
  return new HttpsError('resource-exhausted', 'Too many requests. Try again later.', {
    problem,
    retryAfterMs: Math.max(1, Math.ceil(retryAfterMs)),
  })
}

/** Refuses a deleted account (its ID token stays valid for up to an hour). */
export function assertLive(state: AccountState): void {
  if (state.deletedAt) throw new HttpsError('unauthenticated', 'This account no longer exists.')
}

/** Fields of `accounts/{uid}` to change; each given field is replaced as a whole. */
export type AccountPatch = { [K in keyof AccountState]?: AccountState[K] | FieldValue }

/** Writes `patch` to the account in `tx` (once per transaction and account). */
export function saveAccount(tx: Transaction, uid: string, patch: AccountPatch): void {
  if (Object.keys(patch).length === 0) return
  tx.set(accountRef(uid), patch, { mergeFields: Object.keys(patch) })
}

/** One room creation more, or a refusal (too many lately, or too many open rooms owned). */
export function roomCreation(state: AccountState, now: number): AccountPatch {
  if ((state.openRoomsOwned ?? 0) >= OPEN_ROOMS_OWNED_MAX) {
    throw new HttpsError('resource-exhausted', 'You own too many open rooms.', {
      problem: 'too-many-rooms',
      max: OPEN_ROOMS_OWNED_MAX,
    })
  }
  const wait = waitForSlot(state.roomsCreated, now, ROOMS_CREATED_PER_WINDOW, ROOM_CREATE_WINDOW_MS)
  if (wait > 0) throw slowDown(wait)
  return {
    roomsCreated: logAction(
      state.roomsCreated,
      now,
      ROOMS_CREATED_PER_WINDOW,
      ROOM_CREATE_WINDOW_MS,
    ),
    openRoomsOwned: FieldValue.increment(1),
  }
}

/** The owner of an open room that was just deleted owns one open room less. */
export const openRoomDeleted: AccountPatch = { openRoomsOwned: FieldValue.increment(-1) }

/**
 * One membership change more (a join, a leave, opening an item chat) in `roomId`, or a refusal
 * past MEMBERSHIP_CHANGES_PER_WINDOW. For a join, whether it may be announced with a `joined`
 * message: at most once per room within ANNOUNCE_INTERVAL_MS, so a join right after a leave is
 * silent (a leave is announced exactly when its join was: rooms.ts).
 */
export function membershipChange(
  state: AccountState,
  roomId: string,
  now: number,
): { announce: boolean; patch: AccountPatch } {
  const wait = waitForSlot(
    state.membershipChanges,
    now,
    MEMBERSHIP_CHANGES_PER_WINDOW,
    MEMBERSHIP_WINDOW_MS,
  )
  if (wait > 0) throw slowDown(wait)
  const lastAnnounced = state.announced?.[roomId]
  const announce = lastAnnounced === undefined || now - lastAnnounced >= ANNOUNCE_INTERVAL_MS
  // Only announcements still within the interval matter; older ones are dropped.
  const announced = Object.fromEntries(
    Object.entries(state.announced ?? {}).filter(([, at]) => now - at < ANNOUNCE_INTERVAL_MS),
  )
  if (announce) announced[roomId] = now
  return {
    announce,
    patch: {
      membershipChanges: logAction(
        state.membershipChanges,
        now,
        MEMBERSHIP_CHANGES_PER_WINDOW,
        MEMBERSHIP_WINDOW_MS,
      ),
      announced,
    },
  }
}
