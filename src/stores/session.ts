// Who is signed in and their profile (`users/{uid}`). Lives as long as the app.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import {
  type User,
  createUserWithEmailAndPassword,
  onAuthStateChanged,
  signInAnonymously,
  signInWithEmailAndPassword,
  signOut,
} from 'firebase/auth'
import type { UserDoc } from '@domain/types'
import { auth } from '@/firebase'
import { callClaimUsername } from '@/lib/callables'

const PROFILE_LISTEN_RETRIES = 3
const PROFILE_CATCH_UP_MS = 4_000

export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<User | null>(null)
  const profile = ref<UserDoc | null>(null)
  const profileError = ref<unknown>(null)
  /** Auth state known and, when signed in, the profile's first snapshot arrived. */
  const ready = ref(false)
  const uid = computed(() => user.value?.uid ?? null)

  let stopProfile: (() => void) | null = null
  let authChanges = 0
  const waiters = new Set<() => void>()
  function settle() {
    ready.value = true
    const pending = [...waiters]
    waiters.clear()
    for (const resolve of pending) resolve()
  }

  /** Listens to the profile of `uid` for auth change number `change` (a later change wins). */
  async function listenToProfile(uid: string, change: number, attempt = 0) {
    try {
      // Loaded here, not imported above, to keep Firestore out of the entry chunk.
      const { watchProfile } = await import('@/lib/profile')
      if (change !== authChanges) return
      stopProfile?.()
      stopProfile = watchProfile(
        uid,
        (value) => {
          profile.value = value
          profileError.value = null
          settle()
        },
        (error) => {
          // Right after signing in, Firestore may still hold the previous credentials and
          // refuse the first listen: listen again a few times before reporting it.
          if (attempt < PROFILE_LISTEN_RETRIES) {
            setTimeout(() => void listenToProfile(uid, change, attempt + 1), 250 * (attempt + 1))
            return
          }
          profileError.value = error
          settle()
        },
      )
    } catch (error) {
      profileError.value = error
      settle()
    }
  }

  onAuthStateChanged(auth, (next) => {
    const change = ++authChanges
    stopProfile?.()
    stopProfile = null
    user.value = next
    profile.value = null
    profileError.value = null
    if (!next) return settle()
    ready.value = false
    void listenToProfile(next.uid, change)
  })

  /** Resolves once `ready` is true. */
  function whenReady(): Promise<void> {
    if (ready.value) return Promise.resolve()
    return new Promise((resolve) => waiters.add(resolve))
  }

  /**
   * Resolves once the profile listener has seen a profile with this key; rejects if it failed.
   * A listener that has not caught up after PROFILE_CATCH_UP_MS is started again: seen rarely
   * under load right after sign-up, the first listen never delivered the new profile.
   */
  function whenProfile(usernameKey: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const restart = setInterval(() => {
        if (user.value) void listenToProfile(user.value.uid, authChanges)
      }, PROFILE_CATCH_UP_MS)
      const done = (settleWith: () => void) => {
        clearInterval(restart)
        settleWith()
      }
      const check = () => {
        if (profile.value?.usernameKey === usernameKey) done(resolve)
        else if (profileError.value) done(() => reject(profileError.value))
        else if (!user.value) done(() => reject(new Error('Signed out')))
        else waiters.add(check)
      }
      check()
    })
  }

  async function signUp(email: string, password: string) {
    await createUserWithEmailAndPassword(auth, email, password)
  }

  async function logIn(email: string, password: string) {
    await signInWithEmailAndPassword(auth, email, password)
  }

  async function continueAsGuest() {
    await signInAnonymously(auth)
    const claimed = await callClaimUsername({})
    await whenProfile(claimed.usernameKey)
  }

  /** Claims (or changes to) `username` and waits until the profile shows it. */
  async function claimUsername(username: string) {
    const claimed = await callClaimUsername({ username })
    await whenProfile(claimed.usernameKey)
    return claimed
  }

  async function logOut() {
    await signOut(auth)
  }

  return {
    user,
    uid,
    profile,
    profileError,
    ready,
    whenReady,
    signUp,
    logIn,
    logOut,
    continueAsGuest,
    claimUsername,
  }
})
