// Scenario 1: delivery latency of one room's messages through our data path (a client-SDK write,
// other members' onSnapshot listeners) and through a minimal Socket.IO relay, in the same run.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import {
  type Query,
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
import { io, type Socket } from 'socket.io-client'
import {
  MESSAGE_PAGE_SIZE,
  MESSAGE_QUERY_LIMIT_MAX,
  MESSAGE_WINDOW_MS,
  MESSAGES_PER_WINDOW,
} from '../../functions/src/domain/limits'
import { root } from '../lib/paths'
import type { Row, ScenarioResult } from '../lib/result'
import { type BenchUser, benchUsers, closeAll, seedRoom } from '../lib/seed'
import { sendText } from '../lib/send'
import { now, ratio, sleep, summarize } from '../lib/stats'

export interface DeliveryParams {
  clients: number
  messagesPerSecond: number
  durationSeconds: number
  /** How long to wait after the last send for stragglers before counting losses. */
  graceSeconds: number
  /**
   * `window`: each client listens to the newest page live, as the room page does (every new
   * message moves the window: one document in, one out). `newer`: each client reads the newest
   * page once and listens only to messages after it (a new message is one added document).
   */
  listen: 'window' | 'newer'
}

/** What one path measured: per-delivery latencies and delivery accounting. */
interface PathRun {
  latencies: number[]
  sent: number
  expected: number
  delivered: number
  lost: number
  duplicated: number
  sendErrors: number
  /** Firestore only: time until the sender's write was acknowledged by the server. */
  acks?: number[]
  /** CPU the bench process itself used during the run, in % of one core. */
  benchCpu?: number
  /** CPU time of the bench process from the first send until every delivery arrived (ms). */
  sendingCpuMs?: number
  /** That CPU time per delivered message (ms). */
  cpuMsPerDelivery?: number
  listen?: DeliveryParams['listen']
}

/**
 * How many members send: enough that none exceeds 80 % of the rules' per-member ceiling (5 in
 * any 5 s, so at most 0.8 msg/s each, with room for timer jitter), and at least every client.
 * Senders beyond the clients only write: they are members, not listeners.
 */
export function senderCount(p: Pick<DeliveryParams, 'clients' | 'messagesPerSecond'>): number {
  const perSender = (0.8 * MESSAGES_PER_WINDOW) / (MESSAGE_WINDOW_MS / 1000)
  return Math.max(p.clients, Math.ceil(p.messagesPerSecond / perSender))
}

/** Receiver bookkeeping shared by both paths; receivers are clients 0..clients-1. */
class Ledger {
  readonly sentAt = new Map<number, number>()
  readonly senderOf = new Map<number, number>()
  readonly seen: Set<number>[]
  readonly latencies: number[] = []
  duplicated = 0

  constructor(readonly clients: number) {
    this.seen = Array.from({ length: clients }, () => new Set<number>())
  }

  receive(receiver: number, seq: number) {
    const sentAt = this.sentAt.get(seq)
    if (sentAt === undefined || this.senderOf.get(seq) === receiver) return
    const seen = this.seen[receiver] as Set<number>
    if (seen.has(seq)) {
      this.duplicated++
      return
    }
    seen.add(seq)
    this.latencies.push(now() - sentAt)
  }

  get delivered() {
    return this.seen.reduce((n, s) => n + s.size, 0)
  }

  /** Every message to every receiving client but its sender. */
  expected() {
    let n = 0
    for (const seq of this.sentAt.keys()) {
      n += this.clients - ((this.senderOf.get(seq) ?? 0) < this.clients ? 1 : 0)
    }
    return n
  }

  /** Waits until every receiver has every message, or the grace period ends. */
  async settle(graceMs: number) {
    const until = now() + graceMs
    while (this.delivered < this.expected() && now() < until) await sleep(50)
  }

  result(sendErrors: number): PathRun {
    return {
      latencies: this.latencies,
      sent: this.sentAt.size,
      expected: this.expected(),
      delivered: this.delivered,
      lost: this.expected() - this.delivered,
      duplicated: this.duplicated,
      sendErrors,
    }
  }
}

/** Sends `messagesPerSecond` in total for the duration, round-robin over the senders. */
async function paced(p: DeliveryParams, send: (seq: number, sender: number) => void) {
  const senders = senderCount(p)
  const total = Math.round(p.messagesPerSecond * p.durationSeconds)
  const interval = 1000 / p.messagesPerSecond
  const start = now()
  for (let seq = 0; seq < total; seq++) {
    const wait = start + seq * interval - now()
    if (wait > 0) await sleep(wait)
    send(seq, seq % senders)
  }
}

const textOf = (run: string, seq: number) => `bench ${run} ${seq}`
function seqOf(run: string, text: unknown): number | undefined {
  if (typeof text !== 'string' || !text.startsWith(`bench ${run} `)) return undefined
  return Number(text.slice(`bench ${run} `.length))
}

async function firestorePath(p: DeliveryParams): Promise<PathRun> {
  const users = await benchUsers(senderCount(p))
  const [owner, ...others] = users as [BenchUser, ...BenchUser[]]
  const roomId = await seedRoom({ owner, members: others })
  const receivers = users.slice(0, p.clients)
  if (p.listen === 'newer' && p.messagesPerSecond * p.durationSeconds > MESSAGE_QUERY_LIMIT_MAX) {
    throw new Error(
      `--listen newer keeps ≤ ${MESSAGE_QUERY_LIMIT_MAX} messages: shorten --duration`,
    )
  }
  const run = Math.random().toString(36).slice(2, 8)
  const ledger = new Ledger(p.clients)
  const unsubscribes: Unsubscribe[] = []
  let listenErrors = 0
  // Each client listens like the room page does: the newest page of messages, live.
  const liveQuery = async (user: BenchUser): Promise<Query> => {
    const messages = collection(user.db, `rooms/${roomId}/messages`)
    const page = query(messages, orderBy('createdAt', 'desc'), limit(MESSAGE_PAGE_SIZE))
    if (p.listen === 'window') return page
    const newest = (await getDocs(page)).docs[0]?.get('createdAt') as Timestamp | undefined
    return query(
      messages,
      ...(newest ? [where('createdAt', '>', newest)] : []),
      orderBy('createdAt'),
      limit(MESSAGE_QUERY_LIMIT_MAX),
    )
  }
  await Promise.all(
    receivers.map(async (user, receiver) => {
      const q = await liveQuery(user)
      await new Promise<void>((ready) => {
        unsubscribes.push(
          onSnapshot(
            q,
            (snap) => {
              for (const change of snap.docChanges()) {
                if (change.type !== 'added' || change.doc.metadata.hasPendingWrites) continue
                const seq = seqOf(run, change.doc.get('text'))
                if (seq !== undefined) ledger.receive(receiver, seq)
              }
              if (!snap.metadata.fromCache) ready()
            },
            () => {
              listenErrors++
              ready()
            },
          ),
        )
      })
    }),
  )
  const acks: number[] = []
  const writes: Promise<unknown>[] = []
  let sendErrors = listenErrors
  const cpu = process.cpuUsage()
  await paced(p, (seq, sender) => {
    const user = users[sender] as BenchUser
    ledger.senderOf.set(seq, sender)
    ledger.sentAt.set(seq, now())
    const t = now()
    writes.push(
      sendText(user, roomId, textOf(run, seq)).then(
        () => acks.push(now() - t),
        () => sendErrors++,
      ),
    )
  })
  await Promise.all(writes)
  await ledger.settle(p.graceSeconds * 1000)
  const sendingCpuMs = cpuMsSince(cpu)
  for (const unsubscribe of unsubscribes) unsubscribe()
  await closeAll(users)
  return { ...ledger.result(sendErrors), acks, listen: p.listen, sendingCpuMs }
}

async function startRelay(): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(root, 'bench', 'socketio-relay.mjs')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  const [line] = (await once(child.stdout!, 'data')) as [Buffer]
  const port = /listening (\d+)/.exec(line.toString())?.[1]
  if (!port) throw new Error(`Socket.IO relay did not start: ${line.toString()}`)
  return { child, url: `http://127.0.0.1:${port}` }
}

async function socketIoPath(p: DeliveryParams): Promise<PathRun> {
  const relay = await startRelay()
  const run = Math.random().toString(36).slice(2, 8)
  const room = `room-${run}`
  const ledger = new Ledger(p.clients)
  const sockets: Socket[] = []
  try {
    for (let client = 0; client < senderCount(p); client++) {
      const socket = io(relay.url, { transports: ['websocket'], forceNew: true })
      socket.on('message', (message: { text: string }) => {
        const seq = seqOf(run, message.text)
        if (seq !== undefined && client < p.clients) ledger.receive(client, seq)
      })
      await new Promise<void>((joined) => socket.emit('join', room, () => joined()))
      sockets.push(socket)
    }
    const cpu = process.cpuUsage()
    await paced(p, (seq, sender) => {
      ledger.senderOf.set(seq, sender)
      ledger.sentAt.set(seq, now())
      sockets[sender]?.emit('message', { room, text: textOf(run, seq) })
    })
    await ledger.settle(p.graceSeconds * 1000)
    return { ...ledger.result(0), sendingCpuMs: cpuMsSince(cpu) }
  } finally {
    for (const socket of sockets) socket.disconnect()
    relay.child.kill('SIGTERM')
  }
}

function rowsFor(label: string, clients: number, fs: PathRun, sio: PathRun, target: string): Row[] {
  const a = summarize(fs.latencies)
  const b = summarize(sio.latencies)
  const counts = (r: PathRun) => ({
    sent: r.sent,
    expected: r.expected,
    delivered: r.delivered,
    lost: r.lost,
    duplicated: r.duplicated,
    errors: r.sendErrors,
    benchCpuPercent: r.benchCpu ?? 0,
    cpuMsPerDelivery: r.cpuMsPerDelivery ?? 0,
  })
  return [
    {
      name: `${label}: Firestore (${clients} clients, listen ${fs.listen ?? 'window'})`,
      unit: 'ms',
      summary: a,
      counts: counts(fs),
      target,
    },
    {
      name: `${label}: Socket.IO (${clients} clients)`,
      unit: 'ms',
      summary: b,
      counts: counts(sio),
    },
    {
      name: `${label}: Firestore write ack (${clients} clients)`,
      unit: 'ms',
      summary: summarize(fs.acks ?? []),
    },
    {
      name: `${label}: ratio Firestore/Socket.IO (${clients} clients)`,
      unit: 'x',
      value: ratio(a.p50, b.p50),
      note: `p50 ${ratio(a.p50, b.p50)}x, p95 ${ratio(a.p95, b.p95)}x, p99 ${ratio(a.p99, b.p99)}x`,
    },
  ]
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** Runs a path and notes how busy the bench process itself was (its clients share one process). */
async function withCpu(run: () => Promise<PathRun>): Promise<PathRun> {
  const cpu = process.cpuUsage()
  const t = now()
  const result = await run()
  const sending = result.sendingCpuMs ?? 0
  return {
    ...result,
    benchCpu: Math.round((cpuMsSince(cpu) / (now() - t)) * 100),
    cpuMsPerDelivery: result.delivered ? Math.round((sending / result.delivered) * 100) / 100 : 0,
  }
}

/** Runs the scenario for each client count in `clientCounts`. */
export async function delivery(
  clientCounts: number[],
  base: Omit<DeliveryParams, 'clients'>,
): Promise<ScenarioResult> {
  const rows: Row[] = []
  for (const clients of clientCounts) {
    const p = { ...base, clients }
    const fs = await withCpu(() => firestorePath(p))
    const sio = await withCpu(() => socketIoPath(p))
    const target = clients <= 2 ? 'p50 ≤ 50, p99 ≤ 200, 0 lost/dup' : 'p99 ≤ 500, 0 lost/dup'
    rows.push(...rowsFor('delivery', clients, fs, sio, target))
  }
  return {
    scenario: 'delivery',
    status: 'ok',
    params: {
      clientCounts,
      ...base,
      senders: clientCounts.map((clients) => senderCount({ ...base, clients })),
      listenerQuery: `newest ${MESSAGE_PAGE_SIZE}, live`,
    },
    method:
      'All clients run in the bench process (firebase client SDK over gRPC to the Firestore emulator; socket.io-client over WebSocket to a relay in a child process). CPU per delivery = the CPU time of the bench process (all its clients, senders included) from the first send until the last delivery ÷ deliveries. Latency = receive time - send call time, per receiving client (the sender excluded), one monotonic clock. Senders round-robin, each at most 0.8 msg/s (the rules allow 5 in any 5 s per member): below that many clients, extra members only send.',
    rows,
  }
}
