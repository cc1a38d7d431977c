// Deleting an account: the account is marked deleted, the username is held, the unsold items
// leave the market, every room is left the way leaveRoom leaves it, and the profile with
// everything under it (blocks, muted rooms, favourites, notices, state), the user's rate logs and
// the Auth user are removed. Past messages stay under the old name, which each message carries
// in `senderName`.
import { FieldValue } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { adminAuth, db } from '../admin'
import type { ItemStatus, UserDoc, UsernameDoc } from '../domain/types'
import { accountRef, blockLogRef, listingLogRef, profileRef, usernameRef } from './paths'
import { leaveRoomTx } from './rooms'

export interface DeleteAccountResult {
  deleted: true
  roomsLeft: number
  itemsWithdrawn: number
}

/**
 * Deletes everything of `uid`. The deletion mark and the profile go first, in one transaction
 * with the username: from then on no join or claim can give the user anything back (both read
 * the mark or the profile in their transactions), so the rooms and items found afterwards are
 * all of them. Each step tolerates a previous partial run, so a retried call finishes the job.
 */
export async function deleteAccountData(uid: string): Promise<DeleteAccountResult> {
  await db.runTransaction(async (tx) => {
    const userRef = profileRef(uid)
    const userSnap = await tx.get(userRef)
    const user = userSnap.data() as UserDoc | undefined
    const nameRef = user ? usernameRef(user.usernameKey) : null
    const nameSnap = nameRef ? await tx.get(nameRef) : null
    tx.set(accountRef(uid), { deletedAt: FieldValue.serverTimestamp() }, { merge: true })
    if (!user || !nameRef || !nameSnap) return
    const { username } = user
    // The name stays held (releasedAt) so nobody can take it over at once and be mistaken for
    // the deleted user; domain/usernames.ts decides when it is free again.
    if (nameSnap.exists && (nameSnap.data() as UsernameDoc).uid === uid) {
      tx.set(nameRef, { uid, username, releasedAt: FieldValue.serverTimestamp() })
    }
    tx.delete(userRef)
  })
  const itemsWithdrawn = await withdrawItems(uid)
  const rooms = await db.collection('rooms').where('memberIds', 'array-contains', uid).get()
  await Promise.all(rooms.docs.map((room) => leaveIfThere(uid, room.id)))
  await deleteOwnData(uid)
  await deleteAuthUser(uid)
  return { deleted: true, roomsLeft: rooms.size, itemsWithdrawn }
}

/** The seller's unsold items leave the market; their rooms then say so (onItemUpdated). */
async function withdrawItems(uid: string): Promise<number> {
  const unsold: ItemStatus[] = ['available', 'reserved']
  const items = await db
    .collection('items')
    .where('sellerId', '==', uid)
    .where('status', 'in', unsold)
    .get()
  const writer = db.bulkWriter()
  for (const item of items.docs) {
    void writer.update(item.ref, {
      status: 'withdrawn' satisfies ItemStatus,
      updatedAt: FieldValue.serverTimestamp(),
    })
  }
  await writer.close()
  return items.size
}

async function leaveIfThere(uid: string, roomId: string): Promise<void> {
  try {
    await leaveRoomTx(uid, roomId, { limited: false })
  } catch (error) {
    // Emptied and deleted by its last other member meanwhile: nothing left to leave.
    if (!(error instanceof HttpsError && error.code === 'not-found')) throw error
  }
}

/**
 * What was the user's alone: the lists under their profile (the profile itself went first;
 * favourites deleted here leave their items' counts through onFavoriteWritten) and their
 * listing and block logs. `accounts/{uid}` keeps the deletion mark.
 */
async function deleteOwnData(uid: string): Promise<void> {
  await db.recursiveDelete(profileRef(uid))
  await Promise.all([listingLogRef(uid).delete(), blockLogRef(uid).delete()])
}

async function deleteAuthUser(uid: string): Promise<void> {
  try {
    await adminAuth.deleteUser(uid)
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'auth/user-not-found') throw error
  }
}
