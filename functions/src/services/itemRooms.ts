// The one chat room of an item: `rooms/item-{itemId}`, owned by the seller.
import { FieldValue } from 'firebase-admin/firestore'
import { HttpsError } from 'firebase-functions/v2/https'
import {
  ITEM_CHAT_BUYERS_MAX,
  ITEM_CHAT_JOINS_PER_WINDOW,
  ITEM_CHAT_JOIN_WINDOW_MS,
} from '../domain/limits'
import { logAction, waitForSlot } from '../domain/rateLimits'
import type { ItemDoc, RoomDoc, RoomIdResult, UserDoc } from '../domain/types'
import { itemRoomId } from '../domain/types'
import {
  accountStateOf,
  assertLive,
  membershipChange,
  saveAccount,
  slowDown,
} from './accountLimits'
import { accountRef, itemChatJoinsRef, itemRef, memberRef, profileRef, roomRef } from './paths'
import { profileFrom } from './profiles'
import { systemSummary } from './roomSummary'
import { addMember, addSystemMessage, leaveRoomTx, newMember, setPublicFace } from './rooms'
import { readAll } from './reads'
import { createRoster } from './roster'
import { db } from '../admin'
import { recordAsker } from './deals'

const blockRef = (owner: string, blocked: string) => db.doc(`users/${owner}/blocks/${blocked}`)

/** `rooms/{roomId}/private/joins`: the times (ms) buyers were let in lately, oldest first. */
interface ItemChatJoins {
  at?: number[]
}

/**
 * The room's bound on buyers, whoever asks: a seat among ITEM_CHAT_BUYERS_MAX, and a place among
 * the ITEM_CHAT_JOINS_PER_WINDOW let in within the window; returns the join log with this join.
 */
function admitBuyer(
  room: RoomDoc | undefined,
  sellerId: string,
  joins: ItemChatJoins,
  now: number,
) {
  const buyers = room ? room.memberCount - (room.memberIds.includes(sellerId) ? 1 : 0) : 0
  if (buyers >= ITEM_CHAT_BUYERS_MAX) {
    throw new HttpsError('resource-exhausted', "This item's chat is full.", {
      problem: 'full',
      max: ITEM_CHAT_BUYERS_MAX,
    })
  }
  const wait = waitForSlot(joins.at, now, ITEM_CHAT_JOINS_PER_WINDOW, ITEM_CHAT_JOIN_WINDOW_MS)
  if (wait > 0) throw slowDown(wait, 'busy')
  return { at: logAction(joins.at, now, ITEM_CHAT_JOINS_PER_WINDOW, ITEM_CHAT_JOIN_WINDOW_MS) }
}

/**
 * Creates the item's room if needed (seller as owner and first member) and adds the caller, in
 * one transaction: concurrent buyers still give one room with each of them in it once. A new
 * buyer needs an account (not a guest) and a place within the room's bound (admitBuyer).
 */
export async function openItemRoomTx(
  uid: string,
  itemId: string,
  now: number = Date.now(),
): Promise<RoomIdResult> {
  const roomId = itemRoomId(itemId)
  const ref = roomRef(roomId)
  await db.runTransaction(async (tx) => {
    const [itemSnap, roomSnap, memberSnap, profileSnap, accountSnap, joinsSnap] = await readAll(
      tx,
      itemRef(itemId),
      ref,
      memberRef(roomId, uid),
      profileRef(uid),
      accountRef(uid),
      itemChatJoinsRef(roomId),
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
    const isBuyer = uid !== item.sellerId
    // Free guest accounts may chat in open rooms; contacting a seller takes an account.
    if (isBuyer && profile.isGuest) {
      throw new HttpsError('permission-denied', 'Create an account to contact a seller.', {
        problem: 'guest',
      })
    }
    const account = accountStateOf(accountSnap)
    assertLive(account)
    const { announce, patch } = membershipChange(account, roomId, now)
    const room = roomSnap.data() as RoomDoc | undefined
    const joins = joinsSnap.data() as ItemChatJoins | undefined
    // Written after the last read (a new room reads the seller's profile below).
    const joinLog = isBuyer ? admitBuyer(room, item.sellerId, joins ?? {}, now) : null
    const logJoin = () => {
      if (joinLog) tx.set(itemChatJoinsRef(roomId), joinLog)
    }
    if (room) {
      logJoin()
      // A seller who left their item's room comes back as its owner.
      if (uid !== item.sellerId) recordAsker(tx, roomId, uid, profile)
      const role = uid === item.sellerId ? 'owner' : 'member'
      // A buyer reads from their join on (the rules' history bound); the seller reads it all.
      addMember(tx, roomId, room, uid, profile, role, { announce, now, historyFromJoin: isBuyer })
      saveAccount(tx, uid, patch)
      return
    }
    const sellerSnap = uid === item.sellerId ? null : await tx.get(profileRef(item.sellerId))
    const seller = sellerSnap ? (sellerSnap.data() as UserDoc | undefined) : profile
    if (!seller)
      throw new HttpsError('failed-precondition', 'The seller has left.', { problem: 'no-seller' })
    const memberIds = uid === item.sellerId ? [uid] : [item.sellerId, uid]
    const newRoom: RoomDoc<FieldValue> = {
      kind: 'item',
      title: item.title,
      ownerId: item.sellerId,
      itemId,
      capacity: null,
      hasPassword: false,
      memberIds,
      memberCount: memberIds.length,
      lastMessage: systemSummary('created', seller.username),
      lastMessageAt: FieldValue.serverTimestamp(),
      createdAt: FieldValue.serverTimestamp(),
    }
    saveAccount(tx, uid, patch)
    logJoin()
    tx.create(ref, newRoom)
    setPublicFace(tx, roomId, newRoom, memberIds.length, now)
    const members = { [item.sellerId]: newMember(seller, 'owner') }
    addSystemMessage(tx, roomId, 'created', { uid: item.sellerId, username: seller.username })
    if (uid !== item.sellerId) {
      // Who ever asked stays on record after leaving: completeSale may name them as the buyer.
      recordAsker(tx, roomId, uid, profile)
      members[uid] = newMember(profile, 'member')
      addSystemMessage(tx, roomId, 'joined', { uid, username: profile.username })
    }
    for (const [memberId, member] of Object.entries(members)) {
      tx.create(memberRef(roomId, memberId), member)
    }
    createRoster(tx, roomId, members)
  })
  return { roomId }
}

/**
 * Takes `blockedUid` out of the chats of `sellerId`'s items (a seller's block frees the seat of
 * a buyer, who cannot come back: openItemRoomTx refuses the blocked). Open rooms are untouched.
 * Returns the rooms left.
 */
export async function removeBlockedBuyer(sellerId: string, blockedUid: string): Promise<string[]> {
  // Equalities only: served by single-field indexes. Bounded by the seller's items.
  const rooms = await db
    .collection('rooms')
    .where('ownerId', '==', sellerId)
    .where('memberIds', 'array-contains', blockedUid)
    .get()
  const itemRooms = rooms.docs.filter((d) => d.get('kind') === 'item').map((d) => d.id)
  for (const roomId of itemRooms) await leaveRoomTx(blockedUid, roomId, { limited: false })
  return itemRooms
}
