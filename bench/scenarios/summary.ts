// Scenario: how often a busy room's summary document (rooms/{id}: lastMessage, what "my chats"
// listens to) is written while many members send at once, and how soon the last message of the
// burst shows in it. Firestore sustains about one write per second per document in production.
import { FieldValue, type Timestamp } from 'firebase-admin/firestore'
import { db } from '../../functions/src/admin'
import { MESSAGE_WINDOW_MS, MESSAGES_PER_WINDOW } from '../../functions/src/domain/limits'
import type { Row, ScenarioResult } from '../lib/result'
import { benchUsername } from '../lib/seed'
import { now, sleep, summarize } from '../lib/stats'

export interface SummaryParams {
  senders: number
  seconds: number
}

/** Each sender at the per-member ceiling of the rules (5 messages in 5 s). */
const PER_SENDER_PER_SECOND = MESSAGES_PER_WINDOW / (MESSAGE_WINDOW_MS / 1000)

export async function summary(p: SummaryParams): Promise<ScenarioResult> {
  const room = db.collection('rooms').doc()
  const senders = Array.from({ length: p.senders }, (_, i) => ({
    uid: `sender-${room.id}-${i}`,
    name: benchUsername('s'),
  }))
  await room.set({
    kind: 'open',
    title: 'summary bench',
    ownerId: senders[0]?.uid ?? '',
    capacity: null,
    hasPassword: false,
    memberIds: senders.map((s) => s.uid),
    memberCount: senders.length,
    lastMessage: null,
    lastMessageAt: null,
    createdAt: FieldValue.serverTimestamp(),
  })
  // Every write of the room document after the seed, by the time it was seen.
  const roomWrites: { at: number; lastMessageId?: string }[] = []
  let lease = 0
  let first = true
  const stopRoom = room.onSnapshot((snap) => {
    if (first) {
      first = false
      return
    }
    roomWrites.push({ at: now(), lastMessageId: snap.get('lastMessageId') as string | undefined })
  })
  const stopPrivate = room.collection('private').onSnapshot((snap) => {
    lease += snap.docChanges().length
  })
  // Warm-up: the trigger's first run in the emulator loads its code (seconds on a busy machine).
  const warm = room.collection('messages').doc()
  await warm.set({
    kind: 'text',
    text: 'warm-up',
    senderId: senders[0]?.uid ?? '',
    senderName: senders[0]?.name ?? '',
    createdAt: FieldValue.serverTimestamp(),
    updatedAt: FieldValue.serverTimestamp(),
  })
  const warmUntil = now() + 30_000
  while (now() < warmUntil && !roomWrites.some((w) => w.lastMessageId === warm.id)) await sleep(50)
  await sleep(1500)
  roomWrites.length = 0

  // Round-robin over the senders: the room's rate is senders × the per-member ceiling. Written
  // with the Admin SDK (the summary trigger is what is measured; the send path is in delivery).
  const rate = p.senders * PER_SENDER_PER_SECOND
  const total = Math.round(rate * p.seconds)
  const start = now()
  let lastId = ''
  let lastAckAt = 0
  const writes: Promise<unknown>[] = []
  for (let seq = 0; seq < total; seq++) {
    const wait = start + (seq * 1000) / rate - now()
    if (wait > 0) await sleep(wait)
    const sender = senders[seq % senders.length] as { uid: string; name: string }
    const ref = room.collection('messages').doc()
    writes.push(
      ref
        .set({
          kind: 'text',
          text: `burst ${seq}`,
          senderId: sender.uid,
          senderName: sender.name,
          createdAt: FieldValue.serverTimestamp(),
          updatedAt: FieldValue.serverTimestamp(),
        })
        .then(() => {
          if (seq === total - 1) {
            lastId = ref.id
            lastAckAt = now()
          }
        }),
    )
  }
  await Promise.all(writes)
  const sentSeconds = (now() - start) / 1000
  const until = now() + 30_000
  while (now() < until && !roomWrites.some((w) => w.lastMessageId === lastId)) await sleep(20)
  const shown = roomWrites.find((w) => w.lastMessageId === lastId)
  await sleep(3000)
  stopRoom()
  stopPrivate()

  // Writes per second: the most in any one-second window, and the mean over the burst.
  const times = roomWrites.map((w) => w.at).sort((a, b) => a - b)
  let peak = 0
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] as number) - (times[j] as number) >= 1000) j++
    peak = Math.max(peak, i - j + 1)
  }
  const span = times.length > 1 ? ((times.at(-1) as number) - (times[0] as number)) / 1000 : 0
  const gaps = times.slice(1).map((t, i) => t - (times[i] as number))
  const created = (await room.get()).get('lastMessageAt') as Timestamp | null
  const rows: Row[] = [
    {
      name: `room summary writes, ${p.senders} senders at ${PER_SENDER_PER_SECOND} msg/s each (${total} messages in ${sentSeconds.toFixed(1)} s)`,
      unit: 'writes',
      value: roomWrites.length,
      counts: {
        peakPerSecond: peak,
        meanPerSecond: span > 0 ? Math.round((roomWrites.length / span) * 10) / 10 : 0,
        leaseWrites: lease,
      },
      target: '≤ ~1 write/s',
    },
    {
      name: 'room summary: gap between writes',
      unit: 'ms',
      summary: summarize(gaps),
      counts: {
        firstWriteAfterStartMs: times.length ? Math.round((times[0] as number) - start) : -1,
        lastWriteAfterStartMs: times.length ? Math.round((times.at(-1) as number) - start) : -1,
      },
    },
    {
      name: 'room summary: last message of the burst shown after its write (ms)',
      unit: 'ms',
      value: shown ? Math.round(shown.at - lastAckAt) : null,
      counts: { shown: shown ? 1 : 0, summaryHasTime: created ? 1 : 0 },
      target: '≤ ~2000',
    },
  ]
  await db.recursiveDelete(room)
  return {
    scenario: 'summary',
    status: 'ok',
    params: { ...p, messagesPerSecond: rate },
    method:
      'One seeded room, the trigger warmed up by one message; then messages written with the Admin SDK round-robin over the senders at the room rate (senders × 1/s, the per-member ceiling of the rules); the summary trigger in the Functions emulator keeps rooms/{id}. Writes of the room document counted by an Admin SDK listener (coalesced snapshots would undercount, never overcount); lease writes = writes under rooms/{id}/private. Last message: time from the acknowledged write of the final message until the room document names it.',
    rows,
  }
}
