import type { Transaction } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { db } from '../admin'
import type { UserDoc } from '../domain/types'

/** The caller's profile read in `tx`, or `failed-precondition` when they have none yet. */
export async function profileIn(tx: Transaction, uid: string): Promise<UserDoc> {
  const snap = await tx.get(db.doc(`users/${uid}`))
  if (!snap.exists) {
    throw new HttpsError('failed-precondition', 'Choose a username first.', {
      problem: 'no-profile',
    })
  }
  return snap.data() as UserDoc
}
