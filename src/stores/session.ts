// Who is signed in and their profile (`users/{uid}`). Lives as long as the app.
import { defineStore } from './defineStore'
import { computed, ref, shallowRef } from 'vue'
import {
  type User,
  createUserWithEmailAndPassword,
  onAuthStateChanged,
  signInAnonymously,
  signInWithEmailAndPassword,
  signOut,
} from 'firebase/auth'
import type { ClaimUsernameInput } from '@domain/inputs'
import type { UserDoc } from '@domain/types'
import { auth } from '@/firebase'

const PROFILE_LISTEN_RETRIES = 3

/** `claimUsername`, its code (and the Functions SDK's) fetched on the first claim. */
async function callClaimUsername(input: ClaimUsernameInput) {
  const { callClaimUsername: call } = await import('@/lib/callables')
  return call(input)
}

export const useSessionStore = defineStore('session', () => {
  const user = shallowRef<User | null>(null)
  const profile = ref<UserDoc | null>(null)
  const profileError = ref<unknown>(null)
  /** Auth state known and, when signed in, the profile's first snapshot arrived. */
  const ready = ref(false)
  const uid = computed(() => user.value?.uid ?? null)
  /** The uid whose profile snapshot `profile` holds. */
  let profileOf: string | null = null

  let stopProfile: (() => void) | null = null
  let authChanges = 0
  const waiters = new Set<() => void>()
  function settle() {
    ready.value = true
    const pending = [...waiters]
    waiters.clear()
    for (const check of pending) check()
  }
  /** Resolves once `done()` holds, checked whenever the profile listener reports. */
  function until(done: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (done() ? resolve() : void waiters.add(check))
      check()
    })
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
          profileOf = uid
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
    profileOf = null
    profileError.value = null
    if (!next) return settle()
    ready.value = false
    void listenToProfile(next.uid, change)
  })

  /** Resolves once `ready` is true. */
  function whenReady(): Promise<void> {
    return until(() => ready.value)
  }

  /**
   * Resolves once the signed-in user's profile listener has delivered its first snapshot.
   * A claim must not start before that: when the listener's first read of the missing profile
   * overlaps the claim's commit, the Firestore emulator can report the profile absent at a time
   * after the commit, and the SDK then drops the new profile as outdated and keeps showing
   * none (seen in its debug log: "Ignoring outdated watch update"; a page stayed on
   * "Creating your account…").
   */
  function whenListening(): Promise<void> {
    return until(() => {
      const current = auth.currentUser?.uid
      return !current || profileOf === current || profileError.value !== null
    })
  }

  /** Resolves once the profile listener has seen a profile with this key; rejects if it failed. */
  async function whenProfile(usernameKey: string): Promise<void> {
    await until(
      () =>
        profile.value?.usernameKey === usernameKey ||
        profileError.value !== null ||
        user.value === null,
    )
    if (profile.value?.usernameKey === usernameKey) return
    throw profileError.value ?? new Error('Signed out')
  }

  async function signUp(email: string, password: string) {
    await createUserWithEmailAndPassword(auth, email, password)
  }

  async function logIn(email: string, password: string) {
    await signInWithEmailAndPassword(auth, email, password)
  }

  async function continueAsGuest() {
    await signInAnonymously(auth)
    await whenListening()
    const claimed = await callClaimUsername({})
    await whenProfile(claimed.usernameKey)
  }

  /** Claims (or changes to) `username` and waits until the profile shows it. */
  async function claimUsername(username: string) {
    await whenListening()
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
