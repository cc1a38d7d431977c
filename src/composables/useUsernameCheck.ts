// Live check of a username while it is typed: validity first, then availability from
// `usernames/{key}` (a single document get; the rules allow no listing), judged as the claim
// transaction judges it (a name in use is taken; a released one is held for its last owner).
import { type Ref, onScopeDispose, ref, watch } from 'vue'
import { type Timestamp, doc, getDoc } from 'firebase/firestore'
import type { UsernameDoc } from '@domain/types'
import {
  type UsernameProblem,
  nameClaimProblem,
  usernameKey,
  usernameProblem,
} from '@domain/usernames'
import { db } from '@/lib/db'

export type UsernameStatus =
  | { state: 'idle' }
  | { state: 'invalid'; problem: UsernameProblem }
  | { state: 'checking' }
  | { state: 'available' }
  | { state: 'taken'; held?: boolean }
  | { state: 'error' }

const DEBOUNCE_MS = 300

/** Status of `name`; `ownKey` (the user's current key) and names held for `ownUid` count as
 * available. */
export function useUsernameCheck(
  name: Ref<string>,
  ownKey: Ref<string | null> = ref(null),
  ownUid: Ref<string | null> = ref(null),
) {
  const status = ref<UsernameStatus>({ state: 'idle' })
  let timer: ReturnType<typeof setTimeout> | undefined
  let generation = 0

  async function check(value: string, run: number) {
    try {
      const key = usernameKey(value)
      if (key === ownKey.value) {
        status.value = { state: 'available' }
        return
      }
      const snap = await getDoc(doc(db, 'usernames', key))
      if (run !== generation) return
      const stored = snap.exists() ? (snap.data() as UsernameDoc<Timestamp>) : null
      const problem = nameClaimProblem(stored, ownUid.value, Date.now())
      status.value = problem ? { state: 'taken', held: problem === 'held' } : { state: 'available' }
    } catch {
      if (run === generation) status.value = { state: 'error' }
    }
  }

  watch(name, (value) => {
    clearTimeout(timer)
    const run = ++generation
    if (value.trim() === '') {
      status.value = { state: 'idle' }
      return
    }
    const problem = usernameProblem(value)
    if (problem) {
      status.value = { state: 'invalid', problem }
      return
    }
    status.value = { state: 'checking' }
    timer = setTimeout(() => void check(value, run), DEBOUNCE_MS)
  })
  onScopeDispose(() => clearTimeout(timer))

  /** Marks the name taken or held (e.g. the claim lost a race after the check said available). */
  function markTaken(held = false) {
    generation++
    status.value = { state: 'taken', held }
  }

  return { status, markTaken }
}
