// `npm run seed`: loads demo users, rooms, messages and marketplace items into the running
// emulators through the real paths — Auth sign-up, the callables, and client writes that
// firestore.rules check — so the demo data is exactly what the app itself could have written.
// Seeding again does nothing once alice exists. `--quiet` prints one line instead of the accounts.
import { deleteApp, initializeApp } from 'firebase/app'
import { connectAuthEmulator, createUserWithEmailAndPassword, getAuth } from 'firebase/auth'
import {
  collection,
  connectFirestoreEmulator,
  doc,
  getDoc,
  getFirestore,
  serverTimestamp,
  updateDoc,
  writeBatch,
} from 'firebase/firestore'
import { connectFunctionsEmulator, getFunctions, httpsCallable } from 'firebase/functions'
import { projectId } from './lib/emulator-env.mjs'
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  DEMO_ROOM_PASSWORD,
  describeAccounts,
} from './seed/accounts.mjs'

const hosts = {
  auth: process.env.FIREBASE_AUTH_EMULATOR_HOST ?? '127.0.0.1:9099',
  firestore: process.env.FIRESTORE_EMULATOR_HOST ?? '127.0.0.1:8080',
  functions: process.env.FUNCTIONS_EMULATOR_HOST ?? '127.0.0.1:5001',
}
const quiet = process.argv.includes('--quiet')
/** @type {import('firebase/app').FirebaseApp[]} */
const apps = []

class SeedError extends Error {}

/**
 * @param {string} host
 * @returns {[string, number]}
 */
function hostPort(host) {
  const i = host.lastIndexOf(':')
  return [host.slice(0, i), Number(host.slice(i + 1))]
}

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** The functions' region, from their build (the one definition is functions/src/domain/region.ts). */
async function functionsRegion() {
  try {
    const { REGION } = await import(
      new URL('../functions/lib/domain/region.js', import.meta.url).href
    )
    return REGION
  } catch {
    throw new SeedError('functions/lib is missing: run `npm run build -w functions` first.')
  }
}

async function checkEmulatorsRunning() {
  for (const [name, host] of Object.entries(hosts)) {
    try {
      await fetch(`http://${host}/`)
    } catch {
      throw new SeedError(
        `The ${name} emulator does not answer at ${host}: start the emulators with \`npm start\`.`,
      )
    }
  }
}

/**
 * A signed-out client of its own (one per demo user, like one browser each).
 * @param {string} name
 * @param {string} region
 */
function newClient(name, region) {
  const app = initializeApp({ apiKey: 'demo-key', projectId }, `seed-${name}`)
  apps.push(app)
  const auth = getAuth(app)
  connectAuthEmulator(auth, `http://${hosts.auth}`, { disableWarnings: true })
  const db = getFirestore(app)
  connectFirestoreEmulator(db, ...hostPort(hosts.firestore))
  const functions = getFunctions(app, region)
  connectFunctionsEmulator(functions, ...hostPort(hosts.functions))
  return { auth, db, functions, uid: '', username: '' }
}

/** @typedef {ReturnType<typeof newClient>} SeedUser */
/** @typedef {[SeedUser, string][]} Lines */

/**
 * Calls a callable as `user`, retrying contention (`aborted`) as the app does.
 * @param {SeedUser} user
 * @param {string} name
 * @param {unknown} data
 * @returns {Promise<any>} the callable's answer
 */
async function call(user, name, data) {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await httpsCallable(user.functions, name)(data)).data
    } catch (e) {
      const error = /** @type {{ code?: string, message: string }} */ (e)
      const code = String(error.code ?? '').replace(/^functions\//, '')
      if ((code === 'aborted' || code === 'unavailable') && attempt < 5) {
        await sleep(250 * 2 ** attempt)
        continue
      }
      throw new SeedError(
        `${name} as ${user.username || 'a new user'} failed: ${code} ${error.message}`,
      )
    }
  }
}

/**
 * Signs up with email + password and claims the username, as the sign-up page does.
 * @param {SeedUser} user
 * @param {{ email: string, username: string }} account
 */
async function signUp(user, { email, username }) {
  const credential = await createUserWithEmailAndPassword(user.auth, email, DEMO_PASSWORD)
  user.uid = credential.user.uid
  user.username = (await call(user, 'claimUsername', { username })).username
}

/**
 * By `roomId/uid`: the times of the sender's last 5 messages there, oldest first.
 * @type {Map<string, number[]>}
 */
const sent = new Map()
/** @type {Map<string, number>} By `roomId/uid`: the sender's next send-log slot. */
const slots = new Map()

/**
 * Sends a message as the app does: in one batch with the sender's send-log slot, which the rules
 * allow at most 5 times in any 5 s (functions/src/domain/rateLimits.ts); waits when it must.
 * @param {SeedUser} user
 * @param {string} roomId
 * @param {string} text
 */
async function say(user, roomId, text) {
  const key = `${roomId}/${user.uid}`
  const times = sent.get(key) ?? []
  const oldest = times.length === 5 ? times[0] : undefined
  if (oldest !== undefined) {
    const wait = oldest + 5_000 + 200 - Date.now()
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait))
  }
  const slot = (slots.get(key) ?? 0) % 5
  const message = doc(collection(user.db, 'rooms', roomId, 'messages'))
  const batch = writeBatch(user.db)
  batch.set(message, {
    kind: 'text',
    text,
    senderId: user.uid,
    senderName: user.username,
    createdAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
  })
  batch.set(
    doc(user.db, 'rooms', roomId, 'sendLog', user.uid),
    { slot: (slot + 1) % 5, messageId: message.id, [`at${slot}`]: serverTimestamp() },
    { merge: true },
  )
  await batch.commit()
  sent.set(key, [...times, Date.now()].slice(-5))
  slots.set(key, slot + 1)
}

/**
 * Sends `[user, text]` lines one after another, so they keep their order.
 * @param {string} roomId
 * @param {Lines} lines
 */
async function converse(roomId, lines) {
  for (const [user, text] of lines) await say(user, roomId, text)
}

/**
 * Lists an item as the app does: in one batch with the seller's listingLogs write, which
 * firestore.rules require (a seller here lists far fewer than a window's 10).
 * @param {SeedUser} seller
 * @param {{ title: string, description: string, price: number }} listing
 */
async function listItem(seller, { title, description, price }) {
  const ref = doc(collection(seller.db, 'items'))
  const logRef = doc(seller.db, 'listingLogs', seller.uid)
  const log = (await getDoc(logRef)).data()
  const batch = writeBatch(seller.db)
  batch.set(
    logRef,
    log
      ? { windowAt: log.windowAt, count: log.count + 1, itemId: ref.id }
      : { windowAt: serverTimestamp(), count: 1, itemId: ref.id },
  )
  batch.set(ref, {
    sellerId: seller.uid,
    sellerName: seller.username,
    title,
    description,
    price,
    status: 'available',
    createdAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
  })
  await batch.commit()
  return ref.id
}

/**
 * The item's first status change: it opens the status-change window the rules count.
 * @param {SeedUser} seller
 * @param {string} itemId
 * @param {string} status
 */
async function setItemStatus(seller, itemId, status) {
  await updateDoc(doc(seller.db, 'items', itemId), {
    status,
    updatedAt: serverTimestamp(),
    statusWindowAt: serverTimestamp(),
    statusChanges: 1,
  })
}

/**
 * Open rooms: the owner creates it, the others join (with the password if it has one).
 * @param {SeedUser} alice
 * @param {SeedUser} minsu
 * @param {SeedUser} bob
 * @returns {{ owner: SeedUser, input: { title: string, password?: string, capacity?: number }, joiners: SeedUser[], chat: Lines }[]}
 */
function demoRooms(alice, minsu, bob) {
  return [
    {
      owner: alice,
      input: { title: 'Market talk / 장터 수다' },
      joiners: [minsu, bob],
      chat: [
        [alice, 'Welcome! Anything good on the market today?'],
        [minsu, '안녕하세요! 아이패드 올려놨어요.'],
        [bob, 'I just sold my desk lamp. Looking at the road bike now.'],
        [alice, 'It is still available, ask me in its chat 🚲'],
      ],
    },
    {
      owner: bob,
      input: { title: 'Members only', password: DEMO_ROOM_PASSWORD },
      joiners: [alice],
      chat: [
        [bob, 'This room has a password, so only friends find their way in.'],
        [alice, 'Got in with the password. Hi bob!'],
      ],
    },
    {
      owner: minsu,
      input: { title: '보드게임 모임 (3명)', capacity: 3 },
      joiners: [alice],
      chat: [
        [minsu, '이번 주 토요일에 보드게임 하실 분? 세 명까지만 들어올 수 있어요.'],
        [alice, '저요! One seat left.'],
      ],
    },
  ]
}

/**
 * Items: the seller lists it, a buyer opens its chat, then the seller may change its status.
 * @param {SeedUser} alice
 * @param {SeedUser} minsu
 * @param {SeedUser} bob
 * @returns {{ seller: SeedUser, listing: { title: string, description: string, price: number }, buyer?: SeedUser, chat?: Lines, status?: string }[]}
 */
function demoItems(alice, minsu, bob) {
  return [
    {
      seller: alice,
      listing: {
        title: 'Road bike, 54 cm frame',
        description: 'Aluminium frame, 2×9 gears, new tyres last spring. Pick-up in Mapo.',
        price: 350000,
      },
      buyer: bob,
      chat: [
        [bob, 'Hi! Is the bike still available? Could I try it this weekend?'],
        [alice, 'Yes, Saturday afternoon works for me.'],
      ],
    },
    {
      seller: minsu,
      listing: {
        title: '아이패드 에어 4세대 64GB',
        description: '케이스와 충전기 포함. 화면에 흠집 없어요.',
        price: 420000,
      },
      buyer: bob,
      chat: [
        [bob, '안녕하세요, 아이패드 내일 직거래 가능할까요?'],
        [minsu, '네! 내일까지 예약해 둘게요.'],
      ],
      status: 'reserved',
    },
    {
      seller: bob,
      listing: { title: 'Desk lamp', description: 'Warm white LED, dimmable.', price: 15000 },
      buyer: alice,
      chat: [
        [alice, "I'll take the lamp. Cash on pick-up?"],
        [bob, 'Deal, see you at 6.'],
      ],
      status: 'sold',
    },
    {
      seller: alice,
      listing: {
        title: 'Mechanical keyboard',
        description: 'Brown switches, Korean/English keycaps.',
        price: 80000,
      },
    },
  ]
}

/** @param {SeedUser[]} users */
async function seedRooms(users) {
  const rooms = demoRooms(.../** @type {[SeedUser, SeedUser, SeedUser]} */ (users))
  for (const { owner, input, joiners, chat } of rooms) {
    const { roomId } = await call(owner, 'createRoom', input)
    for (const user of joiners) {
      await call(
        user,
        'joinRoom',
        input.password ? { roomId, password: input.password } : { roomId },
      )
    }
    await converse(roomId, chat)
  }
  return rooms.length
}

/** @param {SeedUser[]} users */
async function seedMarket(users) {
  const items = demoItems(.../** @type {[SeedUser, SeedUser, SeedUser]} */ (users))
  for (const { seller, listing, buyer, chat, status } of items) {
    const itemId = await listItem(seller, listing)
    if (buyer) {
      const { roomId } = await call(buyer, 'openItemRoom', { itemId })
      await converse(roomId, chat ?? [])
    }
    // Only completeSale marks an item sold (firestore.rules), naming the buyer.
    if (status === 'sold')
      await call(seller, 'completeSale', { itemId, buyerId: buyer?.uid ?? null })
    else if (status) await setItemStatus(seller, itemId, status)
  }
  const chats = items.filter((item) => item.buyer).length
  return `${items.length} items (${chats} with a chat)`
}

async function seed() {
  await checkEmulatorsRunning()
  const region = await functionsRegion()
  const users = DEMO_ACCOUNTS.map((account) => newClient(account.username, region))
  const accounts = DEMO_ACCOUNTS.map((account, i) => ({ user: users[i], account }))
  const [first, ...rest] = /** @type {{ user: SeedUser, account: typeof DEMO_ACCOUNTS[0] }[]} */ (
    accounts
  )
  if (!first) throw new SeedError('No demo accounts.')
  try {
    await signUp(first.user, first.account) // alice first: if she exists, so does the rest
  } catch (error) {
    if (/** @type {{ code?: string }} */ (error).code === 'auth/email-already-in-use')
      return 'Demo data is already there.'
    throw error
  }
  for (const { user, account } of rest) await signUp(user, account)
  const rooms = await seedRooms(users)
  const items = await seedMarket(users)
  return `Seeded ${users.length} users, ${rooms} open rooms and ${items}.`
}

let exitCode = 0
try {
  const summary = await seed()
  console.log(quiet ? summary : `${summary}\n${describeAccounts()}`)
} catch (error) {
  const detail = error instanceof SeedError ? error.message : /** @type {Error} */ (error).stack
  console.error(`marketchat seed: ${detail}`)
  exitCode = 1
}
await Promise.all(apps.map((app) => deleteApp(app)))
process.exit(exitCode)
