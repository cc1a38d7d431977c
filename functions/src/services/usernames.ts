// Claiming and releasing usernames: the transaction code the callables run and tests call
// directly against the Firestore emulator.
import { type DocumentSnapshot, FieldPath, FieldValue, Timestamp } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { db } from '../admin'
import { colorForUid } from '../domain/colors'
import type { ClaimUsernameResult, UserDoc, UsernameDoc } from '../domain/types'
import { nameClaimProblem, randomGuestUsername, usernameKey } from '../domain/usernames'
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
  /** The time of the claim in ms (tests move the clock past a name's hold). */
  now?: number
}

/**
 * Claims `username` for `uid` in one transaction: creates `usernames/{key}` and writes
 * `users/{uid}`. A later claim renames: the old key is released (held for `uid` for
 * USERNAME_HOLD_MS) and the user's member docs take the new name, all in the same transaction;
 * then the user's items take it too.
 */
export async function claimUsernameTx(request: ClaimRequest): Promise<ClaimUsernameResult> {
  const now = request.now ?? Date.now()
  if (request.username !== undefined) {
    const { result, renamed } = await claimOnce(request.uid, request.isGuest, request.username, now)
    if (renamed) await renameItems(request.uid)
    return result
  }
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
      return (await claimOnce(request.uid, true, name, now)).result
    } catch (error) {
      if (!(error instanceof HttpsError && error.code === 'already-exists')) throw error
    }
  }
  throw new HttpsError('aborted', 'Could not find a free guest name, please try again.')
}

async function claimOnce(
  uid: string,
  isGuest: boolean,
  username: string,
  now: number,
): Promise<{ result: ClaimUsernameResult; renamed: boolean }> {
  const key = usernameKey(username)
  const userRef = profileRef(uid)
  const nameRef = db.doc(`usernames/${key}`)
  return db.runTransaction(async (tx) => {
    const [userSnap, nameSnap, accountSnap] = await readAll(tx, userRef, nameRef, accountRef(uid))
    // deleteAccount marks the account in its first transaction: a claim racing it gets nothing.
    assertLive(accountStateOf(accountSnap))
    const problem = nameClaimProblem(
      nameSnap.data() as UsernameDoc<Timestamp> | undefined,
      uid,
      now,
    )
    if (problem) {
      const message =
        problem === 'held'
          ? 'That username was released recently and is held.'
          : 'That username is taken.'
      throw new HttpsError('already-exists', message, { field: 'username', problem })
    }
    const user = userSnap.exists ? (userSnap.data() as UserDoc) : null
    // A rename also renames the user's member docs; a first claim has none to read.
    const rooms = user
      ? await tx.get(db.collection('rooms').where('memberIds', 'array-contains', uid))
      : null
    if (user && user.usernameKey !== key) {
      tx.set(db.doc(`usernames/${user.usernameKey}`), {
        uid,
        username: user.username,
        releasedAt: Timestamp.fromMillis(now),
      } satisfies UsernameDoc<Timestamp>)
    }
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
    return {
      result: { username, usernameKey: key },
      renamed: user !== null && user.username !== username,
    }
  })
}

/** Items renamed per transaction (Firestore allows 500 writes in one). */
const ITEM_PAGE = 400

/**
 * Gives the seller's items the seller's current name, a page per transaction. Each transaction
 * reads the profile, so a pass that runs late (after a second rename) still writes the newest
 * name: the profile read and the second rename cannot interleave.
 */
async function renameItems(uid: string): Promise<void> {
  let last: DocumentSnapshot | undefined
  for (;;) {
    const page = await db.runTransaction(async (tx) => {
      let items = db
        .collection('items')
        .where('sellerId', '==', uid)
        .orderBy(FieldPath.documentId())
        .limit(ITEM_PAGE)
      if (last) items = items.startAfter(last)
      const profile = await tx.get(profileRef(uid))
      const found = await tx.get(items)
      const username: unknown = profile.get('username')
      for (const item of found.docs) {
        if (profile.exists && item.get('sellerName') !== username)
          tx.update(item.ref, { sellerName: username })
      }
      return found.docs
    })
    if (page.length < ITEM_PAGE) return
    last = page[page.length - 1]
  }
}
