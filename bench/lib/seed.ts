// Seeds documents shaped as shared/DESIGN.md says, with the Admin SDK (rules do not apply), so the
// scenarios can run before every callable exists. Clients then act through the rules like the app.
import { FieldValue, Timestamp, type WriteBatch } from 'firebase-admin/firestore'
import { db } from '../../functions/src/admin'
import { colorForUid } from '../../functions/src/domain/colors'
import { RECENT_MESSAGES_MAX } from '../../functions/src/domain/limits'
import { publicFace } from '../../functions/src/domain/lobby'
import type { MemberDoc, MessageDoc, RoomDoc, UserDoc } from '../../functions/src/domain/types'
import { usernameKey } from '../../functions/src/domain/usernames'
import { type TestClient, newClient } from '../../tests/support/clients'

export interface BenchUser extends TestClient {
  username: string
}

let serial = 0
const runTag = Date.now().toString(36).slice(-5)

/** A unique valid username (letters, digits, `_`; at most 20 characters). */
export function benchUsername(prefix = 'b'): string {
  return `${prefix}${runTag}_${(serial++).toString(36)}`.slice(0, 20)
}

/** Signed-in client users with a profile (users/{uid} and usernames/{key}), created in parallel. */
export async function benchUsers(count: number): Promise<BenchUser[]> {
  const users: BenchUser[] = []
  for (let start = 0; start < count; start += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - start) }, () => newClient('account')),
    )
    for (const client of batch) {
      const username = benchUsername()
      const profile: UserDoc = {
        username,
        usernameKey: usernameKey(username),
        color: colorForUid(client.uid),
        isGuest: false,
        createdAt: FieldValue.serverTimestamp(),
      }
      await Promise.all([
        db.doc(`users/${client.uid}`).set(profile),
        db.doc(`usernames/${usernameKey(username)}`).set({ uid: client.uid, username }),
      ])
      users.push({ ...client, username })
    }
  }
  return users
}

/** Commits writes in batches of 400 (Firestore allows 500 per batch). */
async function inBatches(count: number, write: (batch: WriteBatch, i: number) => void) {
  for (let start = 0; start < count; start += 400) {
    const batch = db.batch()
    for (let i = start; i < Math.min(count, start + 400); i++) write(batch, i)
    await batch.commit()
  }
}

export interface SeedRoomOptions {
  title?: string
  owner: BenchUser
  /** Other members: their uid and name (their clients may live in other processes). */
  members?: Pick<BenchUser, 'uid' | 'username'>[]
  /** Text messages to write into the history, oldest first, one second apart. */
  messages?: number
  /** Text of message i; defaults to `history <i>`. */
  messageText?: (i: number) => string
  capacity?: number
  /** Members beyond `members` without a client of their own (member docs only). */
  extraMembers?: number
}

/**
 * An open room with its public face (the room page reads it first), its member docs (owner
 * first) and an optional message history.
 */
export async function seedRoom(options: SeedRoomOptions): Promise<string> {
  const room = db.collection('rooms').doc()
  const extra = Array.from({ length: options.extraMembers ?? 0 }, () => {
    const username = benchUsername('x')
    return { uid: `bench-${username}`, username }
  })
  const members: Pick<BenchUser, 'uid' | 'username'>[] = [
    options.owner,
    ...(options.members ?? []),
    ...extra,
  ]
  const now = Timestamp.now()
  const count = options.messages ?? 0
  const text = options.messageText ?? ((i: number) => `history ${i}`)
  const start = now.toMillis() - count * 1000
  const sentAt = (i: number) => Timestamp.fromMillis(start + i * 1000)
  const messageIds = Array.from({ length: count }, () => room.collection('messages').doc().id)
  const roomDoc: RoomDoc = {
    kind: 'open',
    title: options.title ?? `bench ${room.id.slice(0, 6)}`,
    ownerId: options.owner.uid,
    capacity: options.capacity ?? 100,
    hasPassword: false,
    memberIds: members.map((m) => m.uid),
    memberCount: members.length,
    lastMessage:
      count > 0
        ? { text: text(count - 1), senderName: options.owner.username, kind: 'text' }
        : null,
    lastMessageAt: count > 0 ? sentAt(count - 1) : null,
    createdAt: now,
    // The summary as the message trigger leaves it (functions/src/services/roomSummary.ts).
    ...(count > 0 && {
      lastMessageId: messageIds[count - 1],
      lastMessageSenderId: options.owner.uid,
      recent: Array.from({ length: Math.min(count, RECENT_MESSAGES_MAX) }, (_, k) => ({
        at: sentAt(count - 1 - k),
        by: options.owner.uid,
      })),
    }),
  }
  await room.set(roomDoc)
  await db.doc(`publicRooms/${room.id}`).set(publicFace(roomDoc, members.length, now.toMillis()))
  await inBatches(members.length, (batch, i) => {
    const member = members[i] as Pick<BenchUser, 'uid' | 'username'>
    const doc: MemberDoc = {
      username: member.username,
      color: colorForUid(member.uid),
      role: i === 0 ? 'owner' : 'member',
      joinedAt: now,
      lastReadAt: null,
    }
    batch.set(room.collection('members').doc(member.uid), doc)
  })
  await inBatches(count, (batch, i) => {
    const message: MessageDoc = {
      kind: 'text',
      text: text(i),
      senderId: options.owner.uid,
      senderName: options.owner.username,
      createdAt: sentAt(i),
      updatedAt: sentAt(i),
    }
    batch.set(room.collection('messages').doc(messageIds[i] as string), message)
  })
  await rosterReady(room.id, members.length)
  return room.id
}

/**
 * Waits until the room's roster (written by the onMemberWritten trigger) shows its `count`
 * members, so a scenario does not count the seed's roster write as its own.
 */
export async function rosterReady(roomId: string, count: number, ms = 30_000): Promise<void> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    const roster = await db.doc(`rooms/${roomId}/state/roster`).get()
    if (Object.keys((roster.get('members') as object | undefined) ?? {}).length === count) return
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the roster of ${roomId} did not show its ${count} members`)
}

/** Signs every client out and deletes its app. */
export async function closeAll(users: TestClient[]): Promise<void> {
  await Promise.all(users.map((u) => u.close()))
}
