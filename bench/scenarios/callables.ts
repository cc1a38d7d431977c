// Scenario 3: warm latency of the callables, and 30 concurrent joins of one room.
import { FieldValue } from 'firebase-admin/firestore'
import { db } from '../../functions/src/admin'
import type { ItemDoc } from '../../functions/src/domain/types'
import { codeOf } from '../../tests/support/clients'
import { missingCallables } from '../lib/available'
import type { Row, ScenarioResult } from '../lib/result'
import { type BenchUser, benchUsername, benchUsers, closeAll, seedRoom } from '../lib/seed'
import { now, summarize } from '../lib/stats'

export interface CallablesParams {
  calls: number
  warmup: number
  concurrentJoins: number
}

/** Times `calls` sequential calls after `warmup` untimed ones; counts outcomes by error code. */
async function timeCalls(
  p: CallablesParams,
  name: string,
  call: (i: number) => Promise<unknown>,
): Promise<Row> {
  for (let i = 0; i < p.warmup; i++) await codeOf(call(i))
  const samples: number[] = []
  const outcomes: Record<string, number> = {}
  for (let i = p.warmup; i < p.warmup + p.calls; i++) {
    const t = now()
    const code = await codeOf(call(i))
    samples.push(now() - t)
    outcomes[code] = (outcomes[code] ?? 0) + 1
  }
  return { name: `${name} warm`, unit: 'ms', summary: summarize(samples), counts: outcomes }
}

/** One user joins `calls` different seeded rooms: each call is a real join. */
async function joinRoom(p: CallablesParams): Promise<Row> {
  const [owner, joiner] = (await benchUsers(2)) as [BenchUser, BenchUser]
  const rooms: string[] = []
  for (let i = 0; i < p.warmup + p.calls; i++) rooms.push(await seedRoom({ owner }))
  const row = await timeCalls(p, 'joinRoom', (i) => joiner.call('joinRoom', { roomId: rooms[i] }))
  await closeAll([owner, joiner])
  return { ...row, note: 'each call joins a different room' }
}

/** A buyer opens the room of a different item each call: each call creates the item's room. */
async function openItemRoom(p: CallablesParams): Promise<Row> {
  const [seller, buyer] = (await benchUsers(2)) as [BenchUser, BenchUser]
  const items: string[] = []
  for (let i = 0; i < p.warmup + p.calls; i++) {
    const item: ItemDoc = {
      sellerId: seller.uid,
      sellerName: seller.username,
      title: `bench item ${i}`,
      description: '',
      price: 1000,
      status: 'available',
      createdAt: FieldValue.serverTimestamp(),
      updatedAt: FieldValue.serverTimestamp(),
    }
    items.push((await db.collection('items').add(item)).id)
  }
  const row = await timeCalls(p, 'openItemRoom', (i) =>
    buyer.call('openItemRoom', { itemId: items[i] }),
  )
  await closeAll([seller, buyer])
  return { ...row, note: "each call creates a new item's room" }
}

/** One user renames themself on each call (the first call claims). */
async function claimUsername(p: CallablesParams): Promise<Row> {
  const [user] = (await benchUsers(1)) as [BenchUser]
  const row = await timeCalls(p, 'claimUsername', () =>
    user.call('claimUsername', { username: benchUsername('c') }),
  )
  await closeAll([user])
  return { ...row, note: 'each call renames the caller' }
}

/** `concurrentJoins` users join one room at once; time until every call has settled. */
async function concurrentJoins(p: CallablesParams): Promise<Row> {
  const users = await benchUsers(p.concurrentJoins + 1)
  const [owner, ...joiners] = users as [BenchUser, ...BenchUser[]]
  const roomId = await seedRoom({ owner })
  const outcomes: Record<string, number> = {}
  const t = now()
  const settled = await Promise.all(
    joiners.map(async (user) => {
      const code = await codeOf(user.call('joinRoom', { roomId }))
      outcomes[code] = (outcomes[code] ?? 0) + 1
      return now() - t
    }),
  )
  const room = await db.doc(`rooms/${roomId}`).get()
  const members = (await db.collection(`rooms/${roomId}/members`).get()).size
  await closeAll(users)
  return {
    name: `${p.concurrentJoins} concurrent joinRoom, one room`,
    unit: 'ms',
    summary: summarize(settled),
    value: Math.round(Math.max(...settled)),
    counts: { ...outcomes, memberCount: room.get('memberCount') as number, memberDocs: members },
    note: 'value = time until all settled; summary = per-call settle times; no client retries',
  }
}

export async function callables(p: CallablesParams): Promise<ScenarioResult> {
  const names = ['joinRoom', 'openItemRoom', 'claimUsername']
  const missing = await missingCallables(names)
  const rows: Row[] = []
  if (!missing.includes('joinRoom')) rows.push(await joinRoom(p))
  if (!missing.includes('openItemRoom')) rows.push(await openItemRoom(p))
  if (!missing.includes('claimUsername')) rows.push(await claimUsername(p))
  if (!missing.includes('joinRoom')) rows.push(await concurrentJoins(p))
  for (const name of missing) {
    rows.push({ name: `${name} warm`, unit: 'ms', note: `not available yet: callable ${name}` })
  }
  return {
    scenario: 'callables',
    status: 'ok',
    reason: missing.length ? `not available yet: ${missing.join(', ')}` : undefined,
    params: { ...p },
    method:
      'Client SDK httpsCallable against the Functions emulator from one Node process, sequential calls after untimed warm-up calls; latency = call to settled promise.',
    rows,
  }
}
