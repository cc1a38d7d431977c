// Current names of the people whose messages are on screen. A message carries the name its
// sender had when writing it; that name may since have passed to someone else, so messages show
// the sender's current profile name instead: one `users/{uid}` get per sender per session, kept
// fresh for room members by their member docs (renamed with the profile). Lives as long as the app.
import { defineStore } from './defineStore'
import { reactive } from 'vue'
import { doc, getDoc } from 'firebase/firestore'
import type { UserDoc } from '@domain/types'
import type { Translate } from '@/i18n'
import { db } from '@/lib/db'
import { useSessionStore } from './session'

export type LiveName =
  | { state: 'loading' }
  | { state: 'known'; name: string }
  | { state: 'deleted' }
  | { state: 'error' }

/** What to show for a live name: the name, or a label in the reader's language. */
export function nameLabel(live: LiveName, t: Translate): string {
  if (live.state === 'known') return live.name
  if (live.state === 'deleted') return t('message.senderDeleted')
  return t(live.state === 'loading' ? 'message.senderLoading' : 'message.senderUnknown')
}

export const useUserNamesStore = defineStore('userNames', () => {
  const session = useSessionStore()
  const names = reactive(new Map<string, LiveName>())

  async function load(uid: string) {
    try {
      const snap = await getDoc(doc(db, 'users', uid))
      if (names.get(uid)?.state !== 'loading') return // a member doc told us meanwhile
      names.set(
        uid,
        snap.exists()
          ? { state: 'known', name: (snap.data() as UserDoc).username }
          : { state: 'deleted' },
      )
    } catch {
      names.set(uid, { state: 'error' })
    }
  }

  /** The current name of `uid`, fetched the first time it is asked for. */
  function nameOf(uid: string): LiveName {
    if (uid === session.uid && session.profile)
      return { state: 'known', name: session.profile.username }
    const known = names.get(uid)
    if (known) return known
    names.set(uid, { state: 'loading' })
    void load(uid)
    return { state: 'loading' }
  }

  /** Records a name read from a live source (a room's member docs). */
  function remember(uid: string, name: string) {
    const known = names.get(uid)
    if (known?.state !== 'known' || known.name !== name) names.set(uid, { state: 'known', name })
  }

  return { nameOf, remember }
})
