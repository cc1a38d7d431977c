// The one place the client creates Firebase. Without a real project in VITE_FIREBASE_* (or with
// VITE_USE_EMULATORS=true) it talks to the local emulators of project demo-marketchat.
import { initializeApp } from 'firebase/app'
import {
  browserLocalPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
} from 'firebase/auth'
import { connectFirestoreEmulator, initializeFirestore } from 'firebase/firestore'
import { connectFunctionsEmulator, getFunctions } from 'firebase/functions'
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
export const db = initializeFirestore(app, {})
export const functions = getFunctions(app, REGION)

if (usingEmulators) {
  const host = '127.0.0.1'
  connectAuthEmulator(auth, `http://${host}:9099`, { disableWarnings: true })
  connectFirestoreEmulator(db, host, 8080)
  connectFunctionsEmulator(functions, host, 5001)
}
