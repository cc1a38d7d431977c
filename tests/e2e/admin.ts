// The Admin SDK on the emulators (emulators:exec sets their hosts), for browser tests that need
// more history than a person could type within the rate limits, and to read what reached the server.
import { getApps, initializeApp } from 'firebase-admin/app'
import { getAuth } from 'firebase-admin/auth'
import { Timestamp, getFirestore } from 'firebase-admin/firestore'
import { projectId } from '../support/emulators'

const app = getApps()[0] ?? initializeApp({ projectId })
export const db = getFirestore(app)

/** The uid of the account signed up with `email`. */
export async function uidOf(email: string): Promise<string> {
  return (await getAuth(app).getUserByEmail(email)).uid
}

/** The room id of a room page's URL. */
export function roomIdOf(url: string): string {
  return new URL(url).pathname.split('/').pop() ?? ''
}

/**
 * Stores `texts` as messages of `sender`, a millisecond apart: just before now, or from now on
 * with `after` (messages of others arriving now).
 */
export async function seedMessages(
  roomId: string,
  sender: { uid: string; username: string },
  texts: string[],
  options: { after?: boolean } = {},
): Promise<void> {
  const batch = db.batch()
  const start = options.after ? Date.now() : Date.now() - texts.length
  texts.forEach((text, i) => {
    batch.set(db.collection(`rooms/${roomId}/messages`).doc(), {
      kind: 'text',
      text,
      senderId: sender.uid,
      senderName: sender.username,
      createdAt: Timestamp.fromMillis(start + i),
      updatedAt: Timestamp.fromMillis(start + i),
    })
  })
  await batch.commit()
}

/**
 * Lists an item of `sellerId` (a seller who need not exist) and, with `buyers`, gives it a chat
 * holding that many buyers (names only on the room: enough for the seat count).
 */
export async function seedItem(
  itemId: string,
  sellerId: string,
  options: { buyers?: number } = {},
): Promise<void> {
  const now = Timestamp.now()
  const item = { sellerId, sellerName: 'seeded', title: `Seeded ${itemId}`, description: '' }
  await db.doc(`items/${itemId}`).set({
    ...item,
    price: 1000,
    status: 'available',
    createdAt: now,
    updatedAt: now,
  })
  if (!options.buyers) return
  const memberIds = [sellerId, ...Array.from({ length: options.buyers }, (_, i) => `seat${i}`)]
  await db.doc(`rooms/item-${itemId}`).set({
    kind: 'item',
    title: item.title,
    ownerId: sellerId,
    itemId,
    capacity: null,
    hasPassword: false,
    memberIds,
    memberCount: memberIds.length,
    lastMessage: null,
    lastMessageAt: now,
    createdAt: now,
  })
}
