// Rooms: create, join, leave. Each runs as one transaction; callables and tests call these.
import { FieldValue, type DocumentReference, type Transaction } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { db } from '../admin'
import type { CreateRoomInput } from '../domain/inputs'
import type {
  LeaveRoomResult,
  MemberDoc,
  MemberRole,
  MessageDoc,
  RoomDoc,
  RoomIdResult,
  SystemEvent,
  UserDoc,
} from '../domain/types'
import { deleteRoomPhotos } from './photos'
import { hashPassword, verifyPassword } from './passwords'
import {
  type PasswordAttempts,
  afterWrongPassword,
  attemptsRef,
  lockedForMs,
} from './passwordAttempts'
import { profileFrom, profileIn, profileRef } from './profiles'
import { readAll } from './reads'

export const roomRef = (roomId: string) => db.doc(`rooms/${roomId}`)
export const memberRef = (roomId: string, uid: string) => db.doc(`rooms/${roomId}/members/${uid}`)
const secretRef = (roomId: string) => db.doc(`rooms/${roomId}/private/secret`)

/** Writes a system message (an event, rendered in the reader's language) in `tx`. */
export function addSystemMessage(
  tx: Transaction,
  roomId: string,
  event: SystemEvent,
  actor: { uid: string; username: string },
  messageId?: string,
): void {
  const message: MessageDoc<FieldValue> = {
    kind: 'system',
    text: event,
    event,
    senderId: actor.uid,
    senderName: 'system',
    actorName: actor.username,
    createdAt: FieldValue.serverTimestamp(),
  }
  const messages = db.collection(`rooms/${roomId}/messages`)
  tx.create(messageId ? messages.doc(messageId) : messages.doc(), message)
}

/** A new member doc for a profile. */
export function newMember(profile: UserDoc, role: MemberRole): MemberDoc<FieldValue> {
  return {
    username: profile.username,
    color: profile.color,
    role,
    joinedAt: FieldValue.serverTimestamp(),
    lastReadAt: FieldValue.serverTimestamp(),
  }
}

/** Adds `uid` as a member in `tx`: member doc, memberIds, memberCount and a `joined` message. */
export function addMember(
  tx: Transaction,
  room: DocumentReference,
  uid: string,
  profile: UserDoc,
  role: MemberRole,
): void {
  tx.create(memberRef(room.id, uid), newMember(profile, role))
  tx.update(room, { memberIds: FieldValue.arrayUnion(uid), memberCount: FieldValue.increment(1) })
  addSystemMessage(tx, room.id, 'joined', { uid, username: profile.username })
}

/** Creates an open room with the caller as owner and first member. */
export async function createRoomTx(uid: string, input: CreateRoomInput): Promise<RoomIdResult> {
  const passwordHash = input.password === null ? null : await hashPassword(input.password)
  const room = db.collection('rooms').doc()
  await db.runTransaction(async (tx) => {
    const profile = await profileIn(tx, uid)
    const doc: RoomDoc<FieldValue> = {
      kind: 'open',
      title: input.title,
      ownerId: uid,
      capacity: input.capacity,
      hasPassword: passwordHash !== null,
      memberIds: [uid],
      memberCount: 1,
      lastMessage: { text: 'created', senderName: profile.username, kind: 'system' },
      lastMessageAt: FieldValue.serverTimestamp(),
      createdAt: FieldValue.serverTimestamp(),
    }
    tx.create(room, doc)
    tx.create(memberRef(room.id, uid), newMember(profile, 'owner'))
    if (passwordHash !== null) tx.create(secretRef(room.id), { passwordHash })
    addSystemMessage(tx, room.id, 'created', { uid, username: profile.username })
  })
  return { roomId: room.id }
}

/**
 * Joins an open room. Password, capacity, the new member, `memberCount` and the `joined` message
 * are all decided in one transaction, so capacity holds under any concurrency and a retry never
 * adds anyone twice. `now` is injectable so tests control the password-guess window.
 */
export async function joinRoomTx(
  uid: string,
  roomId: string,
  password: string | null,
  now: number = Date.now(),
): Promise<RoomIdResult> {
  const ref = roomRef(roomId)
  const outcome = await db.runTransaction(async (tx) => {
    // One round trip for everything a join without a password needs.
    const [roomSnap, memberSnap, profileSnap] = await readAll(
      tx,
      ref,
      memberRef(roomId, uid),
      profileRef(uid),
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
    if (room.hasPassword) {
      const [secret, attemptsSnap] = await readAll(tx, secretRef(roomId), attemptsRef(roomId, uid))
      const attempts = attemptsSnap.data() as PasswordAttempts | undefined
      const waitMs = lockedForMs(attempts, now)
      if (waitMs > 0) {
        throw new HttpsError('resource-exhausted', 'Too many wrong passwords. Try again later.', {
          problem: 'too-many-attempts',
          retryAfterMs: waitMs,
        })
      }
      if (password === null) return 'password-required' as const
      const hash = secret.get('passwordHash') as string | undefined
      if (!hash || !(await verifyPassword(password, hash))) {
        // Committed with the transaction: the guess is counted even though nobody joins.
        tx.set(attemptsRef(roomId, uid), afterWrongPassword(attempts, now))
        return 'wrong-password' as const
      }
    }
    if (room.capacity !== null && room.memberCount >= room.capacity) {
      throw new HttpsError('resource-exhausted', 'The room is full.', { problem: 'full' })
    }
    addMember(tx, ref, uid, profile, 'member')
    return 'joined' as const
  })
  if (outcome === 'password-required' || outcome === 'wrong-password') {
    throw new HttpsError('permission-denied', 'Wrong password.', { problem: outcome })
  }
  return { roomId }
}

/** Removes `uid` from the member list of a room in `tx`, with a `left` message. */
export function removeMember(tx: Transaction, roomId: string, uid: string, username: string): void {
  tx.delete(memberRef(roomId, uid))
  tx.update(roomRef(roomId), {
    memberIds: FieldValue.arrayRemove(uid),
    memberCount: FieldValue.increment(-1),
  })
  addSystemMessage(tx, roomId, 'left', { uid, username })
}

/**
 * Leaves a room with a `left` message. An open room left empty is deleted with its messages,
 * members and private docs. Leaving a room one is not in changes nothing.
 */
export async function leaveRoomTx(uid: string, roomId: string): Promise<LeaveRoomResult> {
  const ref = roomRef(roomId)
  const emptied = await db.runTransaction(async (tx) => {
    const [roomSnap, memberSnap] = await readAll(tx, ref, memberRef(roomId, uid))
    if (!roomSnap.exists) throw new HttpsError('not-found', 'No such room.')
    if (!memberSnap.exists) return false
    const room = roomSnap.data() as RoomDoc
    const member = memberSnap.data() as MemberDoc
    if (room.kind === 'open' && room.memberCount <= 1) {
      tx.delete(ref)
      tx.delete(memberRef(roomId, uid))
      return true
    }
    removeMember(tx, roomId, uid, member.username)
    return false
  })
  // The room doc is gone, so nobody can join any more; now remove what was under it.
  if (emptied) {
    await deleteRoomPhotos(roomId)
    await db.recursiveDelete(ref)
  }
  return { deleted: emptied }
}
