// Claiming and releasing usernames: the transaction code the callables run and tests call
// directly against the Firestore emulator.
import { FieldValue } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { db } from '../admin'
import { colorForUid } from '../domain/colors'
import type { ClaimUsernameResult, UserDoc, UsernameDoc } from '../domain/types'
import { randomGuestUsername, usernameKey } from '../domain/usernames'
import { accountStateOf, assertLive } from './accountLimits'
import { accountRef } from './paths'
import { profileRef } from './profiles'
import { readAll } from './reads'

/** Generated names tried before giving up; with 10^9 names a second try is already rare. */
const GUEST_NAME_TRIES = 20

export interface ClaimRequest {
  uid: string
  isGuest: boolean
  /** Validated, normalised username; absent means "give this guest a generated name". */
  username?: string
  /** Where generated guest names come from (tests make them collide). */
  nextGuestName?: () => string
}

/**
 * Claims `username` for `uid` in one transaction: creates `usernames/{key}` and writes
 * `users/{uid}`. A later claim renames: the old key is released and the user's member docs
 * take the new name, all in the same transaction.
 */
export async function claimUsernameTx(request: ClaimRequest): Promise<ClaimUsernameResult> {
  if (request.username !== undefined)
    return claimOnce(request.uid, request.isGuest, request.username)
  if (!request.isGuest) {
    throw new HttpsError('invalid-argument', 'Choose a username.', {
      field: 'username',
      problem: 'required',
    })
  }
  const existing = await profileRef(request.uid).get()
  if (existing.exists) {
    const user = existing.data() as UserDoc
    return { username: user.username, usernameKey: user.usernameKey }
  }
  for (let attempt = 0; attempt < GUEST_NAME_TRIES; attempt++) {
    try {
      const name = (request.nextGuestName ?? randomGuestUsername)()
      return await claimOnce(request.uid, true, name)
    } catch (error) {
      if (!(error instanceof HttpsError && error.code === 'already-exists')) throw error
    }
  }
  throw new HttpsError('aborted', 'Could not find a free guest name, please try again.')
}

function claimOnce(uid: string, isGuest: boolean, username: string): Promise<ClaimUsernameResult> {
  const key = usernameKey(username)
  const userRef = profileRef(uid)
  const nameRef = db.doc(`usernames/${key}`)
  return db.runTransaction(async (tx) => {
    const [userSnap, nameSnap, accountSnap] = await readAll(tx, userRef, nameRef, accountRef(uid))
    // deleteAccount marks the account in its first transaction: a claim racing it gets nothing.
    assertLive(accountStateOf(accountSnap))
    const owner = nameSnap.exists ? (nameSnap.data() as UsernameDoc).uid : null
    if (owner !== null && owner !== uid) {
      throw new HttpsError('already-exists', 'That username is taken.', {
        field: 'username',
        problem: 'taken',
      })
    }
    const user = userSnap.exists ? (userSnap.data() as UserDoc) : null
    // A rename also renames the user's member docs; a first claim has none to read.
    const rooms = user
      ? await tx.get(db.collection('rooms').where('memberIds', 'array-contains', uid))
      : null
    if (user && user.usernameKey !== key) tx.delete(db.doc(`usernames/${user.usernameKey}`))
    tx.set(nameRef, { uid, username } satisfies UsernameDoc)
    if (user) {
      tx.update(userRef, { username, usernameKey: key })
      for (const room of rooms?.docs ?? [])
        tx.update(room.ref.collection('members').doc(uid), { username })
    } else {
      tx.create(userRef, {
        username,
        usernameKey: key,
        color: colorForUid(uid),
        isGuest,
        createdAt: FieldValue.serverTimestamp(),
      } satisfies UserDoc<FieldValue>)
    }
    return { username, usernameKey: key }
  })
}
