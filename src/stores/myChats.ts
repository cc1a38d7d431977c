// "My chats": every room I belong to, my unread count in each, and the latest message that
// arrived from someone else. Lives as long as the app (the nav badge and the in-app notice show
// on every page); follows the signed-in user.
//
// Unread counts come from my read position in each room: one document,
// users/{uid}/state/memberships, which the onMemberWritten trigger keeps on my member docs (the
// room page advances my member doc's `lastReadAt`). A room whose `lastMessageAt` is past it
// counts the messages after it that others sent from the room document's list of its newest
// messages (`recent`, up to 20); with more unread than that, one count query (capped at 100).
// Nothing is written per message per member. Queried counts are kept in this browser's storage
// by (last message, read position), so opening the app again asks only for the rooms that
// changed since. An item room's buyer counts from their `joinedAt` on (the rules
// bound their history there).
//
// Muted rooms (users/{uid}/mutedRooms) keep their count here but add nothing to the nav badge
// and make no in-app notice.
import { defineStore } from './defineStore'
import { computed, reactive, ref, shallowReactive, shallowRef, watch } from 'vue'
import {
  type Timestamp,
  type Unsubscribe,
  collection,
  getCountFromServer,
  limit,
  onSnapshot,
  orderBy,
  query,
  where,
} from 'firebase/firestore'
import { MESSAGE_QUERY_LIMIT_MAX, RECENT_MESSAGES_MAX } from '@domain/limits'
import { unreadFromRecent } from '@domain/recentMessages'
import type { LastMessage, Membership, MembershipsDoc, RoomDoc } from '@domain/types'
import { db } from '@/lib/db'
import { membershipsDoc, mutedRoomsQuery } from '@/lib/rooms'
import { type CountCache, openCountCache } from '@/lib/unreadCounts'
import { useSessionStore } from './session'

/** A room as "my chats" sees it. */
export type ChatRoom = RoomDoc<Timestamp> & { id: string }
export type ChatTab = 'selling' | 'buying' | 'rooms'

export interface Chat {
  room: ChatRoom
  tab: ChatTab
  /** Unread messages from others, at most 100 (shown as "99+"). */
  unread: number
  muted: boolean
}

/** A message from someone else that made a room's summary newer while the app was open. */
export interface Arrival {
  roomId: string
  title: string
  message: LastMessage
  /** Who sent it (or whom the event is about), when the summary says. */
  senderId: string | null
  /** Increases with every arrival, so the same text twice is still news. */
  seq: number
}

const ROOMS_MAX = 100

function compare(a: Timestamp, b: Timestamp): number {
  return a.seconds - b.seconds || a.nanoseconds - b.nanoseconds
}

function tabOf(room: ChatRoom, uid: string): ChatTab {
  if (room.kind !== 'item') return 'rooms'
  return room.ownerId === uid ? 'selling' : 'buying'
}

export const useMyChatsStore = defineStore('myChats', () => {
  const session = useSessionStore()
  const rooms = shallowRef<ChatRoom[]>([])
  const pending = ref(true)
  const error = shallowRef<unknown>(null)
  const muted = reactive(new Set<string>())
  /**
   * My role, joinedAt and read position per room id (empty until the first snapshot). The room
   * page reads no member doc of its own.
   */
  const memberships = shallowReactive(new Map<string, Membership<Timestamp>>())
  /**
   * Whether `memberships` holds every room I am in, so a room missing from it is one I am not
   * in: the server has answered. `null` until it answers.
   */
  const membershipsComplete = ref<boolean | null>(null)
  /**
   * Rooms I read on this page (the room page says so) up to a message newer than my mirrored
   * read position: their count is 0 up to that time, until the trigger has copied the mark.
   */
  const readHere = new Map<string, number>()
  let cache: CountCache | null = null
  let stopMuted: Unsubscribe | null = null
  const unreadById = reactive(new Map<string, number>())
  const arrival = shallowRef<Arrival | null>(null)

  let stopRooms: Unsubscribe | null = null
  let stopMine: Unsubscribe | null = null
  /** Which (lastMessageAt, lastReadAt) the latest count of a room was asked for. */
  const countFor = new Map<string, string>()
  let seq = 0

  function stopAll() {
    stopRooms?.()
    stopRooms = null
    stopMuted?.()
    stopMuted = null
    muted.clear()
    memberships.clear()
    membershipsComplete.value = null
    readHere.clear()
    cache = null
    stopMine?.()
    stopMine = null
    countFor.clear()
    unreadById.clear()
    rooms.value = []
    arrival.value = null
    error.value = null
    pending.value = true
  }

  function recount(uid: string, room: ChatRoom) {
    const mine = memberships.get(room.id)
    if (!mine) return
    const lastRead = mine.lastReadAt ?? null
    const last = room.lastMessageAt
    if (
      !last ||
      (lastRead && compare(last, lastRead) <= 0) ||
      Math.floor(last.toMillis()) <= (readHere.get(room.id) ?? -1)
    ) {
      countFor.delete(room.id)
      unreadById.set(room.id, 0)
      return
    }
    // An item room's buyer counts from their joinedAt on (the rules bound their history there).
    const since = room.id.startsWith('item-') && mine.role !== 'owner' ? mine.joinedAt : null
    const key = [last, lastRead, since].map((t) => t && `${t.seconds}.${t.nanoseconds}`).join('/')
    if (countFor.get(room.id) === key) return
    countFor.set(room.id, key)
    const known =
      unreadFromRecent(room, { uid, readAt: lastRead, since }, RECENT_MESSAGES_MAX) ??
      cache?.get(room.id, key)
    if (known !== undefined) {
      unreadById.set(room.id, known)
      return
    }
    const messages = collection(db, 'rooms', room.id, 'messages')
    const after =
      lastRead && (!since || compare(lastRead, since) >= 0)
        ? [where('createdAt', '>', lastRead)]
        : since
          ? [where('createdAt', '>=', since)]
          : []
    const unreadQuery = query(
      messages,
      ...after,
      where('senderId', '!=', uid),
      limit(MESSAGE_QUERY_LIMIT_MAX),
    )
    getCountFromServer(unreadQuery).then(
      (snap) => {
        // A newer message or read mark may have asked again meanwhile; only its answer counts.
        if (countFor.get(room.id) !== key) return
        unreadById.set(room.id, snap.data().count)
        cache?.set(room.id, key, snap.data().count)
      },
      () => {
        if (countFor.get(room.id) === key) countFor.delete(room.id)
      },
    )
  }

  function watchMemberships(uid: string) {
    stopMine = onSnapshot(
      membershipsDoc(uid),
      (snap) => {
        const next = (snap.data() as MembershipsDoc<Timestamp> | undefined)?.rooms ?? {}
        for (const id of [...memberships.keys()]) if (!(id in next)) memberships.delete(id)
        for (const [id, mine] of Object.entries(next)) {
          const before = memberships.get(id)
          memberships.set(id, mine)
          if (before?.lastReadAt && mine.lastReadAt?.isEqual(before.lastReadAt)) continue
          const current = rooms.value.find((r) => r.id === id)
          if (current) recount(uid, current)
        }
        membershipsComplete.value = !snap.metadata.fromCache
      },
      // Refused or failed: counts stay unknown (0); the rooms listener reports errors.
      () => {
        membershipsComplete.value = false
      },
    )
  }

  function isMine(room: ChatRoom, uid: string): boolean {
    if (room.lastMessageSenderId) return room.lastMessageSenderId === uid
    return room.lastMessage?.senderName === session.profile?.username
  }

  function start(uid: string) {
    let first = true
    cache = openCountCache(uid)
    watchMemberships(uid)
    stopMuted = onSnapshot(
      mutedRoomsQuery(uid),
      (snap) => {
        muted.clear()
        snap.docs.forEach((d) => muted.add(d.id))
      },
      () => undefined,
    )
    stopRooms = onSnapshot(
      query(
        collection(db, 'rooms'),
        where('memberIds', 'array-contains', uid),
        orderBy('lastMessageAt', 'desc'),
        limit(ROOMS_MAX),
      ),
      (snap) => {
        const previous = new Map(rooms.value.map((r) => [r.id, r]))
        const next = snap.docs.map((d) => ({ ...(d.data() as RoomDoc<Timestamp>), id: d.id }))
        rooms.value = next
        pending.value = false
        error.value = null
        for (const room of next) {
          recount(uid, room)
          const before = previous.get(room.id)
          if (
            !first &&
            before?.lastMessageAt &&
            room.lastMessageAt &&
            room.lastMessage &&
            compare(room.lastMessageAt, before.lastMessageAt) > 0 &&
            !isMine(room, uid) &&
            !muted.has(room.id)
          ) {
            arrival.value = {
              roomId: room.id,
              title: room.title,
              message: room.lastMessage,
              senderId: room.lastMessageSenderId ?? null,
              seq: ++seq,
            }
          }
        }
        const present = new Set(next.map((r) => r.id))
        for (const id of [...unreadById.keys()]) {
          if (present.has(id)) continue
          unreadById.delete(id)
          countFor.delete(id)
        }
        cache?.keepOnly(present)
        first = false
      },
      (e) => {
        error.value = e
        pending.value = false
      },
    )
  }

  watch(
    () => session.uid,
    (uid) => {
      stopAll()
      if (uid) start(uid)
    },
    { immediate: true },
  )

  const chats = computed<Chat[]>(() => {
    const uid = session.uid ?? ''
    return rooms.value.map((room) => ({
      room,
      tab: tabOf(room, uid),
      unread: unreadById.get(room.id) ?? 0,
      muted: muted.has(room.id),
    }))
  })
  /** Unread messages across rooms that are not muted: the nav badge. */
  const totalUnread = computed(() =>
    chats.value.reduce((sum, chat) => sum + (chat.muted ? 0 : chat.unread), 0),
  )

  /**
   * Unread count outside the room being looked at: the room page marks its messages read a few
   * seconds late (presence writes are throttled), which should not flash the badge meanwhile.
   */
  function unreadOutside(roomId: string | null): number {
    const here = roomId && !muted.has(roomId) ? (unreadById.get(roomId) ?? 0) : 0
    return totalUnread.value - here
  }

  /**
   * The room page showed me `roomId`'s messages up to `newestMs` (ms since the epoch, the
   * newest message it has from the server) and wrote a read mark: its count is 0 up to there
   * at once, before the trigger copies the mark into my memberships.
   */
  function markedRead(roomId: string, newestMs: number) {
    if (newestMs <= (readHere.get(roomId) ?? -1)) return
    readHere.set(roomId, newestMs)
    const room = rooms.value.find((r) => r.id === roomId)
    if (room && session.uid) recount(session.uid, room)
  }

  /** Forgets the current arrival (the notice was dismissed or shown long enough). */
  function dismissArrival() {
    arrival.value = null
  }

  return {
    rooms,
    chats,
    pending,
    error,
    memberships,
    membershipsComplete,
    totalUnread,
    unreadOutside,
    markedRead,
    arrival,
    dismissArrival,
  }
})
