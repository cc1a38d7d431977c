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
import {
  type DocumentReference,
  type Firestore,
  type Timestamp,
  type WriteBatch,
  collection,
  connectFirestoreEmulator,
  doc,
  getDoc,
  getFirestore,
  serverTimestamp,
  writeBatch,
} from 'firebase/firestore'
import { type ListingLog, nextListing } from '../../functions/src/domain/listings'
import { type SendLog, nextSend } from '../../functions/src/domain/rateLimits'
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

/**
 * Lists an item as the app does (src/lib/listing.ts): one batch with the seller's listingLogs
 * write naming it, which firestore.rules require.
 */
export async function listItem(
  client: Pick<TestClient, 'db' | 'uid'>,
  itemId: string,
  item: Record<string, unknown>,
): Promise<void> {
  const logRef = doc(client.db, 'listingLogs', client.uid)
  const log = (await getDoc(logRef)).data() as ListingLog<Timestamp> | undefined
  const next = nextListing(log, Date.now(), (at) => at.toMillis())
  const batch = writeBatch(client.db)
  batch.set(logRef, {
    windowAt: next.newWindow || !log ? serverTimestamp() : log.windowAt,
    count: next.count,
    itemId,
  })
  batch.set(doc(client.db, 'items', itemId), item)
  await batch.commit()
}

/**
 * Sends a text message as the app does (src/lib/rooms.ts): one batch with the sender's send-log
 * slot, which firestore.rules require. Resolves with the new message's ref.
 */
export async function sendText(
  client: Pick<TestClient, 'db' | 'uid'>,
  roomId: string,
  senderName: string,
  text: string,
): Promise<DocumentReference> {
  const message = doc(collection(client.db, 'rooms', roomId, 'messages'))
  await withSlot(client, roomId, message.id, (batch) =>
    batch.set(message, {
      kind: 'text',
      text,
      senderId: client.uid,
      senderName,
      createdAt: serverTimestamp(),
      updatedAt: serverTimestamp(),
    }),
  )
  return message
}

/** Changes a message as the app does (edit, delete, reaction): with a sendLog slot. */
export async function updateMessage(
  client: Pick<TestClient, 'db' | 'uid'>,
  message: DocumentReference,
  patch: Record<string, unknown>,
): Promise<void> {
  const roomId = message.parent.parent?.id ?? ''
  await withSlot(client, roomId, message.id, (batch) =>
    batch.update(message, { ...patch, updatedAt: serverTimestamp() }),
  )
}

async function withSlot(
  client: Pick<TestClient, 'db' | 'uid'>,
  roomId: string,
  messageId: string,
  write: (batch: WriteBatch) => void,
): Promise<void> {
  const logRef = doc(client.db, 'rooms', roomId, 'sendLog', client.uid)
  const log = (await getDoc(logRef)).data() as SendLog<Timestamp> | undefined
  const next = nextSend(log, Date.now(), (at) => at.toMillis())
  const batch = writeBatch(client.db)
  write(batch)
  batch.set(
    logRef,
    { slot: next.nextSlot, messageId, [next.field]: serverTimestamp() },
    { merge: true },
  )
  await batch.commit()
}
