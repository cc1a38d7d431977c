// Scenario 1: delivery latency of one room's messages through our data path (a client-SDK write,
// other members' listeners) and through a minimal Socket.IO relay, in the same run. The Firestore
// receivers run in child processes (bench/scenarios/deliveryReceivers.ts), the senders here, so
// the receivers' CPU per delivered message is measured apart from the senders'.
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import type { Timestamp } from 'firebase-admin/firestore'
import { io, type Socket } from 'socket.io-client'
import {
  MESSAGE_PAGE_SIZE,
  MESSAGE_QUERY_LIMIT_MAX,
  MESSAGE_WINDOW_MS,
  MESSAGES_PER_WINDOW,
} from '../../functions/src/domain/limits'
import {
  type FromReceivers,
  Ledger,
  type ReceiverReport,
  type ToReceivers,
  cpuMsSince,
  deliveryText,
  inbox,
  parseDelivery,
} from '../lib/deliveries'
import { db } from '../../functions/src/admin'
import { emulatorCpuMs } from '../lib/emulatorCpu'
import { root } from '../lib/paths'
import type { Row, ScenarioResult } from '../lib/result'
import { type BenchUser, benchUsers, closeAll, seedRoom } from '../lib/seed'
import { sendText } from '../lib/send'
import { clock, now, ratio, sleep, summarize } from '../lib/stats'

export type Listen = Extract<ToReceivers, { type: 'listen' }>['listen']

export interface DeliveryParams {
  clients: number
  messagesPerSecond: number
  durationSeconds: number
  /** How long to wait after the last send for stragglers before counting losses. */
  graceSeconds: number
  /**
   * `window`: each client listens to the newest page live, as the room page did (every new
   * message moves the window: one document in, one out). `newer`: the newest page read once,
   * then a live query of the messages created after it. `feed`: src/lib/messageFeed.ts's
   * followMessages, as the room page does now.
   */
  listen: Listen
  /** Receiver processes; undefined: defaultProcs(clients). */
  procs?: number
  /** followMessages' reopenAfter (`feed` only); undefined: its default. */
  reopenAfter?: number
}

/** What one path measured: per-delivery latencies and delivery accounting. */
interface PathRun {
  latencies: number[]
  sent: number
  expected: number
  delivered: number
  lost: number
  /** Firestore only: messages some receiver never got, with how many receivers lack each. */
  missing?: { seq: number; receivers: number }[]
  duplicated: number
  sendErrors: number
  /** Firestore only: time until the sender's write was acknowledged by the server. */
  acks?: number[]
  /** Firestore only: what each receiver process used, and the senders' process. */
  cpu?: {
    /** Receivers' CPU time (all processes) ÷ deliveries (ms). */
    msPerDelivery: number
    /** Each receiver process: receivers, CPU ms, % of one core over its span and while idle. */
    procs: { receivers: number; cpuMs: number; percent: number; idlePercent: number }[]
    sendersCpuMs: number
    sendersPercent: number
    /** The emulators over the senders' span, in % of one core (Linux only). */
    firestoreEmulatorPercent?: number
    /** The Firestore emulator's CPU time over that span ÷ messages written (ms). */
    firestoreEmulatorMsPerMessage?: number
    otherEmulatorsPercent?: number
  }
}

/**
 * How many members send: enough that none exceeds 80 % of the rules' per-member ceiling (5 in
 * any 5 s, so at most 0.8 msg/s each, with room for timer jitter). They only send; the
 * receiving clients are other members.
 */
export function senderCount(messagesPerSecond: number): number {
  const perSender = (0.8 * MESSAGES_PER_WINDOW) / (MESSAGE_WINDOW_MS / 1000)
  return Math.ceil(messagesPerSecond / perSender)
}

/** How long the listeners stay open before the first send (the receivers' idle floor). */
const IDLE_MS = 3000

/** Receiver processes by default: at most ~10 clients each, and at least 2 beyond 2 clients. */
export function defaultProcs(clients: number): number {
  return clients > 2 ? Math.max(2, Math.ceil(clients / 10)) : 1
}

/** Sends `messagesPerSecond` in total for the duration, round-robin over the senders. */
async function paced(p: DeliveryParams, send: (seq: number, sender: number) => void) {
  const senders = senderCount(p.messagesPerSecond)
  const total = Math.round(p.messagesPerSecond * p.durationSeconds)
  const interval = 1000 / p.messagesPerSecond
  const start = now()
  for (let seq = 0; seq < total; seq++) {
    const wait = start + seq * interval - now()
    if (wait > 0) await sleep(wait)
    send(seq, seq % senders)
  }
}

interface Receiver {
  child: ChildProcess
  next: ReturnType<typeof inbox<FromReceivers>>
  send(m: ToReceivers): void
}

/** Starts a receiver process (bench/run.mjs with deliveryReceivers.ts as its entry). */
function startReceiver(): Receiver {
  const child = spawn(process.execPath, [join(root, 'bench', 'run.mjs')], {
    cwd: root,
    env: {
      ...process.env,
      MARKETCHAT_BENCH_INSIDE: '1',
      MARKETCHAT_BENCH_ENTRY: 'bench/scenarios/deliveryReceivers.ts',
      MARKETCHAT_BENCH_ARGS: '[]',
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = once(child, 'exit').then(([code]) => `receiver process exited (${code})`)
  return { child, next: inbox<FromReceivers>(child, exited), send: (m) => child.send(m) }
}

/**
 * Logs the run's messages in the order of their server write time (`updatedAt`), marking those
 * some receiver lacks: a listener that follows `updatedAt` misses what it orders before a write
 * it has already seen.
 */
async function logMissing(roomId: string, run: string, missing: Map<number, number>) {
  const snap = await db.collection(`rooms/${roomId}/messages`).get()
  const lines = snap.docs
    .map((doc) => ({ doc, sent: parseDelivery(run, doc.get('text')) }))
    .filter((m) => m.sent)
    .map(({ doc, sent }) => ({
      seq: sent?.seq ?? -1,
      updatedAt: (doc.get('updatedAt') as Timestamp | undefined)?.toDate().toISOString(),
    }))
    .sort((a, b) => String(a.updatedAt).localeCompare(String(b.updatedAt)))
    .map(
      (m) =>
        `${m.seq} ${m.updatedAt}${missing.has(m.seq) ? ` MISSED by ${missing.get(m.seq)}` : ''}`,
    )
  console.error(`delivery: messages missed (by seq, in updatedAt order):\n${lines.join('\n')}`)
}

async function firestorePath(p: DeliveryParams): Promise<PathRun> {
  if (p.listen === 'newer' && p.messagesPerSecond * p.durationSeconds > MESSAGE_QUERY_LIMIT_MAX) {
    throw new Error(
      `--listen newer keeps ≤ ${MESSAGE_QUERY_LIMIT_MAX} messages: shorten --duration`,
    )
  }
  const procs = Math.min(p.clients, p.procs ?? defaultProcs(p.clients))
  const receivers = Array.from({ length: procs }, startReceiver)
  try {
    // One process at a time signs its members in: the test client's e-mail addresses are made
    // from the time and a per-process counter, which could collide between processes.
    const senders = await benchUsers(senderCount(p.messagesPerSecond))
    const members: { uid: string; username: string }[] = []
    for (const [i, r] of receivers.entries()) {
      await r.next('up')
      const count = Math.floor(p.clients / procs) + (i < p.clients % procs ? 1 : 0)
      r.send({ type: 'sign-in', count })
      members.push(...(await r.next('users')).users)
    }
    const [owner, ...otherSenders] = senders as [BenchUser, ...BenchUser[]]
    // One page of history, so every listener starts as in a room that has been talked in.
    const roomId = await seedRoom({
      owner,
      members: [...otherSenders, ...members],
      messages: MESSAGE_PAGE_SIZE,
    })
    const run = Math.random().toString(36).slice(2, 8)
    for (const r of receivers) {
      r.send({ type: 'listen', roomId, run, listen: p.listen, reopenAfter: p.reopenAfter })
    }
    await Promise.all(receivers.map((r) => r.next('ready')))
    // Receivers measure their idle floor meanwhile (listeners open, nothing sent).
    await sleep(IDLE_MS)

    const acks: number[] = []
    const written: number[] = []
    const writes: Promise<unknown>[] = []
    let sendErrors = 0
    for (const r of receivers) r.send({ type: 'start' })
    const cpu = process.cpuUsage()
    const emulators = emulatorCpuMs()
    const started = clock()
    await paced(p, (seq, sender) => {
      const t = now()
      writes.push(
        sendText(senders[sender] as BenchUser, roomId, deliveryText(run, seq)).then(
          () => {
            acks.push(now() - t)
            written.push(seq)
          },
          (error: unknown) => {
            if (sendErrors++ === 0)
              console.error('delivery: a send failed (only the first shown):', error)
          },
        ),
      )
    })
    await Promise.all(writes)
    for (const r of receivers) {
      r.send({ type: 'sent', seqs: written, graceMs: p.graceSeconds * 1000 })
    }
    const reports: ReceiverReport[] = await Promise.all(receivers.map((r) => r.next('report')))
    const sendersCpuMs = cpuMsSince(cpu)
    const sendersWallMs = clock() - started
    const emulatorsAfter = emulatorCpuMs()
    await closeAll(senders)
    const missing = new Map<number, number>()
    for (const { seq, receivers } of reports.flatMap((r) => r.missing)) {
      missing.set(seq, (missing.get(seq) ?? 0) + receivers)
    }
    if (missing.size > 0) await logMissing(roomId, run, missing)

    const delivered = reports.reduce((n, r) => n + r.delivered, 0)
    const receiversCpuMs = reports.reduce((n, r) => n + r.cpuMs, 0)
    const expected = written.length * p.clients
    const percent = (ms: number, wallMs: number) =>
      wallMs > 0 ? Math.round((ms / wallMs) * 100) : 0
    return {
      latencies: reports.flatMap((r) => r.latencies),
      sent: written.length + sendErrors,
      expected,
      delivered,
      lost: expected - delivered,
      missing: [...missing].map(([seq, receivers]) => ({ seq, receivers })),
      duplicated: reports.reduce((n, r) => n + r.duplicated, 0),
      sendErrors: sendErrors + reports.reduce((n, r) => n + r.listenErrors, 0),
      acks,
      cpu: {
        msPerDelivery: delivered ? Math.round((receiversCpuMs / delivered) * 100) / 100 : 0,
        procs: reports.map((r) => ({
          receivers: r.receivers,
          cpuMs: Math.round(r.cpuMs),
          percent: percent(r.cpuMs, r.wallMs),
          idlePercent: percent(r.idleCpuMs, r.idleWallMs),
        })),
        sendersCpuMs: Math.round(sendersCpuMs),
        sendersPercent: percent(sendersCpuMs, sendersWallMs),
        ...(emulators && emulatorsAfter
          ? {
              firestoreEmulatorPercent: percent(
                emulatorsAfter.firestore - emulators.firestore,
                sendersWallMs,
              ),
              otherEmulatorsPercent: percent(emulatorsAfter.other - emulators.other, sendersWallMs),
              firestoreEmulatorMsPerMessage: written.length
                ? Math.round((emulatorsAfter.firestore - emulators.firestore) / written.length)
                : 0,
            }
          : {}),
      },
    }
  } finally {
    for (const r of receivers) if (r.child.exitCode === null) r.child.kill('SIGTERM')
  }
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

/** The same room through the relay: receivers and senders are sockets of this process. */
async function socketIoPath(p: DeliveryParams): Promise<PathRun> {
  const relay = await startRelay()
  const run = Math.random().toString(36).slice(2, 8)
  const room = `room-${run}`
  const ledger = new Ledger(p.clients)
  const sockets: Socket[] = []
  try {
    const senders = senderCount(p.messagesPerSecond)
    for (let client = 0; client < p.clients + senders; client++) {
      const socket = io(relay.url, { transports: ['websocket'], forceNew: true })
      if (client < p.clients) {
        socket.on('message', (message: { text: string }) => {
          const at = clock()
          const sent = parseDelivery(run, message.text)
          if (sent) ledger.receive(client, sent.seq, at - sent.sentAt)
        })
      }
      await new Promise<void>((joined) => socket.emit('join', room, () => joined()))
      sockets.push(socket)
    }
    const written = new Set<number>()
    await paced(p, (seq, sender) => {
      written.add(seq)
      sockets[p.clients + sender]?.emit('message', { room, text: deliveryText(run, seq) })
    })
    const expected = written.size * p.clients
    const until = now() + p.graceSeconds * 1000
    while (ledger.latencies.length < expected && now() < until) await sleep(50)
    const delivered = ledger.delivered(written)
    return {
      latencies: ledger.latencies,
      sent: written.size,
      expected,
      delivered,
      lost: expected - delivered,
      duplicated: ledger.duplicated,
      sendErrors: 0,
    }
  } finally {
    for (const socket of sockets) socket.disconnect()
    relay.child.kill('SIGTERM')
  }
}

function rowsFor(p: DeliveryParams, fs: PathRun, sio: PathRun, target: string): Row[] {
  const a = summarize(fs.latencies)
  const b = summarize(sio.latencies)
  const counts = (r: PathRun) => ({
    sent: r.sent,
    expected: r.expected,
    delivered: r.delivered,
    lost: r.lost,
    duplicated: r.duplicated,
    errors: r.sendErrors,
  })
  const cpu = fs.cpu
  const procs = cpu?.procs ?? []
  const listen = `listen ${p.listen}${p.reopenAfter ? `, reopen after ${p.reopenAfter}` : ''}`
  const clients = `${p.clients} clients`
  return [
    {
      name: `delivery: Firestore (${clients} in ${procs.length} process${procs.length === 1 ? '' : 'es'}, ${listen})`,
      unit: 'ms',
      summary: a,
      counts: {
        ...counts(fs),
        cpuMsPerDelivery: cpu?.msPerDelivery ?? 0,
        receiversCpuPercent: procs.reduce((n, r) => n + r.percent, 0),
        sendersCpuPercent: cpu?.sendersPercent ?? 0,
        firestoreEmulatorCpuPercent: cpu?.firestoreEmulatorPercent ?? -1,
        firestoreEmulatorCpuMsPerMessage: cpu?.firestoreEmulatorMsPerMessage ?? -1,
      },
      target,
      note:
        (fs.missing?.length
          ? `missed: ${fs.missing.map((m) => `seq ${m.seq} by ${m.receivers}`).join(', ')}; `
          : '') +
        `receiver processes (clients: CPU ms, % of a core; idle before the first send): ` +
        procs
          .map((r) => `${r.receivers}: ${r.cpuMs} ms, ${r.percent} %; idle ${r.idlePercent} %`)
          .join(' | ') +
        `; senders' process ${cpu?.sendersCpuMs ?? 0} ms, ${cpu?.sendersPercent ?? 0} %` +
        `; Firestore emulator ${cpu?.firestoreEmulatorPercent ?? '?'} %, other emulators ${cpu?.otherEmulatorsPercent ?? '?'} %`,
    },
    {
      name: `delivery: Socket.IO (${clients}, one process)`,
      unit: 'ms',
      summary: b,
      counts: counts(sio),
    },
    {
      name: `delivery: Firestore write ack (${clients})`,
      unit: 'ms',
      summary: summarize(fs.acks ?? []),
    },
    {
      name: `delivery: ratio Firestore/Socket.IO (${clients})`,
      unit: 'x',
      value: ratio(a.p50, b.p50),
      note: `p50 ${ratio(a.p50, b.p50)}x, p95 ${ratio(a.p95, b.p95)}x, p99 ${ratio(a.p99, b.p99)}x`,
    },
  ]
}

/** Runs the scenario for each client count in `clientCounts`. */
export async function delivery(
  clientCounts: number[],
  base: Omit<DeliveryParams, 'clients'>,
): Promise<ScenarioResult> {
  const rows: Row[] = []
  for (const clients of clientCounts) {
    const p = { ...base, clients }
    const fs = await firestorePath(p)
    const sio = await socketIoPath(p)
    const target = clients <= 2 ? 'p50 ≤ 50, p99 ≤ 200, 0 lost/dup' : 'p99 ≤ 500, 0 lost/dup'
    rows.push(...rowsFor(p, fs, sio, target))
  }
  return {
    scenario: 'delivery',
    status: 'ok',
    params: {
      clientCounts,
      ...base,
      senders: senderCount(base.messagesPerSecond),
      procs: clientCounts.map((clients) => Math.min(clients, base.procs ?? defaultProcs(clients))),
      history: MESSAGE_PAGE_SIZE,
    },
    method:
      `The room holds one page (${MESSAGE_PAGE_SIZE}) of history. Firestore: the receiving clients (firebase client SDK, each its own app and user) run in child processes, the senders (other members, round-robin, each at most 0.8 msg/s: the rules allow 5 in any 5 s) in the bench process. ` +
      'Latency = receive time - send time stamped into the message text, on a clock all processes share (performance.timeOrigin + performance.now()), for every receiving client. ' +
      "CPU per delivery = the receiver processes' CPU time (process.cpuUsage, each from the first send until its last delivery) ÷ deliveries; the senders' process is reported apart (first send until every receiver reported), and so are the emulators over that span (the processes under the bench's emulators:exec: the Java Firestore emulator, and the rest; read from /proc). " +
      'Socket.IO: every socket in the bench process (the relay in its own), the same senders and receivers.',
    rows,
  }
}
