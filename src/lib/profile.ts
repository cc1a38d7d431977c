import { type Unsubscribe, doc, onSnapshot } from 'firebase/firestore'
import type { UserDoc } from '@domain/types'
import { db } from './db'

/** Listens to `users/{uid}`: the profile, or null while there is none. */
export function watchProfile(
  uid: string,
  next: (profile: UserDoc | null) => void,
  fail: (error: unknown) => void,
): Unsubscribe {
  return onSnapshot(
    doc(db, 'users', uid),
    (snap) => next(snap.exists() ? (snap.data() as UserDoc) : null),
    fail,
  )
}
