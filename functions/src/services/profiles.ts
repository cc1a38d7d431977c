import type { DocumentReference, DocumentSnapshot, Transaction } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { db } from '../admin'
import type { UserDoc } from '../domain/types'

export function profileRef(uid: string): DocumentReference {
  return db.doc(`users/${uid}`)
}

/** The profile in `snap`, or `failed-precondition` when its owner has none yet. */
export function profileFrom(snap: DocumentSnapshot): UserDoc {
  if (!snap.exists) {
    throw new HttpsError('failed-precondition', 'Choose a username first.', {
      problem: 'no-profile',
    })
  }
  return snap.data() as UserDoc
}

/** The caller's profile read in `tx`, or `failed-precondition` when they have none yet. */
export async function profileIn(tx: Transaction, uid: string): Promise<UserDoc> {
  return profileFrom(await tx.get(profileRef(uid)))
}
