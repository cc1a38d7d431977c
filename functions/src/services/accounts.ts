// Deleting an account: the username is freed, every room is left the way leaveRoom leaves it,
// and the profile and the Auth user are removed. Past messages stay under the old name, which
// each message carries in `senderName`.
import { HttpsError } from 'firebase-functions/v2/https'
import { adminAuth, db } from '../admin'
import type { UserDoc, UsernameDoc } from '../domain/types'
import { profileRef } from './profiles'
import { leaveRoomTx } from './rooms'

export interface DeleteAccountResult {
  deleted: true
  roomsLeft: number
}

/**
 * Deletes everything of `uid`. The profile goes first, in one transaction with the username: from
 * then on no join can add the user anywhere (joining reads the profile in its transaction), so
 * the rooms found afterwards are all of them. Each step tolerates a previous partial run, so a
 * retried call finishes the job.
 */
export async function deleteAccountData(uid: string): Promise<DeleteAccountResult> {
  await db.runTransaction(async (tx) => {
    const userRef = profileRef(uid)
    const userSnap = await tx.get(userRef)
    if (!userSnap.exists) return
    const { usernameKey } = userSnap.data() as UserDoc
    const nameRef = db.doc(`usernames/${usernameKey}`)
    const nameSnap = await tx.get(nameRef)
    if (nameSnap.exists && (nameSnap.data() as UsernameDoc).uid === uid) tx.delete(nameRef)
    tx.delete(userRef)
  })
  const rooms = await db.collection('rooms').where('memberIds', 'array-contains', uid).get()
  await Promise.all(rooms.docs.map((room) => leaveIfThere(uid, room.id)))
  await deleteAuthUser(uid)
  return { deleted: true, roomsLeft: rooms.size }
}

async function leaveIfThere(uid: string, roomId: string): Promise<void> {
  try {
    await leaveRoomTx(uid, roomId)
  } catch (error) {
    // Emptied and deleted by its last other member meanwhile: nothing left to leave.
    if (!(error instanceof HttpsError && error.code === 'not-found')) throw error
  }
}

async function deleteAuthUser(uid: string): Promise<void> {
  try {
    await adminAuth.deleteUser(uid)
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'auth/user-not-found') throw error
  }
}
