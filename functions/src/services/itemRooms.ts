// The one chat room of an item: `rooms/item-{itemId}`, owned by the seller.
import { FieldValue } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import type { ItemDoc, RoomDoc, RoomIdResult, UserDoc } from '../domain/types'
import { itemRoomId } from '../domain/types'
import { accountStateOf, assertLive, membershipChange, saveAccount } from './accountLimits'
import { accountRef, itemRef, memberRef, profileRef, roomRef } from './paths'
import { profileFrom } from './profiles'
import { addMember, addSystemMessage, newMember, setPublicFace } from './rooms'
import { readAll } from './reads'
import { createRoster } from './roster'
import { db } from '../admin'
import { recordAsker } from './deals'

const blockRef = (owner: string, blocked: string) => db.doc(`users/${owner}/blocks/${blocked}`)

/**
 * Creates the item's room if needed (seller as owner and first member) and adds the caller, in
 * one transaction: concurrent buyers still give one room with each of them in it once.
 */
export async function openItemRoomTx(
  uid: string,
  itemId: string,
  now: number = Date.now(),
): Promise<RoomIdResult> {
  const roomId = itemRoomId(itemId)
  const ref = roomRef(roomId)
  await db.runTransaction(async (tx) => {
    const [itemSnap, roomSnap, memberSnap, profileSnap, accountSnap] = await readAll(
      tx,
      itemRef(itemId),
      ref,
      memberRef(roomId, uid),
      profileRef(uid),
      accountRef(uid),
    )
    if (!itemSnap.exists) throw new HttpsError('not-found', 'No such item.')
    const item = itemSnap.data() as ItemDoc
    // A buyer the seller blocked cannot open (or reopen) the chat of the seller's items.
    if (uid !== item.sellerId && (await tx.get(blockRef(item.sellerId, uid))).exists) {
      throw new HttpsError('permission-denied', 'The seller does not take your messages.', {
        problem: 'blocked',
      })
    }
    if (memberSnap.exists) return
    if (item.status === 'sold') {
      throw new HttpsError('failed-precondition', 'This item is sold.', { problem: 'sold' })
    }
    if (item.status === 'withdrawn') {
      throw new HttpsError('failed-precondition', 'The seller has left.', { problem: 'no-seller' })
    }
    if (item.status === 'deleted') {
      throw new HttpsError('failed-precondition', 'The seller took this listing down.', {
        problem: 'deleted',
      })
    }
    const profile = profileFrom(profileSnap)
    const account = accountStateOf(accountSnap)
    assertLive(account)
    const { announce, patch } = membershipChange(account, roomId, now)
    if (roomSnap.exists) {
      // A seller who left their item's room comes back as its owner.
      if (uid !== item.sellerId) recordAsker(tx, roomId, uid, profile)
      const role = uid === item.sellerId ? 'owner' : 'member'
      addMember(tx, roomId, roomSnap.data() as RoomDoc, uid, profile, role, { announce, now })
      saveAccount(tx, uid, patch)
      return
    }
    const sellerSnap = uid === item.sellerId ? null : await tx.get(profileRef(item.sellerId))
    const seller = sellerSnap ? (sellerSnap.data() as UserDoc | undefined) : profile
    if (!seller)
      throw new HttpsError('failed-precondition', 'The seller has left.', { problem: 'no-seller' })
    const memberIds = uid === item.sellerId ? [uid] : [item.sellerId, uid]
    const room: RoomDoc<FieldValue> = {
      kind: 'item',
      title: item.title,
      ownerId: item.sellerId,
      itemId,
      capacity: null,
      hasPassword: false,
      memberIds,
      memberCount: memberIds.length,
      lastMessage: { text: 'created', senderName: seller.username, kind: 'system' },
      lastMessageAt: FieldValue.serverTimestamp(),
      createdAt: FieldValue.serverTimestamp(),
    }
    saveAccount(tx, uid, patch)
    tx.create(ref, room)
    setPublicFace(tx, roomId, room, memberIds.length, now)
    const members = { [item.sellerId]: newMember(item.sellerId, seller, 'owner') }
    addSystemMessage(tx, roomId, 'created', { uid: item.sellerId, username: seller.username })
    if (uid !== item.sellerId) {
      // Who ever asked stays on record after leaving: completeSale may name them as the buyer.
      recordAsker(tx, roomId, uid, profile)
      members[uid] = newMember(uid, profile, 'member')
      addSystemMessage(tx, roomId, 'joined', { uid, username: profile.username })
    }
    for (const [memberId, member] of Object.entries(members)) {
      tx.create(memberRef(roomId, memberId), member)
    }
    createRoster(tx, roomId, members)
  })
  return { roomId }
}
