// Unread counts this browser already asked the server for, per user, room and what the count
// depends on (the room's last message time and my read position): opening the app again counts
// only the rooms that changed since. Kept in localStorage; without it (private mode, full, or
// refused) every count is simply asked again.

export interface CountCache {
  /** The count stored for `roomId` under `key`, if that is what was counted last. */
  get(roomId: string, key: string): number | undefined
  set(roomId: string, key: string, count: number): void
  /** Forgets rooms no longer in the list. */
  keepOnly(roomIds: Set<string>): void
}

type Stored = Record<string, [key: string, count: number]>

const storageKey = (uid: string) => `marketchat.unread.${uid}`

function load(uid: string): Stored {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(uid)) ?? '{}')
    return parsed && typeof parsed === 'object' ? (parsed as Stored) : {}
  } catch {
    return {}
  }
}

export function openCountCache(uid: string): CountCache {
  const stored = load(uid)
  const save = () => {
    try {
      localStorage.setItem(storageKey(uid), JSON.stringify(stored))
    } catch {
      // Storage full or refused: counts are asked again next time.
    }
  }
  return {
    get(roomId, key) {
      const entry = stored[roomId]
      return Array.isArray(entry) && entry[0] === key && typeof entry[1] === 'number'
        ? entry[1]
        : undefined
    },
    set(roomId, key, count) {
      stored[roomId] = [key, count]
      save()
    },
    keepOnly(roomIds) {
      const gone = Object.keys(stored).filter((id) => !roomIds.has(id))
      if (gone.length === 0) return
      for (const id of gone) delete stored[id]
      save()
    },
  }
}
