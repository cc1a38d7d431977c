// Every collection × actor × operation, as one table the test walks. A collection in
// firestore.rules without rows here fails the test, so a new collection cannot go untested.
import { readFileSync } from 'node:fs'
import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type Actor,
  as,
  assertFails,
  assertSucceeds,
  blockWithLog,
  bytes,
  editFields,
  editItem,
  itemDoc,
  listWithLog,
  noticeDoc,
  photoDoc,
  photoMessageDoc,
  profileDoc,
  rulesEnv,
  seed,
  sendWithLog,
  updateWithLog,
} from '../support/rules'

type Db = ReturnType<typeof as>
type Operation = 'get' | 'list' | 'create' | 'update' | 'delete'
const OPERATIONS: readonly Operation[] = ['get', 'list', 'create', 'update', 'delete']
const ACTORS: readonly Actor[] = ['signed-out', 'guest', 'stranger', 'member', 'owner']

/** What one actor attempts for one operation; `uid` is the actor's uid ('' when signed out). */
type Attempt = (db: Db, uid: string) => Promise<unknown>
interface Row {
  /** Whether each actor may do it. */
  allowed: Record<Actor, boolean>
  attempt: Attempt
}
/** Keyed by collection name; a nested collection whose name recurs is keyed `parent/name`. */
type Table = Record<string, Record<Operation, Row>>

const ROOM = 'rooms/room1'
const NAMES: Record<Actor, string> = {
  'signed-out': '',
  guest: 'guest_1234',
  stranger: 'Stranger',
  member: 'Member',
  owner: 'Owner',
}

const only = (...actors: Actor[]): Record<Actor, boolean> =>
  Object.fromEntries(ACTORS.map((a) => [a, actors.includes(a)])) as Record<Actor, boolean>
const nobody = only()
const everyone = only(...ACTORS)
const signedIn = only('guest', 'stranger', 'member', 'owner')
const members = only('member', 'owner')

/** The actor's own doc where they have one, else the owner's (an attack on someone else's). */
const ownOrOwners = (uid: string, own: readonly string[]) => (own.includes(uid) ? uid : 'owner')

function textMessage(uid: string, name: string) {
  return {
    kind: 'text',
    text: 'hello',
    senderId: uid,
    senderName: name,
    createdAt: serverTimestamp(),
  }
}

// owner = seller / room owner / profile owner; member = a member of room1 and a buyer.
const TABLE: Table = {
  usernames: {
    get: { allowed: everyone, attempt: (db) => db.doc('usernames/owner').get() },
    list: { allowed: nobody, attempt: (db) => db.collection('usernames').limit(5).get() },
    create: {
      allowed: nobody,
      attempt: (db, uid) => db.doc('usernames/brandnew').set({ uid, username: 'brandnew' }),
    },
    update: {
      allowed: nobody,
      attempt: (db, uid) => db.doc('usernames/owner').update({ uid }),
    },
    delete: {
      allowed: nobody,
      attempt: (db, uid) => db.doc(`usernames/${ownOrOwners(uid, ['member', 'owner'])}`).delete(),
    },
  },
  users: {
    get: { allowed: signedIn, attempt: (db) => db.doc('users/owner').get() },
    // Profiles are not a directory: nobody pages through them.
    list: { allowed: nobody, attempt: (db) => db.collection('users').limit(10).get() },
    create: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`users/${uid || 'nobody'}-new`).set({
          username: 'Fresh',
          usernameKey: 'fresh',
          color: '#000000',
          isGuest: false,
          createdAt: serverTimestamp(),
        }),
    },
    update: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`users/${ownOrOwners(uid, ['guest', 'stranger', 'member', 'owner'])}`).update({
          color: '#ffffff',
        }),
    },
    delete: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`users/${ownOrOwners(uid, ['guest', 'stranger', 'member', 'owner'])}`).delete(),
    },
  },
  items: {
    get: { allowed: signedIn, attempt: (db) => db.doc('items/item1').get() },
    list: { allowed: signedIn, attempt: (db) => db.collection('items').limit(10).get() },
    create: {
      // Any account with a profile sells as itself; guests cannot sell.
      allowed: only('stranger', 'member', 'owner'),
      attempt: (db, uid) =>
        listWithLog(db, uid, db.collection('items').doc().path, {
          sellerId: uid || 'nobody',
          sellerName: NAMES[(uid || 'signed-out') as Actor] ?? uid,
          title: 'Lamp',
          description: 'Bright',
          price: 5000,
          status: 'available',
          createdAt: serverTimestamp(),
          updatedAt: serverTimestamp(),
        }),
    },
    update: {
      allowed: only('owner'),
      attempt: (db) => editItem(db, 'items/item1', { price: 900, updatedAt: serverTimestamp() }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc('items/item1').delete() },
  },
  listingLogs: {
    // The seller's own log; written only with a new listing (the items create row writes it).
    get: { allowed: only('owner'), attempt: (db) => db.doc('listingLogs/owner').get() },
    list: { allowed: nobody, attempt: (db) => db.collection('listingLogs').limit(5).get() },
    create: {
      // A first log for a listing never made: allowed, and it counts against the writer's window
      // (the owner already has a log: writing it is an update).
      allowed: only('guest', 'stranger', 'member'),
      attempt: (db, uid) =>
        db
          .doc(`listingLogs/${uid || 'nobody'}`)
          .set({ windowAt: serverTimestamp(), count: 1, itemId: 'some-item' }),
    },
    update: {
      allowed: only('owner'),
      attempt: (db, uid) =>
        db
          .doc(`listingLogs/${ownOrOwners(uid, ['owner'])}`)
          .update({ count: 2, itemId: 'another-item' }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc('listingLogs/owner').delete() },
  },
  blockLogs: {
    // The user's own log; written only with a new block (the blocks create row writes it).
    get: { allowed: only('owner'), attempt: (db) => db.doc('blockLogs/owner').get() },
    list: { allowed: nobody, attempt: (db) => db.collection('blockLogs').limit(5).get() },
    create: {
      // A first log for a block never made: allowed, and it counts against the writer's window
      // (the owner already has a log: writing it is an update).
      allowed: only('guest', 'stranger', 'member'),
      attempt: (db, uid) =>
        db.doc(`blockLogs/${uid || 'nobody'}`).set({
          windowAt: serverTimestamp(),
          count: 1,
          blockedUid: 'someone',
          blockedAt: serverTimestamp(),
        }),
    },
    update: {
      allowed: only('owner'),
      attempt: (db, uid) =>
        db
          .doc(`blockLogs/${ownOrOwners(uid, ['owner'])}`)
          .update({ count: 2, blockedUid: 'someone', blockedAt: serverTimestamp() }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc('blockLogs/owner').delete() },
  },
  accounts: {
    get: { allowed: nobody, attempt: (db, uid) => db.doc(`accounts/${uid || 'owner'}`).get() },
    list: { allowed: nobody, attempt: (db) => db.collection('accounts').limit(5).get() },
    create: {
      allowed: nobody,
      attempt: (db, uid) => db.doc(`accounts/${uid || 'nobody'}`).set({ membershipChanges: [] }),
    },
    update: {
      allowed: nobody,
      attempt: (db) => db.doc('accounts/owner').update({ roomsCreated: [] }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc('accounts/owner').delete() },
  },
  publicRooms: {
    get: { allowed: signedIn, attempt: (db) => db.doc('publicRooms/room1').get() },
    list: {
      allowed: signedIn,
      attempt: (db) => db.collection('publicRooms').orderBy('rank', 'desc').limit(20).get(),
    },
    create: {
      allowed: nobody,
      attempt: (db) => db.doc('publicRooms/room2').set({ kind: 'open', title: 'Spam', rank: 9e15 }),
    },
    update: {
      allowed: nobody,
      attempt: (db) => db.doc('publicRooms/room1').update({ rank: 9e15 }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc('publicRooms/room1').delete() },
  },
  deals: {
    // owner sold item1 to member.
    get: { allowed: only('owner', 'member'), attempt: (db) => db.doc('deals/item1').get() },
    list: {
      allowed: only('owner'),
      attempt: (db) => db.collection('deals').where('sellerId', '==', 'owner').limit(10).get(),
    },
    create: {
      allowed: nobody,
      attempt: (db, uid) => db.doc('deals/item2').set({ ...deal(), buyerId: uid }),
    },
    update: {
      allowed: nobody,
      attempt: (db) => db.doc('deals/item1').update({ price: 1 }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc('deals/item1').delete() },
  },
  reviews: {
    // member's review of owner, not yet published.
    get: { allowed: only('member'), attempt: (db) => db.doc('reviews/item1_member').get() },
    list: {
      allowed: only('member'),
      attempt: (db) => db.collection('reviews').where('reviewerId', '==', 'member').limit(10).get(),
    },
    create: {
      allowed: nobody,
      attempt: (db, uid) => db.doc(`reviews/item1_${uid || 'nobody'}x`).set(hiddenReview()),
    },
    update: {
      allowed: nobody,
      attempt: (db) => db.doc('reviews/item1_member').update({ publishAt: new Date(0) }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc('reviews/item1_member').delete() },
  },
  favorites: {
    get: {
      allowed: only('owner'),
      attempt: (db) => db.doc('users/owner/favorites/item1').get(),
    },
    list: {
      allowed: only('owner'),
      attempt: (db) => db.collection('users/owner/favorites').limit(10).get(),
    },
    create: {
      allowed: nobody,
      attempt: (db, uid) =>
        db
          .doc(`users/${uid || 'owner'}/favorites/item2`)
          .set({ itemId: 'item2', title: 'Bike', createdAt: serverTimestamp() }),
    },
    update: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`users/${ownOrOwners(uid, ['owner'])}/favorites/item1`).update({ title: 'x' }),
    },
    delete: {
      allowed: nobody,
      attempt: (db, uid) => db.doc(`users/${ownOrOwners(uid, ['owner'])}/favorites/item1`).delete(),
    },
  },
  notices: {
    get: { allowed: only('owner'), attempt: (db) => db.doc('users/owner/notices/item1').get() },
    list: {
      allowed: only('owner'),
      attempt: (db) => db.collection('users/owner/notices').limit(10).get(),
    },
    create: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`users/${uid || 'owner'}/notices/item2`).set({ ...noticeDoc(), itemId: 'item2' }),
    },
    update: {
      // Only marking it read.
      allowed: only('owner'),
      attempt: (db) => db.doc('users/owner/notices/item1').update({ read: true }),
    },
    delete: {
      allowed: only('owner'),
      attempt: (db) => db.doc('users/owner/notices/item1').delete(),
    },
  },
  trust: {
    get: { allowed: signedIn, attempt: (db) => db.doc('trust/owner').get() },
    list: { allowed: nobody, attempt: (db) => db.collection('trust').limit(10).get() },
    create: {
      allowed: nobody,
      attempt: (db, uid) => db.doc(`trust/${uid || 'nobody'}x`).set({ great: 9 }),
    },
    update: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`trust/${ownOrOwners(uid, ['member', 'owner'])}`).update({ great: 9 }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc('trust/owner').delete() },
  },
  rooms: {
    // The room doc (member list, last message) is for its members; others see publicRooms.
    get: { allowed: members, attempt: (db) => db.doc(ROOM).get() },
    // "My chats" lists one's own rooms; everyone tries to list the owner's.
    list: {
      allowed: only('owner'),
      attempt: (db) =>
        db.collection('rooms').where('memberIds', 'array-contains', 'owner').limit(10).get(),
    },
    create: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc('rooms/room2').set({
          kind: 'open',
          title: 'Mine',
          ownerId: uid,
          capacity: null,
          hasPassword: false,
          memberIds: [uid],
          memberCount: 1,
          lastMessage: null,
          lastMessageAt: null,
          createdAt: serverTimestamp(),
        }),
    },
    update: {
      allowed: nobody,
      attempt: (db, uid) => db.doc(ROOM).update({ memberIds: ['owner', 'member', uid] }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc(ROOM).delete() },
  },
  members: {
    get: { allowed: members, attempt: (db) => db.doc(`${ROOM}/members/owner`).get() },
    list: { allowed: members, attempt: (db) => db.collection(`${ROOM}/members`).limit(10).get() },
    create: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`${ROOM}/members/${uid || 'nobody'}`).set({
          username: 'Sneaky',
          color: '#000000',
          role: 'member',
          joinedAt: serverTimestamp(),
          lastReadAt: serverTimestamp(),
        }),
    },
    update: {
      // A member updates their own presence fields; others try the owner's doc.
      allowed: members,
      attempt: (db, uid) =>
        db
          .doc(`${ROOM}/members/${ownOrOwners(uid, ['member', 'owner'])}`)
          .update({ lastReadAt: serverTimestamp() }),
    },
    delete: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`${ROOM}/members/${ownOrOwners(uid, ['member', 'owner'])}`).delete(),
    },
  },
  messages: {
    get: { allowed: members, attempt: (db) => db.doc(`${ROOM}/messages/by-owner`).get() },
    list: {
      allowed: members,
      attempt: (db) => db.collection(`${ROOM}/messages`).orderBy('createdAt').limit(50).get(),
    },
    create: {
      allowed: members,
      attempt: (db, uid) =>
        sendWithLog(db, ROOM, uid, textMessage(uid, NAMES[(uid || 'signed-out') as Actor] ?? uid)),
    },
    update: {
      // The sender soft-deletes their own message; others try the owner's.
      allowed: members,
      attempt: (db, uid) =>
        updateWithLog(db, ROOM, uid, `by-${ownOrOwners(uid, ['member', 'owner'])}`, {
          text: '',
          deletedAt: serverTimestamp(),
        }),
    },
    delete: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`${ROOM}/messages/by-${ownOrOwners(uid, ['member', 'owner'])}`).delete(),
    },
  },
  blocks: {
    // Owner-only: others try the owner's list; everyone signed in may block in their own.
    get: { allowed: only('owner'), attempt: (db) => db.doc('users/owner/blocks/stranger').get() },
    list: {
      allowed: only('owner'),
      attempt: (db) => db.collection('users/owner/blocks').limit(10).get(),
    },
    create: {
      // With the write of the blocker's block log counting it, as the app does.
      allowed: signedIn,
      attempt: (db, uid) => blockWithLog(db, uid || 'owner', 'someone'),
    },
    update: {
      allowed: nobody,
      attempt: (db, uid) =>
        db
          .doc(`users/${ownOrOwners(uid, ['owner'])}/blocks/stranger`)
          .update({ username: 'Renamed' }),
    },
    delete: {
      allowed: only('owner'),
      attempt: (db) => db.doc('users/owner/blocks/stranger').delete(),
    },
  },
  mutedRooms: {
    // Owner-only; a room can be muted only by its members (room0 is the owner's muted room).
    get: { allowed: only('owner'), attempt: (db) => db.doc('users/owner/mutedRooms/room0').get() },
    list: {
      allowed: only('owner'),
      attempt: (db) => db.collection('users/owner/mutedRooms').limit(10).get(),
    },
    create: {
      allowed: members,
      attempt: (db, uid) =>
        db.doc(`users/${uid || 'owner'}/mutedRooms/room1`).set({ createdAt: serverTimestamp() }),
    },
    update: {
      allowed: nobody,
      attempt: (db, uid) =>
        db
          .doc(`users/${ownOrOwners(uid, ['owner'])}/mutedRooms/room0`)
          .update({ createdAt: serverTimestamp() }),
    },
    delete: {
      allowed: only('owner'),
      attempt: (db) => db.doc('users/owner/mutedRooms/room0').delete(),
    },
  },
  'users/state': {
    // users/{uid}/state/memberships: my read positions, written by a trigger; I only read mine.
    get: {
      allowed: only('owner'),
      attempt: (db) => db.doc('users/owner/state/memberships').get(),
    },
    list: { allowed: nobody, attempt: (db) => db.collection('users/owner/state').limit(5).get() },
    create: {
      allowed: nobody,
      attempt: (db, uid) => db.doc(`users/${uid || 'owner'}/state/other`).set({ rooms: {} }),
    },
    update: {
      allowed: nobody,
      attempt: (db, uid) =>
        db
          .doc(`users/${ownOrOwners(uid, ['owner'])}/state/memberships`)
          .update({ 'rooms.room1.lastReadAt': serverTimestamp() }),
    },
    delete: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`users/${ownOrOwners(uid, ['owner'])}/state/memberships`).delete(),
    },
  },
  reports: {
    // The reporter reads their own report back ('already reported').
    get: { allowed: only('member'), attempt: (db) => db.doc('reports/report1').get() },
    list: { allowed: nobody, attempt: (db) => db.collection('reports').limit(10).get() },
    create: {
      // A member of the room reports someone else in it.
      allowed: members,
      attempt: (db, uid) =>
        db.doc(`reports/${uid}_room1_${uid === 'owner' ? 'member' : 'owner'}`).set({
          reporterId: uid,
          targetUid: uid === 'owner' ? 'member' : 'owner',
          roomId: 'room1',
          messageId: null,
          reason: 'spam',
          note: '',
          createdAt: serverTimestamp(),
        }),
    },
    update: {
      allowed: nobody,
      attempt: (db) => db.doc('reports/report1').update({ note: 'changed' }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc('reports/report1').delete() },
  },
  'items/photos': {
    get: { allowed: signedIn, attempt: (db) => db.doc('items/item1/photos/p0').get() },
    list: { allowed: nobody, attempt: (db) => db.collection('items/item1/photos').limit(5).get() },
    create: {
      // The seller adds a photo: the document and the item's new list in one batch.
      allowed: only('owner'),
      attempt: async (db) => {
        const batch = db.batch()
        batch.set(db.doc('items/item1/photos/p1'), photoDoc())
        batch.update(db.doc('items/item1'), {
          photos: [
            { id: 'p0', width: 1600, height: 1200 },
            { id: 'p1', width: 1600, height: 1200 },
          ],
          updatedAt: serverTimestamp(),
          ...(await editFields(db, 'items/item1')),
        })
        return batch.commit()
      },
    },
    update: {
      allowed: nobody,
      attempt: (db) => db.doc('items/item1/photos/p0').update({ width: 10 }),
    },
    delete: {
      // The seller removes a photo: the item's new list and the document in one batch.
      allowed: only('owner'),
      attempt: async (db) => {
        const batch = db.batch()
        batch.update(db.doc('items/item1'), {
          photos: [],
          cover: null,
          updatedAt: serverTimestamp(),
          ...(await editFields(db, 'items/item1')),
        })
        batch.delete(db.doc('items/item1/photos/p0'))
        return batch.commit()
      },
    },
  },
  'rooms/photos': {
    get: { allowed: members, attempt: (db) => db.doc(`${ROOM}/photos/by-owner-photo`).get() },
    list: { allowed: nobody, attempt: (db) => db.collection(`${ROOM}/photos`).limit(5).get() },
    create: {
      // A member sends a photo message and its photo in one batch.
      allowed: members,
      attempt: (db, uid) => {
        const id = `photo-${uid || 'nobody'}`
        return sendWithLog(
          db,
          ROOM,
          uid,
          photoMessageDoc(id, uid, NAMES[(uid || 'signed-out') as Actor] ?? uid),
          { messageId: id, also: { [`${ROOM}/photos/${id}`]: photoDoc() } },
        )
      },
    },
    update: {
      allowed: nobody,
      attempt: (db) => db.doc(`${ROOM}/photos/by-owner-photo`).update({ width: 10 }),
    },
    delete: {
      allowed: nobody,
      attempt: (db) => db.doc(`${ROOM}/photos/by-owner-photo`).delete(),
    },
  },
  sendLog: {
    // Everyone may read their own (an absent doc for non-members); others try the owner's.
    get: {
      allowed: signedIn,
      attempt: (db, uid) => db.doc(`${ROOM}/sendLog/${uid || 'owner'}`).get(),
    },
    list: { allowed: nobody, attempt: (db) => db.collection(`${ROOM}/sendLog`).limit(5).get() },
    create: {
      // The owner has a log already (seeded): their set is an update of the wrong slot.
      allowed: only('member'),
      attempt: (db, uid) =>
        db
          .doc(`${ROOM}/sendLog/${ownOrOwners(uid, ['member', 'owner'])}`)
          .set({ slot: 1, messageId: 'm-new', at0: serverTimestamp() }),
    },
    update: {
      allowed: only('owner'),
      attempt: (db) =>
        db
          .doc(`${ROOM}/sendLog/owner`)
          .update({ slot: 2, messageId: 'm-next', at1: serverTimestamp() }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc(`${ROOM}/sendLog/owner`).delete() },
  },
  private: {
    get: { allowed: nobody, attempt: (db) => db.doc(`${ROOM}/private/secret`).get() },
    list: { allowed: nobody, attempt: (db) => db.collection(`${ROOM}/private`).limit(5).get() },
    create: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`${ROOM}/private/attempts-${uid || 'nobody'}`).set({ count: 0, windowStart: 0 }),
    },
    update: {
      allowed: nobody,
      attempt: (db) => db.doc(`${ROOM}/private/secret`).update({ passwordHash: 'x' }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc(`${ROOM}/private/secret`).delete() },
  },
  state: {
    get: { allowed: members, attempt: (db) => db.doc(`${ROOM}/state/roster`).get() },
    list: { allowed: nobody, attempt: (db) => db.collection(`${ROOM}/state`).limit(5).get() },
    create: {
      allowed: nobody,
      attempt: (db) => db.doc(`${ROOM}/state/other`).set({ members: {}, asOf: new Date() }),
    },
    update: {
      allowed: nobody,
      attempt: (db, uid) =>
        db.doc(`${ROOM}/state/roster`).update({ [`members.${uid || 'x'}.typingAt`]: new Date() }),
    },
    delete: { allowed: nobody, attempt: (db) => db.doc(`${ROOM}/state/roster`).delete() },
  },
}

/** owner sold item1 to member. */
function deal() {
  return {
    itemId: 'item1',
    sellerId: 'owner',
    buyerId: 'member',
    title: 'Bike',
    price: 1000,
    soldAt: new Date(),
    sellerName: 'Owner',
    buyerName: 'Member',
  }
}

/** member's review of owner for deal item1, hidden until 2100. */
function hiddenReview() {
  return {
    dealId: 'item1',
    reviewerId: 'member',
    reviewerName: 'Member',
    revieweeId: 'owner',
    role: 'buyer',
    rating: 'good',
    tags: [],
    text: '',
    createdAt: new Date(),
    publishAt: new Date('2100-01-01T00:00:00Z'),
    published: false,
  }
}

function member(username: string, role: 'owner' | 'member') {
  // Read a minute ago: a read mark may be written again (at most once a second).
  const past = new Date(Date.now() - 60_000)
  return { username, color: '#123456', role, joinedAt: past, lastReadAt: past }
}
function message(uid: string, name: string) {
  return {
    kind: 'text',
    text: `from ${name}`,
    senderId: uid,
    senderName: name,
    createdAt: new Date(),
  }
}

/** The roster as the functions write it (rooms/{id}/state/roster). */
function roster() {
  const entry = (username: string, role: string) => ({
    username,
    color: '#123456',
    role,
    joinedAt: new Date(),
    lastReadAt: new Date(),
    typingAt: null,
    activeAt: null,
  })
  return {
    members: { owner: entry('Owner', 'owner'), member: entry('Member', 'member') },
    asOf: new Date(),
  }
}

const env = await rulesEnv()
afterAll(() => env.cleanup())
beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    'usernames/owner': { uid: 'owner', username: 'Owner' },
    'usernames/member': { uid: 'member', username: 'Member' },
    'users/owner': profileDoc('Owner'),
    'users/member': profileDoc('Member'),
    'users/stranger': profileDoc('Stranger'),
    'users/guest': profileDoc('guest_1234', true),
    'users/someone': profileDoc('Someone'),
    'items/item1': itemDoc({
      createdAt: new Date(),
      updatedAt: new Date(),
      photos: [{ id: 'p0', width: 1600, height: 1200 }],
      cover: bytes(100),
    }),
    'items/item1/photos/p0': photoDoc({ createdAt: new Date() }),
    'deals/item1': deal(),
    'reviews/item1_member': hiddenReview(),
    'users/owner/favorites/item1': { itemId: 'item1', title: 'Bike', createdAt: new Date() },
    'users/owner/notices/item1': noticeDoc(),
    'trust/owner': { great: 0, good: 0, bad: 0, score: 36.5, deals: 1, computedAt: new Date() },
    'trust/member': { great: 0, good: 0, bad: 0, score: 36.5, deals: 1, computedAt: new Date() },
    [ROOM]: {
      kind: 'open',
      title: 'Room',
      ownerId: 'owner',
      capacity: 10,
      hasPassword: true,
      memberIds: ['owner', 'member'],
      memberCount: 2,
      lastMessage: null,
      lastMessageAt: null,
      createdAt: new Date(),
    },
    [`${ROOM}/members/owner`]: member('Owner', 'owner'),
    [`${ROOM}/members/member`]: member('Member', 'member'),
    [`${ROOM}/messages/by-owner`]: message('owner', 'Owner'),
    [`${ROOM}/messages/by-member`]: message('member', 'Member'),
    [`${ROOM}/messages/by-owner-photo`]: photoMessageDoc('by-owner-photo', 'owner', 'Owner', {
      createdAt: new Date(),
    }),
    [`${ROOM}/photos/by-owner-photo`]: photoDoc({ createdAt: new Date() }),
    [`${ROOM}/private/secret`]: { passwordHash: 'scrypt$…' },
    [`${ROOM}/state/roster`]: roster(),
    'users/owner/blocks/stranger': { username: 'Stranger', createdAt: new Date() },
    'users/owner/mutedRooms/room0': { createdAt: new Date() },
    'users/owner/state/memberships': {
      rooms: { room1: { role: 'owner', joinedAt: new Date(), lastReadAt: null } },
    },
    'listingLogs/owner': { windowAt: new Date(), count: 1, itemId: 'item1' },
    'blockLogs/owner': {
      windowAt: new Date(),
      count: 1,
      blockedUid: 'stranger',
      blockedAt: new Date(),
    },
    'reports/report1': {
      reporterId: 'member',
      targetUid: 'owner',
      roomId: 'room1',
      messageId: null,
      reason: 'spam',
      note: '',
      createdAt: new Date(),
    },
    [`${ROOM}/sendLog/owner`]: { slot: 1, messageId: 'by-owner', at0: new Date(0) },
    'publicRooms/room1': {
      kind: 'open',
      title: 'Room',
      capacity: 10,
      hasPassword: true,
      memberCount: 2,
      createdAt: new Date(),
      lastActiveAt: 0,
      rank: 0,
    },
    'accounts/owner': { membershipChanges: [] },
  })
})

describe('the table covers every collection of firestore.rules', () => {
  it('has rows for exactly the collections the rules match', () => {
    const rules = readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8')
    const collections = [...rules.matchAll(/match\s+\/([A-Za-z_]+)\/\{/g)]
      .map((m) => m[1])
      .filter((name) => name !== 'databases')
    const covered = Object.keys(TABLE).map((key) => key.split('/').pop())
    expect(covered.sort()).toEqual(collections.sort())
  })
})

for (const [collection, operations] of Object.entries(TABLE)) {
  describe(collection, () => {
    for (const actor of ACTORS) {
      for (const operation of OPERATIONS) {
        const row = operations[operation]
        const allowed = row.allowed[actor]
        it(`${actor}: ${operation} is ${allowed ? 'allowed' : 'refused'}`, async () => {
          const uid = actor === 'signed-out' ? '' : actor
          const attempt = row.attempt(as(env, actor), uid)
          await (allowed ? assertSucceeds(attempt) : assertFails(attempt))
        })
      }
    }
  })
}
