// How the room page follows a room (src/lib/messageFeed.ts), with real clients against the
// emulators: the newest page once, then every write since through one live query that is
// reopened every few changes — nothing missed across reopenings, and no unchanged message of the
// page delivered again (a new message costs a reader one document, not a window shift).
import {
  type QueryDocumentSnapshot,
  arrayUnion,
  collection,
  doc,
  serverTimestamp,
} from 'firebase/firestore'
import { Timestamp } from 'firebase-admin/firestore'
import { afterAll, expect, it } from 'vitest'
import { MESSAGE_PAGE_SIZE } from '@domain/limits'
import { followMessages } from '@/lib/messageFeed'
import { db } from '../support/admin'
import { sendText, updateMessage, useClients } from '../support/clients'
import { seedProfile, until } from '../support/market'

const client = useClients()
const stops: (() => void)[] = []
afterAll(() => stops.forEach((stop) => stop()))

it('a reader gets the newest page once, then each new or changed message, across reopenings', async () => {
  const [alice, bob, carol] = await Promise.all([client(), client(), client()])
  const people = { alice, bob, carol }
  const roomId = `feed-${Date.now()}`
  const start = Date.now() - 120_000
  const batch = db.batch()
  batch.set(db.doc(`rooms/${roomId}`), {
    kind: 'open',
    title: 'Feed',
    ownerId: alice.uid,
    memberIds: [alice.uid, bob.uid, carol.uid],
    memberCount: 3,
    createdAt: Timestamp.fromMillis(start),
  })
  for (const [name, c] of Object.entries(people)) {
    await seedProfile(c.uid, name)
    batch.set(db.doc(`rooms/${roomId}/members/${c.uid}`), {
      uid: c.uid,
      username: name,
      color: '#123456',
      role: c === alice ? 'owner' : 'member',
      joinedAt: Timestamp.fromMillis(start),
      lastReadAt: null,
    })
  }
  // 60 messages of history; the oldest 20 from before messages carried `updatedAt`.
  for (let i = 0; i < 60; i++) {
    const at = Timestamp.fromMillis(start + i * 1000)
    batch.set(db.doc(`rooms/${roomId}/messages/h${String(i).padStart(2, '0')}`), {
      kind: 'text',
      text: `history ${i}`,
      senderId: alice.uid,
      senderName: 'alice',
      createdAt: at,
      ...(i >= 20 ? { updatedAt: at } : {}),
    })
  }
  await batch.commit()

  let page: string[] = []
  const delivered: QueryDocumentSnapshot[] = []
  const errors: unknown[] = []
  stops.push(
    followMessages(
      collection(bob.db, 'rooms', roomId, 'messages'),
      null,
      {
        page: (docs) => (page = docs.map((d) => d.id)),
        changed: (docs) => delivered.push(...docs),
        error: (e) => errors.push(e),
      },
      3,
    ),
  )
  await until(
    async () => page.length,
    (n) => n === MESSAGE_PAGE_SIZE,
  )
  expect(page[0]).toBe('h59')
  expect(page.at(-1)).toBe(`h${60 - MESSAGE_PAGE_SIZE}`)

  // 8 new messages (4 each: the send log allows 5 in 5 s), a reaction on a message of the page,
  // and a deletion: 10 changes, so the live query is reopened three times meanwhile.
  const sent: string[] = []
  for (let i = 0; i < 4; i++) {
    for (const sender of [alice, carol]) {
      const name = sender === alice ? 'alice' : 'carol'
      sent.push((await sendText(sender, roomId, name, `new ${sent.length}`)).id)
    }
  }
  const reacted = page[5] as string
  await updateMessage(alice, doc(alice.db, 'rooms', roomId, 'messages', reacted), {
    'reactions.like': arrayUnion(alice.uid),
  })
  const erased = sent[1] as string
  await updateMessage(carol, doc(carol.db, 'rooms', roomId, 'messages', erased), {
    text: '',
    deletedAt: serverTimestamp(),
  })

  const latest = () => new Map(delivered.map((d) => [d.id, d]))
  await until(
    async () => latest(),
    (m) =>
      sent.every((id) => m.has(id)) &&
      (m.get(reacted)?.get('reactions.like') ?? []).includes(alice.uid) &&
      m.get(erased)?.get('deletedAt') != null,
  )
  const seen = latest()
  expect(errors).toEqual([])
  expect(sent.filter((id) => !seen.has(id))).toEqual([])
  expect(seen.get(reacted)?.get('reactions.like')).toEqual([alice.uid])
  expect(seen.get(erased)?.get('text')).toBe('')
  // Of the page, only the message that changed came again.
  expect([...seen.keys()].filter((id) => page.includes(id))).toEqual([reacted])
})
