import { Timestamp } from 'firebase-admin/firestore'
import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { colorForUid } from '../../functions/src/domain/colors'
import { RECENT_MESSAGES_MAX } from '../../functions/src/domain/limits'
import type { MessageDoc } from '../../functions/src/domain/types'
import {
  applyMessageToSummary,
  summarizeNewMessage,
} from '../../functions/src/services/roomSummary'
import { db } from '../support/admin'
import { type TestClient, newClient, sendText, updateMessage } from '../support/clients'
import { clearFirestore } from '../support/emulators'
import { until } from '../support/market'

const clients: TestClient[] = []
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()))
})
beforeEach(async () => {
  await clearFirestore()
  await db.doc('rooms/r1').set({
    kind: 'open',
    title: 'Room',
    ownerId: 'owner',
    capacity: null,
    hasPassword: false,
    memberIds: ['owner'],
    memberCount: 1,
    lastMessage: null,
    lastMessageAt: null,
    createdAt: Timestamp.now(),
  })
})

function text(body: string, at: Timestamp, senderId = 'owner'): MessageDoc<Timestamp> {
  return { kind: 'text', text: body, senderId, senderName: 'Owner', createdAt: at, updatedAt: at }
}

/** The message as the app leaves it when its sender deletes it. */
function deleted(message: MessageDoc<Timestamp>): MessageDoc<Timestamp> {
  return { ...message, text: '', deletedAt: Timestamp.now() }
}

async function summary() {
  const room = (await db.doc('rooms/r1').get()).data()
  return { lastMessage: room?.lastMessage, lastMessageAt: room?.lastMessageAt as Timestamp | null }
}

describe('room summary', () => {
  it('the same message applied twice changes the summary once', async () => {
    const at = Timestamp.fromMillis(Date.now())
    expect(await applyMessageToSummary('r1', 'm1', text('hello', at))).toBe(true)
    const first = await summary()
    expect(await applyMessageToSummary('r1', 'm1', text('hello', at))).toBe(false)
    expect(await summary()).toEqual(first)
    expect(first.lastMessage).toEqual({ kind: 'text', text: 'hello', senderName: 'Owner' })
    expect(first.lastMessageAt?.isEqual(at)).toBe(true)
  })

  it('an older message after a newer one leaves the summary on the newest', async () => {
    const older = Timestamp.fromMillis(Date.now() - 5_000)
    const newer = Timestamp.fromMillis(Date.now())
    await applyMessageToSummary('r1', 'new', text('newer', newer))
    expect(await applyMessageToSummary('r1', 'old', text('older', older))).toBe(false)
    const s = await summary()
    expect(s.lastMessage).toMatchObject({ text: 'newer' })
    expect(s.lastMessageAt?.isEqual(newer)).toBe(true)
  })

  it('concurrent deliveries in any order end on the newest, duplicates included', async () => {
    const base = Date.now()
    const events = Array.from({ length: 8 }, (_, i) => ({
      id: `m${i}`,
      message: text(`message ${i}`, Timestamp.fromMillis(base + i * 10)),
    }))
    const shuffled = [...events, ...events].sort(() => Math.random() - 0.5)
    await Promise.all(shuffled.map((e) => applyMessageToSummary('r1', e.id, e.message)))
    expect((await summary()).lastMessage).toMatchObject({ text: 'message 7' })
  })

  it('two messages at the same instant: the one with the larger id wins either way', async () => {
    const at = Timestamp.fromMillis(Date.now())
    await applyMessageToSummary('r1', 'b', text('b', at))
    expect(await applyMessageToSummary('r1', 'a', text('a', at))).toBe(false)
    expect((await summary()).lastMessage).toMatchObject({ text: 'b' })
  })

  it('a message stored without createdAt or text (Admin SDK only) leaves the summary alone', async () => {
    const broken = [
      { kind: 'text', text: 'no time', senderId: 'owner', senderName: 'Owner' },
      { kind: 'text', text: { not: 'text' }, senderId: 'owner', createdAt: Timestamp.now() },
    ] as unknown as MessageDoc<Timestamp>[]
    for (const [i, message] of broken.entries()) {
      expect(await applyMessageToSummary('r1', `x${i}`, message)).toBe(false)
    }
    expect(await summary()).toEqual({ lastMessage: null, lastMessageAt: null })
  })

  it('system messages summarise as their event and who it is about', async () => {
    const message: MessageDoc<Timestamp> = {
      kind: 'system',
      text: 'joined',
      event: 'joined',
      actorName: 'Buyer',
      senderId: 'buyer',
      senderName: 'system',
      createdAt: Timestamp.now(),
      updatedAt: Timestamp.now(),
    }
    await applyMessageToSummary('r1', 'j', message)
    expect((await summary()).lastMessage).toEqual({
      kind: 'system',
      text: 'joined',
      senderName: 'Buyer',
    })
  })

  it('photo messages summarise as a photo with their caption, or none', async () => {
    const photo = (caption: string | undefined): MessageDoc<Timestamp> =>
      ({
        kind: 'photo',
        ...(caption === undefined ? {} : { text: caption }),
        photo: { id: 'p', width: 10, height: 10, thumb: Buffer.from('t') },
        senderId: 'owner',
        senderName: 'Owner',
        createdAt: Timestamp.now(),
      }) as MessageDoc<Timestamp>
    await applyMessageToSummary('r1', 'p1', photo('Scratch here'))
    expect((await summary()).lastMessage).toEqual({
      kind: 'photo',
      text: 'Scratch here',
      senderName: 'Owner',
    })
    await applyMessageToSummary('r1', 'p2', photo(undefined))
    expect((await summary()).lastMessage).toEqual({ kind: 'photo', text: '', senderName: 'Owner' })
  })

  it('a burst of new messages writes the room once and ends on the newest', async () => {
    const writes: unknown[] = []
    const stop = db.doc('rooms/r1').onSnapshot((snap) => writes.push(snap.updateTime))
    await until(
      async () => writes.length,
      (n) => n > 0,
    )
    const base = Date.now()
    const burst = Array.from({ length: 5 }, (_, i) => ({
      id: `b${i}`,
      message: text(`burst ${i}`, Timestamp.fromMillis(base + i)),
    }))
    // Stored (the flush reads the newest message), then applied all at once in any order.
    await Promise.all(burst.map((b) => db.doc(`rooms/r1/messages/${b.id}`).set(b.message)))
    const applied = await Promise.all(
      [...burst].reverse().map((b) => summarizeNewMessage('r1', b.id, b.message)),
    )
    // Either these calls or the emulator's own trigger (then holding the lease) flush it.
    const shown = await until(summary, (s) => s.lastMessage?.text === 'burst 4')
    stop()
    expect(shown.lastMessage).toMatchObject({ text: 'burst 4' })
    // The seed, then at most one flush of ours and one of the emulator's own trigger.
    expect(writes.length - 1).toBeLessThanOrEqual(2)
    expect(applied.filter(Boolean).length).toBeLessThanOrEqual(1)
  })

  it('a message a member sends reaches the summary through the trigger', async () => {
    const c = await newClient()
    clients.push(c)
    await db.doc(`users/${c.uid}`).set({ username: 'Mem', color: colorForUid(c.uid) })
    await db.doc('rooms/r1').update({ memberIds: [c.uid], memberCount: 1 })
    await db.doc(`rooms/r1/members/${c.uid}`).set({
      username: 'Mem',
      color: '#000000',
      role: 'member',
      joinedAt: Timestamp.now(),
      lastReadAt: Timestamp.now(),
    })
    const ref = await sendText(c, 'r1', 'Mem', 'live')
    const room = await until(
      async () => (await db.doc('rooms/r1').get()).data(),
      (r) => r?.lastMessage?.text === 'live',
    )
    expect(room?.lastMessage).toEqual({ kind: 'text', text: 'live', senderName: 'Mem' })
    expect(room?.lastMessageSenderId).toBe(c.uid)

    // Deleting it (as the app does) erases its words from the summary too.
    await updateMessage(c, ref, { text: '', deletedAt: serverTimestamp() })
    const after = await until(
      async () => (await db.doc('rooms/r1').get()).data(),
      (r) => r?.lastMessage?.text === '',
    )
    expect(after?.lastMessage).toEqual({ kind: 'text', text: '', senderName: 'Mem' })
  })

  it('deleting a message the summary does not show changes nothing', async () => {
    const at = Timestamp.fromMillis(Date.now())
    const earlier = Timestamp.fromMillis(at.toMillis() - 1000)
    await applyMessageToSummary('r1', 'new', text('newest', at))
    expect(await applyMessageToSummary('r1', 'old', deleted(text('older', earlier)))).toBe(false)
    expect((await summary()).lastMessage).toMatchObject({ text: 'newest' })
    expect(await applyMessageToSummary('r1', 'new', deleted(text('newest', at)))).toBe(true)
    expect(await applyMessageToSummary('r1', 'new', deleted(text('newest', at)))).toBe(false)
    expect((await summary()).lastMessage).toMatchObject({ text: '' })
  })

  it('a message deleted before its create trigger ran never shows its text', async () => {
    const at = Timestamp.fromMillis(Date.now())
    // The deletion's trigger runs first, then the creation's, given the message as created.
    expect(await applyMessageToSummary('r1', 'gone', deleted(text('secret', at)))).toBe(true)
    expect(await applyMessageToSummary('r1', 'gone', text('secret', at))).toBe(false)
    expect((await summary()).lastMessage).toEqual({ kind: 'text', text: '', senderName: 'Owner' })
  })

  it("lists the room's newest messages, each from its oldest entry on, for unread counts", async () => {
    const base = Date.now() - 60_000
    const message = (i: number) => text(`m${i}`, Timestamp.fromMillis(base + i * 10), `s${i % 3}`)
    const recentOf = async () =>
      ((await db.doc('rooms/r1').get()).get('recent') ?? []) as { at: Timestamp; by: string }[]
    const expected = (from: number, to: number) =>
      Array.from({ length: to - from + 1 }, (_, k) => to - k).map((i) => ({
        at: Timestamp.fromMillis(base + i * 10),
        by: `s${i % 3}`,
      }))
    const store = async (from: number, to: number) => {
      const batch = db.batch()
      for (let i = from; i <= to; i++) batch.set(db.doc(`rooms/r1/messages/m${i}`), message(i))
      await batch.commit()
      return until(recentOf, (r) => r[0]?.at.isEqual(message(to).createdAt) === true)
    }
    // Built from the room's messages (it had none), then continued by newer ones.
    expect(await store(0, 2)).toEqual(expected(0, 2))
    expect(await store(3, 4)).toEqual(expected(0, 4))
    // A burst past the maximum: the newest RECENT_MESSAGES_MAX, with no gap.
    expect(await store(5, 29)).toEqual(expected(30 - RECENT_MESSAGES_MAX, 29))
    // A message the list missed (its summary written elsewhere, as createRoom does), so the
    // list no longer ends on the last message: the next message builds it again from the newest.
    const missed = text('missed', Timestamp.fromMillis(base + 293), 'x')
    const elsewhere = db.batch()
    elsewhere.set(db.doc('rooms/r1/messages/missed'), missed)
    elsewhere.update(db.doc('rooms/r1'), { lastMessageAt: Timestamp.fromMillis(base + 295) })
    await elsewhere.commit()
    expect(await store(30, 30)).toEqual([
      ...expected(30, 30),
      { at: missed.createdAt, by: 'x' },
      ...expected(32 - RECENT_MESSAGES_MAX, 29),
    ])
  })
})
