// A receiver process of the delivery scenario (bench/scenarios/delivery.ts starts several, through
// bench/run.mjs): its members sign in, follow the room's messages as the chosen listener does,
// and it reports their deliveries and its own CPU time over IPC.
import {
  type DocumentSnapshot,
  type Timestamp,
  type Unsubscribe,
  collection,
  getDocs,
  limit,
  onSnapshot,
  orderBy,
  query,
  where,
} from 'firebase/firestore'
import { MESSAGE_QUERY_LIMIT_MAX } from '../../functions/src/domain/limits'
import { followMessages, latestMessagesQuery } from '../../src/lib/messageFeed'
import {
  type FromReceivers,
  Ledger,
  type ToReceivers,
  cpuMsSince,
  inbox,
  parseDelivery,
} from '../lib/deliveries'
import { type BenchUser, benchUsers, closeAll } from '../lib/seed'
import { clock, sleep } from '../lib/stats'

type Listen = Extract<ToReceivers, { type: 'listen' }>['listen']

interface Follower {
  /** Messages received as stored on the server (new or changed). */
  docs(docs: DocumentSnapshot[]): void
  /** The listener holds the room's current messages; what comes next is new. */
  ready(): void
  error(error: unknown): void
}

/** Follows `roomId`'s messages as `user`, the way `listen` names; returns the unsubscribe. */
async function follow(
  user: BenchUser,
  roomId: string,
  listen: Listen,
  reopenAfter: number | undefined,
  on: Follower,
): Promise<Unsubscribe> {
  const messages = collection(user.db, `rooms/${roomId}/messages`)
  if (listen === 'feed') {
    // The room page's own code; the page read once holds only history.
    return followMessages(
      messages,
      null,
      { page: on.ready, changed: on.docs, error: on.error },
      reopenAfter,
    )
  }
  const page = latestMessagesQuery(messages, null)
  let live = page
  if (listen === 'newer') {
    const newest = (await getDocs(page)).docs[0]?.get('createdAt') as Timestamp | undefined
    live = query(
      messages,
      ...(newest ? [where('createdAt', '>', newest)] : []),
      orderBy('createdAt'),
      limit(MESSAGE_QUERY_LIMIT_MAX),
    )
  }
  return onSnapshot(
    live,
    (snap) => {
      on.docs(
        snap
          .docChanges()
          .filter((c) => c.type === 'added')
          .map((c) => c.doc),
      )
      if (!snap.metadata.fromCache) on.ready()
    },
    on.error,
  )
}

/** Runs one receiver process; everything it needs comes over IPC, in the order of ToReceivers. */
export async function main(): Promise<number> {
  if (!process.send) throw new Error('deliveryReceivers runs as a child of the delivery scenario')
  const send = (m: FromReceivers) => process.send?.(m)
  const next = inbox<ToReceivers>(process)
  process.on('disconnect', () => process.exit(1))
  send({ type: 'up' })

  const { count } = await next('sign-in')
  const users = await benchUsers(count)
  send({ type: 'users', users: users.map(({ uid, username }) => ({ uid, username })) })

  const { roomId, run, listen, reopenAfter } = await next('listen')
  const ledger = new Ledger(users.length)
  let cpu: NodeJS.CpuUsage | undefined = undefined // set at the first send
  let started = 0
  let lastCpuMs = 0
  let lastAt = 0
  let listenErrors = 0
  const unsubscribes: Unsubscribe[] = []
  await Promise.all(
    users.map(async (user, receiver) => {
      let ready = () => {}
      const isReady = new Promise<void>((resolve) => (ready = resolve))
      const unsubscribe = await follow(user, roomId, listen, reopenAfter, {
        docs(docs) {
          const at = clock()
          let fresh = false
          for (const doc of docs) {
            const message = parseDelivery(run, doc.get('text'))
            if (message && ledger.receive(receiver, message.seq, at - message.sentAt)) fresh = true
          }
          if (fresh && cpu) {
            lastCpuMs = cpuMsSince(cpu)
            lastAt = clock()
          }
        },
        ready,
        error(error) {
          listenErrors++
          console.error(`receiver ${user.uid}:`, error)
          ready()
        },
      })
      unsubscribes.push(unsubscribe)
      await isReady
    }),
  )
  send({ type: 'ready' })
  // Until the first send the listeners only wait: what the process spends then is its floor.
  const idleCpu = process.cpuUsage()
  const idleFrom = clock()

  await next('start')
  const idleCpuMs = cpuMsSince(idleCpu)
  const idleWallMs = clock() - idleFrom
  cpu = process.cpuUsage()
  started = clock()
  const { seqs, graceMs } = await next('sent')
  const sent = new Set(seqs)
  const expected = sent.size * users.length
  const until = clock() + graceMs
  // Every delivery counted is of a written message (a refused write reaches nobody).
  while (ledger.latencies.length < expected && clock() < until) await sleep(50)
  if (ledger.latencies.length < expected || lastAt === 0) {
    lastCpuMs = cpuMsSince(cpu)
    lastAt = clock()
  }
  send({
    type: 'report',
    receivers: users.length,
    latencies: ledger.latencies,
    delivered: ledger.delivered(sent),
    missing: ledger.missing(sent),
    duplicated: ledger.duplicated,
    listenErrors,
    cpuMs: lastCpuMs,
    wallMs: lastAt - started,
    idleCpuMs,
    idleWallMs,
  })
  for (const unsubscribe of unsubscribes) unsubscribe()
  await closeAll(users)
  return 0
}
