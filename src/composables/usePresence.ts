// The member's own presence fields (`activeAt`, `typingAt`, `lastReadAt`), written through one
// throttle: at most one write per PRESENCE_WRITE_INTERVAL_MS, and none while the user is idle.
import { type MaybeRefOrGetter, onScopeDispose, toValue, watch } from 'vue'
import { ONLINE_WINDOW_MS, PRESENCE_WRITE_INTERVAL_MS } from '@domain/limits'
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

  function write() {
    const room = toValue(roomId)
    const me = toValue(uid)
    if (!room || !me || dirty.size === 0) return
    const fields = [...dirty]
    dirty.clear()
    touchMember(room, me, fields).catch(() => {
      // Presence is best effort: a write after leaving or while offline is simply dropped.
    })
  }
  const writer = throttle(write, PRESENCE_WRITE_INTERVAL_MS)

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
    /** Marks the room read; `now`: write at once instead of within the throttle. */
    markRead(now = false) {
      if (!now) return touch('lastReadAt')
      if (!toValue(roomId)) return
      dirty.add('lastReadAt')
      write()
    },
    /** A message was sent: a typing mark still waiting would outlive it, so it is dropped. */
    sent: () => dirty.delete('typingAt'),
  }
}
