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
