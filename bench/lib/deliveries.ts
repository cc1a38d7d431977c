// Delivery bookkeeping shared by the delivery scenario (bench/scenarios/delivery.ts) and its
// receiver processes (bench/scenarios/deliveryReceivers.ts): the message text carries the run,
// the sequence number and the send time, so any process can measure a delivery's latency.
import type { ChildProcess } from 'node:child_process'
import { clock } from './stats'

/** The text of message `seq` of `run`, stamped with the send time (`clock()`). */
export const deliveryText = (run: string, seq: number) =>
  `bench ${run} ${seq} ${clock().toFixed(3)}`

/** Sequence number and send time of a message of `run`, or undefined for any other text. */
export function parseDelivery(
  run: string,
  text: unknown,
): { seq: number; sentAt: number } | undefined {
  if (typeof text !== 'string' || !text.startsWith(`bench ${run} `)) return undefined
  const [seq, sentAt] = text.slice(`bench ${run} `.length).split(' ').map(Number)
  return seq === undefined || sentAt === undefined ? undefined : { seq, sentAt }
}

/** What reached each of `receivers` clients: latencies, duplicates. */
export class Ledger {
  readonly seen: Set<number>[]
  readonly latencies: number[] = []
  duplicated = 0

  constructor(receivers: number) {
    this.seen = Array.from({ length: receivers }, () => new Set<number>())
  }

  /** Counts message `seq` at `receiver`; false when it had it already (a duplicate). */
  receive(receiver: number, seq: number, latencyMs: number): boolean {
    const seen = this.seen[receiver] as Set<number>
    if (seen.has(seq)) {
      this.duplicated++
      return false
    }
    seen.add(seq)
    this.latencies.push(latencyMs)
    return true
  }

  /** The messages of `sent` some receiver lacks, with how many receivers lack each. */
  missing(sent: ReadonlySet<number>): { seq: number; receivers: number }[] {
    const missing: { seq: number; receivers: number }[] = []
    for (const seq of sent) {
      const receivers = this.seen.filter((seen) => !seen.has(seq)).length
      if (receivers > 0) missing.push({ seq, receivers })
    }
    return missing
  }

  /** Deliveries of the messages in `sent` (every receiver should get every one). */
  delivered(sent: ReadonlySet<number>): number {
    let n = 0
    for (const seen of this.seen) for (const seq of seen) if (sent.has(seq)) n++
    return n
  }
}

/** CPU time (user + system) of this process since `start`, in ms. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

/** What a receiver process reports at the end of a run. */
export interface ReceiverReport {
  type: 'report'
  receivers: number
  latencies: number[]
  delivered: number
  /** Messages some receiver of this process never got. */
  missing: { seq: number; receivers: number }[]
  duplicated: number
  listenErrors: number
  /** CPU time of the process from the first send until its last delivery (ms). */
  cpuMs: number
  /** Wall time of the same span (ms). */
  wallMs: number
  /** CPU time and wall time between the listeners being ready and the first send (ms). */
  idleCpuMs: number
  idleWallMs: number
}

/** Messages between the scenario and a receiver process, in order. */
export type ToReceivers =
  | { type: 'sign-in'; count: number }
  | {
      type: 'listen'
      roomId: string
      run: string
      listen: 'window' | 'newer' | 'feed'
      reopenAfter: number | undefined
    }
  | { type: 'start' }
  | { type: 'sent'; seqs: number[]; graceMs: number }
export type FromReceivers =
  | { type: 'up' }
  | { type: 'users'; users: { uid: string; username: string }[] }
  | { type: 'ready' }
  | ReceiverReport

type Port = Pick<ChildProcess, 'on'> | Pick<NodeJS.Process, 'on'>

/**
 * The messages arriving over an IPC channel, taken by type in the order they came; rejects
 * every wait once `closed` settles (the other side exited).
 */
export function inbox<M extends { type: string }>(port: Port, closed?: Promise<unknown>) {
  const queued: M[] = []
  const waiting: { type: string; take: (m: M) => void }[] = []
  let ended: Error | undefined
  const failures: ((e: Error) => void)[] = []
  ;(port as Pick<NodeJS.Process, 'on'>).on('message', (raw: unknown) => {
    const m = raw as M
    const i = waiting.findIndex((w) => w.type === m.type)
    if (i >= 0) waiting.splice(i, 1)[0]?.take(m)
    else queued.push(m)
  })
  void closed?.then(
    (why) => {
      ended = new Error(String(why))
      for (const fail of failures.splice(0)) fail(ended)
    },
    () => undefined,
  )
  return function next<T extends M['type']>(type: T): Promise<Extract<M, { type: T }>> {
    const i = queued.findIndex((m) => m.type === type)
    if (i >= 0) return Promise.resolve(queued.splice(i, 1)[0] as Extract<M, { type: T }>)
    if (ended) return Promise.reject(ended)
    return new Promise((resolve, reject) => {
      failures.push(reject)
      waiting.push({ type, take: (m) => resolve(m as Extract<M, { type: T }>) })
    })
  }
}
