// Seeds for marketplace tests (Admin SDK on the emulator): profiles and items as the app makes them.
import { Timestamp } from 'firebase-admin/firestore'
import { colorForUid } from '../../functions/src/domain/colors'
import type { ItemDoc, ItemStatus } from '../../functions/src/domain/types'
import { usernameKey } from '../../functions/src/domain/usernames'
import { db } from './admin'

/** A profile for `uid`, as claimUsername writes it. */
export async function seedProfile(uid: string, username: string): Promise<void> {
  await db.doc(`users/${uid}`).set({
    username,
    usernameKey: usernameKey(username),
    color: colorForUid(uid),
    isGuest: false,
    createdAt: Timestamp.now(),
  })
}

/** An item document as a seller lists it. */
export function itemData(
  sellerId: string,
  status: ItemStatus = 'available',
  overrides: Partial<ItemDoc> = {},
): ItemDoc<Timestamp> {
  return {
    sellerId,
    sellerName: 'Seller',
    title: 'Bicycle',
    description: '',
    price: 50000,
    status,
    createdAt: Timestamp.now(),
    updatedAt: Timestamp.now(),
    ...(overrides as Partial<ItemDoc<Timestamp>>),
  }
}

export async function seedItem(itemId: string, sellerId: string, status?: ItemStatus) {
  await db.doc(`items/${itemId}`).set(itemData(sellerId, status))
}

/** Reads until `done` holds or `ms` pass (triggers run asynchronously); returns the last value. */
export async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 60_000) {
  const end = Date.now() + ms
  for (;;) {
    const value = await read()
    if (done(value) || Date.now() > end) return value
    await new Promise((r) => setTimeout(r, 200))
  }
}
