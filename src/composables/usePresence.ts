// The member's own presence fields (`activeAt`, `typingAt`, `lastReadAt`), written through one
// throttle: at most one write per PRESENCE_WRITE_INTERVAL_MS, and none while the user is idle.
// A read mark may also go at once, alone, but never within READ_MARK_MIN_INTERVAL_MS of the
// previous one (the rules refuse it).
import { type MaybeRefOrGetter, onScopeDispose, toValue, watch } from 'vue'
import {
  ONLINE_WINDOW_MS,
  PRESENCE_WRITE_INTERVAL_MS,
  READ_MARK_MIN_INTERVAL_MS,
} from '@domain/limits'
import { type PresenceField, touchMember } from '@/lib/rooms'
import { throttle } from '@/lib/throttle'

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart', 'focus'] as const

/** Presence writer for `uid` in `roomId`; does nothing while `roomId` is null (not a member). */
export function usePresence(
  roomId: MaybeRefOrGetter<string | null>,
  uid: MaybeRefOrGetter<string | null>,
) {
  const dirty = new Set<PresenceField>()
  let lastActive = 0
  let lastRead = 0

  /** Writes `fields` (default: every pending one; a read mark too soon waits for the next). */
  function write(fields = [...dirty]) {
    const room = toValue(roomId)
    const me = toValue(uid)
    if (!room || !me) return
    if (fields.includes('lastReadAt') && Date.now() - lastRead < READ_MARK_MIN_INTERVAL_MS) {
      fields = fields.filter((f) => f !== 'lastReadAt')
      writer.call()
    }
    if (fields.length === 0) return
    fields.forEach((f) => dirty.delete(f))
    if (fields.includes('lastReadAt')) lastRead = Date.now()
    touchMember(room, me, fields).catch(() => {
      // Presence is best effort: a write after leaving or while offline is simply dropped.
    })
  }
  const writer = throttle(() => write(), PRESENCE_WRITE_INTERVAL_MS)

  function touch(field: PresenceField) {
    if (!toValue(roomId)) return
    dirty.add(field)
    writer.call()
  }

  /** The user did something: refresh `activeAt` if it is getting old. */
  function active() {
    if (document.visibilityState !== 'visible') return
    if (Date.now() - lastActive < ONLINE_WINDOW_MS / 2) return
    lastActive = Date.now()
    touch('activeAt')
  }

  watch(
    () => toValue(roomId),
    (room) => {
      lastActive = 0
      lastRead = 0
      dirty.clear()
      if (room) active()
    },
    { immediate: true },
  )
  for (const name of ACTIVITY_EVENTS) window.addEventListener(name, active, { passive: true })
  document.addEventListener('visibilitychange', active)
  // Leaving the page (tab closed, reload, another tab): what is pending goes now.
  const leaving = () => {
    if (document.visibilityState === 'hidden') writer.flush()
  }
  document.addEventListener('visibilitychange', leaving)
  window.addEventListener('pagehide', writer.flush)
  onScopeDispose(() => {
    writer.flush()
    for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, active)
    document.removeEventListener('visibilitychange', active)
    document.removeEventListener('visibilitychange', leaving)
    window.removeEventListener('pagehide', writer.flush)
  })

  return {
    typing: () => touch('typingAt'),
    /** Marks the room read; `now`: write the mark at once instead of within the throttle. */
    markRead(now = false) {
      if (!now) return touch('lastReadAt')
      if (!toValue(roomId)) return
      dirty.add('lastReadAt')
      write(['lastReadAt'])
    },
    /** A message was sent: a typing mark still waiting would outlive it, so it is dropped. */
    sent: () => dirty.delete('typingAt'),
  }
}
