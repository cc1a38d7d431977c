// Rooms: create, join, leave. Each runs as one transaction; callables and tests call these.
// A room is two documents: `rooms/{id}` (members only: member list, last message) and its
// public face `publicRooms/{id}` (domain/lobby.ts), written together in every transaction.
import { FieldValue, type Transaction } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { db } from '../admin'
import type { CreateRoomInput } from '../domain/inputs'
import { openRoomCapacity } from '../domain/limits'
import { publicFace } from '../domain/lobby'
import type {
  LeaveRoomResult,
  MemberDoc,
  MemberRole,
  MessageDoc,
  PublicRoomDoc,
  RoomDoc,
  RoomIdResult,
  SystemEvent,
  UserDoc,
} from '../domain/types'
import {
  type AccountPatch,
  accountStateOf,
  assertLive,
  membershipChange,
  openRoomDeleted,
  roomCreation,
  saveAccount,
} from './accountLimits'
import { deleteRoomPhotos } from './photos'
import { hashPassword, verifyPassword } from './passwords'
import {
  type PasswordAttempts,
  type RoomGuesses,
  afterRoomWrongPassword,
  afterWrongPassword,
  attemptsRef,
  guessesRef,
  lockedForMs,
  roomLockedForMs,
} from './passwordAttempts'
import {
  accountRef,
  itemRef,
  memberRef,
  messagesOf,
  profileRef,
  publicRoomRef,
  roomRef,
  secretRef,
} from './paths'
import { profileFrom } from './profiles'
import { systemSummary } from './roomSummary'
import { readAll } from './reads'
import { createRoster } from './roster'

export { memberRef, roomRef } from './paths'

/** Writes a system message (an event, rendered in the reader's language) in `tx`. */
export function addSystemMessage(
  tx: Transaction,
  roomId: string,
  event: SystemEvent,
  actor: { uid: string; username: string },
  messageId?: string,
  details: Pick<MessageDoc, 'buyerId' | 'buyerName'> = {},
): void {
  const message: MessageDoc<FieldValue> = {
    kind: 'system',
    text: event,
    event,
    senderId: actor.uid,
    senderName: 'system',
    actorName: actor.username,
    ...details,
    createdAt: FieldValue.serverTimestamp(),
    updatedAt: FieldValue.serverTimestamp(),
  }
  const messages = messagesOf(roomId)
  tx.create(messageId ? messages.doc(messageId) : messages.doc(), message)
}

/** A new member doc for a profile (its id is the member's uid); `silent`: not announced. */
export function newMember(
  profile: UserDoc,
  role: MemberRole,
  silent = false,
): MemberDoc<FieldValue> {
  return {
    username: profile.username,
    color: profile.color,
    role,
    joinedAt: FieldValue.serverTimestamp(),
    lastReadAt: FieldValue.serverTimestamp(),
    seenAt: FieldValue.serverTimestamp(),
    ...(silent ? { silent: true } : {}),
  }
}

/**
 * Writes the public face of `room` with `memberCount` members, active at `now`; for an item's
 * room also the item's `chatCount` (its buyers: the members but the seller, who is one unless
 * they left), which the market's cards show without reading the room.
 */
export function setPublicFace(
  tx: Transaction,
  roomId: string,
  room: Pick<RoomDoc<unknown>, 'kind' | 'title' | 'itemId' | 'capacity' | 'hasPassword'> & {
    createdAt: unknown
  },
  memberCount: number,
  now: number,
): void {
  tx.set(publicRoomRef(roomId), publicFace(room, memberCount, now) satisfies PublicRoomDoc)
  if (room.kind === 'item' && room.itemId) {
    tx.update(itemRef(room.itemId), { chatCount: Math.max(0, memberCount - 1) })
  }
}

/**
 * Adds `uid` to the existing room `room` (its data as read in `tx`): member doc, memberIds,
 * memberCount, public face and, when `announce`, a `joined` message. `historyFromJoin`: the new
 * member reads the messages from their join on (an item room's buyer), so the room document they
 * can now read must show nothing from before: see summaryFromJoin.
 */
export function addMember(
  tx: Transaction,
  roomId: string,
  room: RoomDoc,
  uid: string,
  profile: UserDoc,
  role: MemberRole,
  options: { announce: boolean; now: number; historyFromJoin?: boolean },
): void {
  const joinedId = options.announce ? messagesOf(roomId).doc().id : null
  tx.create(memberRef(roomId, uid), newMember(profile, role, !options.announce))
  tx.update(roomRef(roomId), {
    memberIds: FieldValue.arrayUnion(uid),
    memberCount: FieldValue.increment(1),
    ...(options.historyFromJoin && summaryFromJoin(uid, profile, joinedId)),
  })
  setPublicFace(tx, roomId, room, room.memberCount + 1, options.now)
  if (joinedId)
    addSystemMessage(tx, roomId, 'joined', { uid, username: profile.username }, joinedId)
}

/**
 * The room summary once a member whose history starts at their join is in: the last message is
 * their `joined` message (`joinedId`; none when the join is not announced: the summary stays on
 * a message they saw as a member less than a minute ago), and the list of newest messages starts
 * again at the join (`recentSince`), so neither an earlier message's words nor who wrote when
 * before reaches them. Until the next message "my chats" counts the others' unread with a query.
 */
function summaryFromJoin(uid: string, profile: UserDoc, joinedId: string | null) {
  return {
    recent: FieldValue.delete(),
    recentSince: FieldValue.serverTimestamp(),
    ...(joinedId && {
      lastMessage: systemSummary('joined', profile.username),
      lastMessageAt: FieldValue.serverTimestamp(),
      lastMessageId: joinedId,
      lastMessageSenderId: uid,
    }),
  }
}

/** Creates an open room with the caller as owner and first member. */
export async function createRoomTx(
  uid: string,
  input: CreateRoomInput,
  now: number = Date.now(),
): Promise<RoomIdResult> {
  const passwordHash = input.password === null ? null : await hashPassword(input.password)
  const room = db.collection('rooms').doc()
  await db.runTransaction(async (tx) => {
    const [profileSnap, accountSnap] = await readAll(tx, profileRef(uid), accountRef(uid))
    const profile = profileFrom(profileSnap)
    const account = accountStateOf(accountSnap)
    assertLive(account)
    const patch = roomCreation(account, now)
    const doc: RoomDoc<FieldValue> = {
      kind: 'open',
      title: input.title,
      ownerId: uid,
      capacity: openRoomCapacity(input.capacity),
      hasPassword: passwordHash !== null,
      memberIds: [uid],
      memberCount: 1,
      lastMessage: systemSummary('created', profile.username),
      lastMessageAt: FieldValue.serverTimestamp(),
      createdAt: FieldValue.serverTimestamp(),
    }
    tx.create(room, doc)
    setPublicFace(tx, room.id, doc, 1, now)
    const owner = newMember(profile, 'owner')
    tx.create(memberRef(room.id, uid), owner)
    createRoster(tx, room.id, { [uid]: owner })
    if (passwordHash !== null) tx.create(secretRef(room.id), { passwordHash })
    addSystemMessage(tx, room.id, 'created', { uid, username: profile.username })
    saveAccount(tx, uid, patch)
  })
  return { roomId: room.id }
}

/**
 * Joins an open room. Password, capacity, the new member, `memberCount` and the `joined` message
 * are all decided in one transaction, so capacity holds under any concurrency and a retry never
 * adds anyone twice. The owner needs no password to come back. `now` is injectable so tests
 * control the rate-limit and guess windows. The costly hash comparison runs once, before the
 * transaction, so a retried transaction never repeats it and no document stays locked while it
 * runs; the transaction re-checks both guess limits before the verdict is used or counted.
 */
export async function joinRoomTx(
  uid: string,
  roomId: string,
  password: string | null,
  now: number = Date.now(),
): Promise<RoomIdResult> {
  const ref = roomRef(roomId)
  const verdict = await passwordVerdict(roomId, uid, password, now)
  const outcome = await db.runTransaction(async (tx) => {
    // One round trip for everything a join without a password needs.
    const [roomSnap, memberSnap, profileSnap, accountSnap] = await readAll(
      tx,
      ref,
      memberRef(roomId, uid),
      profileRef(uid),
      accountRef(uid),
    )
    if (!roomSnap.exists) throw new HttpsError('not-found', 'No such room.')
    if (memberSnap.exists) return 'member' as const
    const room = roomSnap.data() as RoomDoc
    if (room.kind !== 'open') {
      throw new HttpsError('failed-precondition', 'Open the item to join its chat.', {
        problem: 'item-room',
      })
    }
    const profile = profileFrom(profileSnap)
    const account = accountStateOf(accountSnap)
    assertLive(account)
    const { announce, patch } = membershipChange(account, roomId, now)
    if (room.hasPassword && uid !== room.ownerId) {
      const check = await checkPassword(tx, roomId, uid, password, verdict, now)
      if (check !== 'right') return check
    }
    if (room.memberCount >= openRoomCapacity(room.capacity)) {
      throw new HttpsError('resource-exhausted', 'The room is full.', { problem: 'full' })
    }
    addMember(tx, roomId, room, uid, profile, 'member', { announce, now })
    saveAccount(tx, uid, patch)
    return 'joined' as const
  })
  if (outcome === 'password-required' || outcome === 'wrong-password') {
    throw new HttpsError('permission-denied', 'Wrong password.', { problem: outcome })
  }
  return { roomId }
}

/**
 * Whether `password` matches the room's hash, computed outside any transaction; `undefined` when
 * there is nothing to compare (no password, no hash) or when a guess limit already refuses the
 * caller, so a locked-out guesser costs no hashing.
 */
async function passwordVerdict(
  roomId: string,
  uid: string,
  password: string | null,
  now: number,
): Promise<boolean | undefined> {
  if (password === null) return undefined
  const [secret, attemptsSnap, guessesSnap] = await db.getAll(
    secretRef(roomId),
    attemptsRef(roomId, uid),
    guessesRef(roomId),
  )
  const hash = secret?.get('passwordHash') as string | undefined
  if (!hash) return undefined
  const attempts = attemptsSnap?.data() as PasswordAttempts | undefined
  const guesses = guessesSnap?.data() as RoomGuesses | undefined
  if (lockedForMs(attempts, now) > 0 || roomLockedForMs(guesses, now) > 0) return undefined
  return verifyPassword(password, hash)
}

/**
 * Applies a password verdict within both guess limits, read in `tx` so concurrent guesses cannot
 * slip past them; a wrong password is counted (committed with the transaction even though nobody
 * joins). Without a verdict from before the transaction (its limit check refused, then the
 * window passed) the hash is compared here.
 */
async function checkPassword(
  tx: Transaction,
  roomId: string,
  uid: string,
  password: string | null,
  verdict: boolean | undefined,
  now: number,
): Promise<'right' | 'password-required' | 'wrong-password'> {
  const [secret, attemptsSnap, guessesSnap] = await readAll(
    tx,
    secretRef(roomId),
    attemptsRef(roomId, uid),
    guessesRef(roomId),
  )
  const attempts = attemptsSnap.data() as PasswordAttempts | undefined
  const guesses = guessesSnap.data() as RoomGuesses | undefined
  const waitMs = Math.max(lockedForMs(attempts, now), roomLockedForMs(guesses, now))
  if (waitMs > 0) {
    throw new HttpsError('resource-exhausted', 'Too many wrong passwords. Try again later.', {
      problem: 'too-many-attempts',
      retryAfterMs: waitMs,
    })
  }
  if (password === null) return 'password-required'
  const hash = secret.get('passwordHash') as string | undefined
  if (hash && (verdict ?? (await verifyPassword(password, hash)))) return 'right'
  tx.set(attemptsRef(roomId, uid), afterWrongPassword(attempts, now))
  tx.set(guessesRef(roomId), afterRoomWrongPassword(guesses, now))
  return 'wrong-password'
}

/**
 * Leaves a room, with a `left` message when the join was announced (a silent join leaves
 * silently). An open room left empty is deleted with its messages, members and private docs.
 * Leaving a room one is not in changes nothing. `limited: false` (account deletion) skips the
 * rate limit.
 */
export async function leaveRoomTx(
  uid: string,
  roomId: string,
  options: { now?: number; limited?: boolean } = {},
): Promise<LeaveRoomResult> {
  const now = options.now ?? Date.now()
  const ref = roomRef(roomId)
  const emptied = await db.runTransaction(async (tx) => {
    const [roomSnap, memberSnap, accountSnap] = await readAll(
      tx,
      ref,
      memberRef(roomId, uid),
      accountRef(uid),
    )
    if (!roomSnap.exists) throw new HttpsError('not-found', 'No such room.')
    if (!memberSnap.exists) return false
    const room = roomSnap.data() as RoomDoc
    const member = memberSnap.data() as MemberDoc
    const patch =
      options.limited === false
        ? ({} as AccountPatch)
        : membershipChange(accountStateOf(accountSnap), roomId, now).patch
    const announce = member.silent !== true
    if (room.kind === 'open' && room.memberCount <= 1) {
      tx.delete(ref)
      tx.delete(publicRoomRef(roomId))
      tx.delete(memberRef(roomId, uid))
      if (room.ownerId === uid) saveAccount(tx, uid, { ...patch, ...openRoomDeleted })
      else {
        saveAccount(tx, uid, patch)
        saveAccount(tx, room.ownerId, openRoomDeleted)
      }
      return true
    }
    tx.delete(memberRef(roomId, uid))
    tx.update(ref, {
      memberIds: FieldValue.arrayRemove(uid),
      memberCount: FieldValue.increment(-1),
    })
    setPublicFace(tx, roomId, room, room.memberCount - 1, lastActiveOf(room, now))
    if (announce) addSystemMessage(tx, roomId, 'left', { uid, username: member.username })
    saveAccount(tx, uid, patch)
    return false
  })
  // The room doc is gone, so nobody can join any more; now remove what was under it.
  if (emptied) {
    await deleteRoomPhotos(roomId)
    await db.recursiveDelete(ref)
  }
  return { deleted: emptied }
}

/** A leave is not activity: the room keeps the time of its last message (or `now` without one). */
function lastActiveOf(room: RoomDoc, now: number): number {
  const at = room.lastMessageAt as { toMillis?: () => number } | null
  return at?.toMillis?.() ?? now
}
