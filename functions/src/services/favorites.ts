// Favourites (관심): `users/{uid}/favorites/{itemId}` written by setFavorite (rate-limited), and
// `items/{itemId}.favoriteCount` kept by a trigger that counts them.
import { FieldValue } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import { db } from '../admin'
import type { SetFavoriteInput } from '../domain/inputs'
import { FAVORITE_WINDOW_MS, FAVORITE_WRITES_MAX } from '../domain/limits'
import type { FavoriteDoc, ItemDoc } from '../domain/types'
import { accountRef, favoriteRef, itemRef, profileRef } from './paths'
import { profileFrom } from './profiles'
import { type RateLimit, countAction } from './rateLimits'
import { readAll } from './reads'

export const FAVORITE_LIMIT: RateLimit = {
  field: 'favoriteChanges',
  max: FAVORITE_WRITES_MAX,
  windowMs: FAVORITE_WINDOW_MS,
}

/**
 * Adds (`on`) or removes the caller's favourite. Asking for what is already so changes nothing
 * and is not counted; every change is, FAVORITE_WRITES_MAX per window.
 */
export async function setFavoriteTx(
  uid: string,
  { itemId, on }: SetFavoriteInput,
  now: number = Date.now(),
): Promise<{ on: boolean }> {
  await db.runTransaction(async (tx) => {
    const [itemSnap, favoriteSnap, profileSnap, rateSnap] = await readAll(
      tx,
      itemRef(itemId),
      favoriteRef(uid, itemId),
      profileRef(uid),
      accountRef(uid),
    )
    profileFrom(profileSnap)
    if (favoriteSnap.exists === on) return
    if (on && !itemSnap.exists) throw new HttpsError('not-found', 'No such item.')
    countAction(tx, FAVORITE_LIMIT, rateSnap, now)
    if (!on) {
      tx.delete(favoriteSnap.ref)
      return
    }
    const favorite: FavoriteDoc<FieldValue> = {
      itemId,
      title: (itemSnap.data() as ItemDoc).title,
      createdAt: FieldValue.serverTimestamp(),
    }
    tx.create(favoriteSnap.ref, favorite)
  })
  return { on }
}

/**
 * Sets `items/{itemId}.favoriteCount` to the number of favourites of the item. Counts rather than
 * increments, so a redelivered or reordered event leaves the right number.
 */
export async function recountFavorites(itemId: string): Promise<number | null> {
  const count = (
    await db.collectionGroup('favorites').where('itemId', '==', itemId).count().get()
  ).data().count
  return db.runTransaction(async (tx) => {
    const item = await tx.get(itemRef(itemId))
    if (!item.exists) return null
    if (item.get('favoriteCount') !== count) tx.update(item.ref, { favoriteCount: count })
    return count
  })
}
