// Every Firestore document the functions write, built in one place.
import { db } from '../admin'
import { reviewId } from '../domain/reviews'

export const profileRef = (uid: string) => db.doc(`users/${uid}`)
export const usernameRef = (key: string) => db.doc(`usernames/${key}`)
export const accountRef = (uid: string) => db.doc(`accounts/${uid}`)
/** The rules' fixed-window counts of a user's new listings and blocks (domain/listings, blocks). */
export const listingLogRef = (uid: string) => db.doc(`listingLogs/${uid}`)
export const blockLogRef = (uid: string) => db.doc(`blockLogs/${uid}`)
export const itemRef = (itemId: string) => db.doc(`items/${itemId}`)
export const roomRef = (roomId: string) => db.doc(`rooms/${roomId}`)
export const publicRoomRef = (roomId: string) => db.doc(`publicRooms/${roomId}`)
export const memberRef = (roomId: string, uid: string) => db.doc(`rooms/${roomId}/members/${uid}`)
export const messagesOf = (roomId: string) => db.collection(`rooms/${roomId}/messages`)
export const secretRef = (roomId: string) => db.doc(`rooms/${roomId}/private/secret`)
/** Wrong passwords a room received from anyone, for the per-room guess limit. */
export const guessesRef = (roomId: string) => db.doc(`rooms/${roomId}/private/guesses`)
/** Who writes a busy room's summary next, and until when (services/roomSummary.ts). */
export const summaryLeaseRef = (roomId: string) => db.doc(`rooms/${roomId}/private/summary`)
/** Every member's name, read mark, typing and presence in one document (services/roster.ts). */
export const rosterRef = (roomId: string) => db.doc(`rooms/${roomId}/state/roster`)
/** Who rewrites a busy room's roster next, and until when (services/roster.ts). */
export const rosterLeaseRef = (roomId: string) => db.doc(`rooms/${roomId}/private/roster`)
/** My role, join time and read position in every room I am in (services/memberships.ts). */
export const membershipsRef = (uid: string) => db.doc(`users/${uid}/state/memberships`)
export const membersOf = (roomId: string) => db.collection(`rooms/${roomId}/members`)
/** When buyers were let into an item's chat lately (services/itemRooms.ts: the room's join cap). */
export const itemChatJoinsRef = (roomId: string) => db.doc(`rooms/${roomId}/private/joins`)
export const attemptsRef = (roomId: string, uid: string) =>
  db.doc(`rooms/${roomId}/private/attempts-${uid}`)
/** Who ever joined an item's room (kept after leaving): completeSale may name them as the buyer. */
export const askedRef = (roomId: string, uid: string) =>
  db.doc(`rooms/${roomId}/private/asked-${uid}`)
export const dealRef = (dealId: string) => db.doc(`deals/${dealId}`)
export const reviewRef = (dealId: string, reviewerId: string) =>
  db.doc(`reviews/${reviewId(dealId, reviewerId)}`)
export const trustRef = (uid: string) => db.doc(`trust/${uid}`)
export const favoriteRef = (uid: string, itemId: string) =>
  db.doc(`users/${uid}/favorites/${itemId}`)
/** The latest news of a favourite for the person keeping it (onFavoriteItemUpdated writes it). */
export const noticeRef = (uid: string, itemId: string) => db.doc(`users/${uid}/notices/${itemId}`)
/** An item's notice window and lowest announced price (services/favoriteNotices.ts). */
export const noticeStateRef = (itemId: string) => db.doc(`items/${itemId}/private/notices`)
