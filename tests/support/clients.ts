// Real client-SDK users against the emulators: each has its own app, auth session and callables.
import { type FirebaseApp, deleteApp, initializeApp } from 'firebase/app'
import { afterAll } from 'vitest'
import {
  type Auth,
  connectAuthEmulator,
  createUserWithEmailAndPassword,
  getAuth,
  signInAnonymously,
} from 'firebase/auth'
import { type Firestore, connectFirestoreEmulator, getFirestore } from 'firebase/firestore'
import { connectFunctionsEmulator, getFunctions, httpsCallable } from 'firebase/functions'
import { REGION } from '../../functions/src/domain/region'
import { outcome } from './outcome'
import { authHost, firestoreHost, functionsHost, projectId, splitHost } from './emulators'

export interface TestClient {
  app: FirebaseApp
  auth: Auth
  db: Firestore
  uid: string
  call<O = unknown>(name: string, data?: unknown): Promise<O>
  close(): Promise<void>
}

let counter = 0

/** A new client app; signed in with a fresh email account, anonymously, or not at all. */
export async function newClient(
  kind: 'account' | 'guest' | 'signed-out' = 'account',
): Promise<TestClient> {
  const app = initializeApp({ apiKey: 'demo-key', projectId }, `client-${Date.now()}-${counter++}`)
  const auth = getAuth(app)
  connectAuthEmulator(auth, `http://${authHost()}`, { disableWarnings: true })
  const db = getFirestore(app)
  const fs = splitHost(firestoreHost())
  connectFirestoreEmulator(db, fs.host, fs.port)
  const functions = getFunctions(app, REGION)
  const fn = splitHost(await functionsHost())
  connectFunctionsEmulator(functions, fn.host, fn.port)
  let uid = ''
  if (kind === 'account') {
    const email = `user${Date.now()}${counter++}@example.com`
    uid = (await createUserWithEmailAndPassword(auth, email, 'secret123')).user.uid
  } else if (kind === 'guest') {
    uid = (await signInAnonymously(auth)).user.uid
  }
  return {
    app,
    auth,
    db,
    uid,
    async call<O>(name: string, data?: unknown) {
      return (await httpsCallable<unknown, O>(functions, name)(data)).data
    },
    close: () => deleteApp(app),
  }
}

/** The HttpsError code a promise rejects with (`functions/` prefix removed), or 'ok'. */
export function codeOf(promise: Promise<unknown>): Promise<string> {
  return outcome(() => promise)
}

/** `newClient` for one test file: every client it makes is closed after the file's tests. */
export function useClients() {
  const clients: TestClient[] = []
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()))
  })
  return async (kind?: 'account' | 'guest' | 'signed-out') => {
    const c = await newClient(kind)
    clients.push(c)
    return c
  }
}
