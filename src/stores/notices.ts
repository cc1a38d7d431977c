// My favourite notices (a favourite's price dropped, or it is available again): the newest
// NOTICE_PAGE_SIZE, the unread count (the Me tab's badge) and the latest one that arrived while
// the app was open (the in-app notice). Lives as long as the app; follows the signed-in user.
import { defineStore } from './defineStore'
import { computed, ref, shallowRef, watch } from 'vue'
import { type Timestamp, type Unsubscribe, onSnapshot } from 'firebase/firestore'
import type { NoticeDoc } from '@domain/notices'
import { deleteNotice, markNoticeRead, myNoticesQuery } from '@/lib/favoriteNotices'
import { useSessionStore } from './session'

export type Notice = NoticeDoc<Timestamp> & { id: string }

/** A notice that arrived (or was renewed) while the app was open. */
export interface NoticeArrival {
  notice: Notice
  /** Increases with every arrival. */
  seq: number
}

export const useNoticesStore = defineStore('notices', () => {
  const session = useSessionStore()
  const notices = shallowRef<Notice[]>([])
  const pending = ref(true)
  const error = shallowRef<unknown>(null)
  const arrival = shallowRef<NoticeArrival | null>(null)
  let stop: Unsubscribe | null = null
  let seq = 0
  /** The eventId of each notice in the last snapshot. */
  const lastEvent = new Map<string, string>()

  function start(uid: string) {
    let first = true
    stop = onSnapshot(
      myNoticesQuery(uid),
      (snap) => {
        notices.value = snap.docs.map((d) => ({ ...(d.data() as NoticeDoc<Timestamp>), id: d.id }))
        pending.value = false
        error.value = null
        if (!first) {
          // A new event rewrites the document with its own eventId; marking it read does not.
          for (const change of snap.docChanges()) {
            if (change.type === 'removed') continue
            const notice = { ...(change.doc.data() as NoticeDoc<Timestamp>), id: change.doc.id }
            if (notice.read || lastEvent.get(notice.id) === notice.eventId) continue
            arrival.value = { notice, seq: ++seq }
          }
        }
        lastEvent.clear()
        for (const n of notices.value) lastEvent.set(n.id, n.eventId)
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
      stop?.()
      stop = null
      notices.value = []
      lastEvent.clear()
      arrival.value = null
      pending.value = true
      error.value = null
      if (uid) start(uid)
    },
    { immediate: true },
  )

  const unread = computed(() => notices.value.filter((n) => !n.read).length)

  async function markRead(itemId: string) {
    if (session.uid) await markNoticeRead(session.uid, itemId)
  }
  async function markAllRead() {
    const uid = session.uid
    if (!uid) return
    await Promise.all(notices.value.filter((n) => !n.read).map((n) => markNoticeRead(uid, n.id)))
  }
  async function remove(itemId: string) {
    if (session.uid) await deleteNotice(session.uid, itemId)
  }

  return { notices, pending, error, unread, arrival, markRead, markAllRead, remove }
})
