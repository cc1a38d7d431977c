// The one place the client creates Firebase. Without a real project in VITE_FIREBASE_* (or with
// VITE_USE_EMULATORS=true) it talks to the local emulators of project demo-marketchat.
// Firestore and Functions are loaded on first use (see src/lib/db.ts and src/lib/callables.ts),
// so their code is not needed for the first paint.
import { initializeApp } from 'firebase/app'
import {
  browserLocalPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
} from 'firebase/auth'
import type { Firestore } from 'firebase/firestore'
import type { Functions } from 'firebase/functions'
import { REGION } from '@domain/region'

const env = import.meta.env
export const usingEmulators = env.VITE_USE_EMULATORS === 'true' || !env.VITE_FIREBASE_PROJECT_ID

const app = initializeApp(
  usingEmulators
    ? {
        apiKey: 'demo-key',
        projectId: 'demo-marketchat',
        authDomain: 'demo-marketchat.firebaseapp.com',
      }
    : {
        apiKey: env.VITE_FIREBASE_API_KEY,
        authDomain: env.VITE_FIREBASE_AUTH_DOMAIN,
        projectId: env.VITE_FIREBASE_PROJECT_ID,
        appId: env.VITE_FIREBASE_APP_ID,
      },
)

// initializeAuth instead of getAuth: no popup/redirect code we never use in the bundle.
export const auth = initializeAuth(app, {
  persistence: [indexedDBLocalPersistence, browserLocalPersistence],
})

const EMULATOR_HOST = '127.0.0.1'
if (usingEmulators) {
  connectAuthEmulator(auth, `http://${EMULATOR_HOST}:9099`, { disableWarnings: true })
}

let firestore: Promise<Firestore> | undefined
/** The Firestore instance, its code fetched on the first call. */
export function loadFirestore(): Promise<Firestore> {
  firestore ??= import('firebase/firestore').then(
    ({ initializeFirestore, connectFirestoreEmulator }) => {
      const db = initializeFirestore(app, {})
      if (usingEmulators) connectFirestoreEmulator(db, EMULATOR_HOST, 8080)
      return db
    },
  )
  return firestore
}

let functions: Promise<Functions> | undefined
/** The Functions client in our region, its code fetched on the first call. */
export function loadFunctions(): Promise<Functions> {
  functions ??= import('firebase/functions').then(({ getFunctions, connectFunctionsEmulator }) => {
    const instance = getFunctions(app, REGION)
    if (usingEmulators) connectFunctionsEmulator(instance, EMULATOR_HOST, 5001)
    return instance
  })
  return functions
}
