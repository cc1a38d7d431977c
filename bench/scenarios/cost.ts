// Scenario 2: document reads and writes per user action, counted while the action runs
// (see lib/counting.ts for how each kind is counted).
import {
  type Query,
  DocumentReference,
  collection,
  doc,
  limit,
  orderBy,
  query,
  where,
  Timestamp,
} from 'firebase/firestore'
import {
  ITEM_PAGE_SIZE,
  MESSAGE_PAGE_SIZE,
  MESSAGE_QUERY_LIMIT_MAX,
  RECENT_MESSAGES_MAX,
} from '../../functions/src/domain/limits'
import { unreadFromRecent } from '../../functions/src/domain/recentMessages'
import type { RoomDoc } from '../../functions/src/domain/types'
import { Timestamp as AdminTimestamp } from 'firebase-admin/firestore'
import { ReadCounter, WriteObserver, rulesReads } from '../lib/counting'
import { callableExists } from '../lib/available'
import type { Row, ScenarioResult } from '../lib/result'
import { db } from '../../functions/src/admin'
import { type BenchUser, benchUsers, closeAll, seedRoom } from '../lib/seed'
import { sendText } from '../lib/send'
import { now, sleep } from '../lib/stats'

export interface CostParams {
  historyMessages: number
  myChatsRooms: number
  sendMemberCounts: number[]
  openMemberCounts: number[]
}

interface Counted {
  clientReads: number
  rulesReads: number
  writes: Record<string, number>
}

function sum(record: Record<string, number>): number {
  return Object.values(record).reduce((a, b) => a + b, 0)
}

/** Runs `action` and counts what it caused until the database is quiet again. */
async function counted(
  observer: WriteObserver,
  counter: ReadCounter,
  action: () => Promise<void>,
): Promise<Counted> {
  await observer.quiet()
  const reads0 = counter.reads
  const rules0 = await rulesReads()
  const mark = observer.mark()
  await action()
  await observer.quiet()
  return {
    clientReads: counter.reads - reads0,
    rulesReads: (await rulesReads()) - rules0,
    writes: observer.since(mark),
  }
}

function rows(action: string, c: Counted, target: string | undefined, note: string): Row[] {
  return [
    {
      name: `${action}: document reads`,
      unit: 'reads',
      value: c.clientReads,
      counts: { rulesGetExistsEvaluations: c.rulesReads },
      target,
      note,
    },
    {
      name: `${action}: document writes`,
      unit: 'writes',
      value: sum(c.writes),
      counts: c.writes,
    },
  ]
}

/** One member sends a message while every member listens to the room's newest page. */
async function sendOne(observer: WriteObserver, members: number): Promise<Row[]> {
  const users = await benchUsers(members)
  const [owner, ...others] = users as [BenchUser, ...BenchUser[]]
  const roomId = await seedRoom({ owner, members: others, messages: 3 })
  const counter = new ReadCounter()
  for (const user of users) {
    await counter.listen(
      query(
        collection(user.db, `rooms/${roomId}/messages`),
        orderBy('createdAt', 'desc'),
        limit(MESSAGE_PAGE_SIZE),
      ),
    )
  }
  const result = await counted(observer, counter, async () => {
    const readsBefore = counter.reads
    const sent = await sendText(owner, roomId, 'cost probe')
    // Done when every member has the message and the summary trigger has run (a cold trigger
    // can take longer than the observer's quiet period).
    const until = now() + 10_000
    const summarized = async () =>
      (await db.doc(`rooms/${roomId}`).get()).get('lastMessageId') === sent.id
    while (now() < until && (counter.reads - readsBefore < members || !(await summarized()))) {
      await sleep(50)
    }
  })
  counter.stop()
  await closeAll(users)
  return rows(
    `send 1 message, ${members} members`,
    result,
    '1 client write, ≤ 1 server write, same for 2 and 50',
    `client reads = the message delivered to the ${members} listening members (sender's confirmation included)`,
  )
}

/** What the room page listens to for the member panel, typing and read counts. */
function memberSource(user: BenchUser, roomId: string): Query | DocumentReference {
  return doc(user.db, `rooms/${roomId}/state/roster`)
}

/**
 * A member opens a room with `members` members, reading what the room page reads: the public
 * face, the roster (every member's name, read mark, typing and presence) and the newest page of
 * messages. My own member doc comes from "my chats", whose listener the app holds anyway.
 */
async function openRoom(observer: WriteObserver, history: number, members: number): Promise<Row[]> {
  const [owner, other] = (await benchUsers(2)) as [BenchUser, BenchUser]
  const roomId = await seedRoom({
    owner,
    members: [other],
    extraMembers: members - 2,
    messages: history,
  })
  const counter = new ReadCounter()
  const source = memberSource(owner, roomId)
  const result = await counted(observer, counter, async () => {
    await Promise.all([
      counter.listenDoc(doc(owner.db, `publicRooms/${roomId}`)),
      source instanceof DocumentReference ? counter.listenDoc(source) : counter.listen(source),
      counter.listen(
        query(
          collection(owner.db, `rooms/${roomId}/messages`),
          orderBy('createdAt', 'desc'),
          limit(MESSAGE_PAGE_SIZE),
        ),
      ),
    ])
  })
  counter.stop()
  await closeAll([owner, other])
  return rows(
    `open a room with ${history} messages (first ${MESSAGE_PAGE_SIZE}), ${members} members`,
    result,
    `≤ ${MESSAGE_PAGE_SIZE + 2} reads whatever the member count`,
    'public face + roster (one document for all members) + newest page, as the room page reads',
  )
}

/**
 * `writers` members write a typing mark at once while `viewers` members have the room open:
 * what the viewers read for it (the roster is rewritten at most about once a second, not once
 * per write).
 */
async function presenceBurst(
  observer: WriteObserver,
  viewers: number,
  writers: number,
): Promise<Row[]> {
  const users = await benchUsers(viewers)
  const [owner, ...others] = users as [BenchUser, ...BenchUser[]]
  const roomId = await seedRoom({ owner, members: others, extraMembers: writers, messages: 3 })
  await observer.quiet()
  const writerIds = (await db.collection(`rooms/${roomId}/members`).get()).docs
    .map((d) => d.id)
    .filter((id) => id.startsWith('bench-'))
  const counter = new ReadCounter()
  for (const user of users) {
    const source = memberSource(user, roomId)
    await (source instanceof DocumentReference ? counter.listenDoc(source) : counter.listen(source))
  }
  const result = await counted(observer, counter, async () => {
    const at = AdminTimestamp.now()
    await Promise.all(
      writerIds.map((id) => db.doc(`rooms/${roomId}/members/${id}`).update({ typingAt: at })),
    )
    // Done when the roster shows every mark (triggers run late under load) and the viewers'
    // reads have stopped growing for a second.
    const roster = db.doc(`rooms/${roomId}/state/roster`)
    const shown = async () => {
      const members = ((await roster.get()).get('members') ?? {}) as Record<
        string,
        { typingAt?: AdminTimestamp | null }
      >
      return writerIds.every((id) => members[id]?.typingAt?.isEqual(at))
    }
    const until = now() + 30_000
    while (now() < until && !(await shown())) await sleep(100)
    let reads = -1
    while (now() < until && reads !== counter.reads) {
      reads = counter.reads
      await sleep(1000)
    }
  })
  counter.stop()
  await closeAll(users)
  return rows(
    `${writers} members type at once, ${viewers} viewing`,
    result,
    `≪ ${viewers} × ${writers} reads`,
    'reads = roster changes delivered to the viewers; writes = member docs + roster + lease',
  )
}

/**
 * "My chats" as the store does it (src/stores/myChats.ts): my rooms by last message, my read
 * positions in all of them from one document (users/{uid}/state/memberships, kept by a
 * trigger), and each room's unread count from the room document's list of its newest messages
 * (`recent`); a count query only for a room with more unread than the list holds, unless this
 * browser counted it already for the same last message and read position (src/lib/unreadCounts.ts).
 * One of the rooms has more unread messages than its list holds. Opened twice: on a new device
 * (nothing counted yet), then again after another room got a message.
 */
async function myChats(observer: WriteObserver, roomCount: number): Promise<Row[]> {
  const [me, other] = (await benchUsers(2)) as [BenchUser, BenchUser]
  const roomIds: string[] = []
  for (let i = 0; i < roomCount; i++) {
    // The last room: more unread messages than its summary lists.
    const messages = i === roomCount - 1 ? RECENT_MESSAGES_MAX + 10 : 3
    roomIds.push(await seedRoom({ owner: other, members: [me], messages }))
  }
  const memberships = doc(me.db, `users/${me.uid}/state/memberships`)
  const mirrored = () => db.doc(memberships.path).get()
  const until = now() + 60_000
  while (now() < until && Object.keys((await mirrored()).get('rooms') ?? {}).length < roomCount) {
    await sleep(200)
  }
  /** What this browser counted: room id -> (last message, read position). */
  const countedHere = new Map<string, string>()
  const open = async (counter: ReadCounter) => {
    const rooms = await counter.listen(
      query(
        collection(me.db, 'rooms'),
        where('memberIds', 'array-contains', me.uid),
        orderBy('lastMessageAt', 'desc'),
        limit(roomCount),
      ),
    )
    if (rooms.length !== roomCount) {
      throw new Error(`my chats listed ${rooms.length} of ${roomCount} rooms`)
    }
    const mine = (await counter.listenDoc(memberships)).get('rooms') as
      Record<string, { lastReadAt: Timestamp | null }> | undefined
    if (Object.keys(mine ?? {}).length !== roomCount) {
      throw new Error(`my memberships list ${Object.keys(mine ?? {}).length} of ${roomCount} rooms`)
    }
    let counts = 0
    await Promise.all(
      rooms.map(async (room) => {
        const lastReadAt = mine?.[room.id]?.lastReadAt ?? Timestamp.fromMillis(0)
        const listed = unreadFromRecent(
          room.data() as RoomDoc<Timestamp>,
          { uid: me.uid, readAt: lastReadAt, since: null },
          RECENT_MESSAGES_MAX,
        )
        if (listed !== null) return
        const key = `${String(room.get('lastMessageAt'))}/${String(lastReadAt)}`
        if (countedHere.get(room.id) === key) return
        countedHere.set(room.id, key)
        counts++
        await counter.count(
          query(
            collection(me.db, `rooms/${room.id}/messages`),
            where('createdAt', '>', lastReadAt),
            where('senderId', '!=', me.uid),
            limit(MESSAGE_QUERY_LIMIT_MAX),
          ),
        )
      }),
    )
    return { listeners: counter.listeners, counts }
  }

  const first = new ReadCounter()
  const cold = { listeners: 0, counts: 0 }
  const firstResult = await counted(observer, first, async () => {
    Object.assign(cold, await open(first))
  })
  first.stop()
  // One room gets a new message from the other member meanwhile.
  const at = AdminTimestamp.now()
  const changed = roomIds[0] as string
  await db.collection(`rooms/${changed}/messages`).add({
    kind: 'text',
    text: 'new',
    senderId: other.uid,
    senderName: other.username,
    createdAt: at,
    updatedAt: at,
  })
  // The message trigger puts it in the room's summary.
  const summarized = now() + 30_000
  while (now() < summarized) {
    const room = await db.doc(`rooms/${changed}`).get()
    if ((room.get('lastMessageAt') as AdminTimestamp | null)?.isEqual(at)) break
    await sleep(200)
  }
  const again = new ReadCounter()
  const warm = { listeners: 0, counts: 0 }
  const againResult = await counted(observer, again, async () => {
    Object.assign(warm, await open(again))
  })
  again.stop()
  await closeAll([me, other])
  const [reads, writes] = rows(
    `open "my chats" with ${roomCount} unread rooms, first time in this browser`,
    firstResult,
    `≈ ${roomCount} + a constant reads, 2 listeners`,
    `rooms list + my memberships (1 document) + ${cold.counts} unread count (the room with more unread than its summary lists); listeners: ${cold.listeners}`,
  ) as [Row, Row]
  const [readsAgain] = rows(
    `open "my chats" with ${roomCount} rooms again, one with a new message`,
    againResult,
    `≈ ${roomCount} + a constant reads`,
    `rooms list + my memberships + ${warm.counts} counts (the changed room's comes from its summary, the long room's is kept in this browser)`,
  ) as [Row, Row]
  return [{ ...reads, counts: { ...reads.counts, listeners: cold.listeners } }, writes, readsAgain]
}

/**
 * A buyer opens the market: the newest page of items, each with 3 photos (10 KB cover on the
 * item, 300 KB photos in their own documents). Covers ride on the items, so a page of 20 costs
 * 20 reads and no photo document.
 */
async function marketPage(observer: WriteObserver): Promise<Row[]> {
  const [seller, buyer] = (await benchUsers(2)) as [BenchUser, BenchUser]
  // Written with the Admin SDK: its own Timestamp class (the client's is refused).
  const now = AdminTimestamp.now()
  for (let i = 0; i < ITEM_PAGE_SIZE + 5; i++) {
    const item = db.collection('items').doc()
    const photos = [0, 1, 2].map((n) => ({ id: `p${n}`, width: 1600, height: 1200 }))
    const batch = db.batch()
    batch.set(item, {
      sellerId: seller.uid,
      sellerName: seller.username,
      title: `bench item ${i}`,
      description: '',
      price: 1000 * i,
      status: 'available',
      photos,
      cover: Buffer.alloc(10_000),
      createdAt: AdminTimestamp.fromMillis(now.toMillis() + i),
      updatedAt: now,
    })
    for (const p of photos) {
      batch.set(item.collection('photos').doc(p.id), {
        data: Buffer.alloc(300_000),
        type: 'image/webp',
        width: 1600,
        height: 1200,
        createdAt: now,
      })
    }
    await batch.commit()
  }
  const counter = new ReadCounter()
  const result = await counted(observer, counter, async () => {
    const items = await counter.listen(
      query(collection(buyer.db, 'items'), orderBy('createdAt', 'desc'), limit(ITEM_PAGE_SIZE)),
    )
    if (items.length !== ITEM_PAGE_SIZE) throw new Error(`market listed ${items.length} items`)
  })
  counter.stop()
  await closeAll([seller, buyer])
  return rows(
    `open the market (${ITEM_PAGE_SIZE} items, 3 photos each)`,
    result,
    `${ITEM_PAGE_SIZE} reads`,
    'covers are thumbnails on the item documents; full photos are read only on the item page',
  )
}

/** A user joins a room through the joinRoom callable. */
async function join(observer: WriteObserver): Promise<Row[]> {
  const [owner, joiner] = (await benchUsers(2)) as [BenchUser, BenchUser]
  const roomId = await seedRoom({ owner, messages: 3 })
  const counter = new ReadCounter()
  const result = await counted(observer, counter, async () => {
    await joiner.call('joinRoom', { roomId })
  })
  await closeAll([owner, joiner])
  return rows(
    'join a room (joinRoom)',
    result,
    undefined,
    'reads inside the callable (Admin SDK) are not visible to the bench and not included',
  )
}

export async function cost(p: CostParams): Promise<ScenarioResult> {
  const observer = new WriteObserver()
  await observer.start()
  const result: ScenarioResult = {
    scenario: 'cost',
    status: 'ok',
    params: { ...p, pageSize: MESSAGE_PAGE_SIZE },
    method:
      'Counted while each action ran. Document reads (the value) = documents the bench clients received from the server (instrumented client data layer, billed the way Firestore bills: each query result document, at least 1 per query; each later added/changed document per listener; count() 1 per 1000 entries). rulesGetExistsEvaluations = get()/exists() evaluations in the Firestore emulator rule-coverage report during the action (the emulator also evaluates them for listener updates; production bills rules reads per request, one per distinct document), shown apart. Writes = documents created/changed/deleted, seen by Admin SDK listeners on every collection, until 1.5 s without writes (triggers included). Reads made inside functions are not visible.',
    rows: [],
  }
  try {
    for (const members of p.sendMemberCounts)
      result.rows.push(...(await sendOne(observer, members)))
    for (const members of p.openMemberCounts)
      result.rows.push(...(await openRoom(observer, p.historyMessages, members)))
    result.rows.push(...(await presenceBurst(observer, 10, 50)))
    result.rows.push(...(await myChats(observer, p.myChatsRooms)))
    result.rows.push(...(await marketPage(observer)))
    if (await callableExists('joinRoom')) result.rows.push(...(await join(observer)))
    else
      result.rows.push({
        name: 'join a room (joinRoom)',
        unit: 'writes',
        value: null,
        note: 'not available yet: callable joinRoom',
      })
  } finally {
    observer.stop()
  }
  return result
}
