// What a person sees of the abuse limits (issue 9): a message flood is slowed down with a clear
// message and nothing typed is lost; the lobby pages through every open room and ranks rooms
// with people in them above a swarm of one-person rooms.
import { expect } from '@playwright/test'
import { db, roomIdOf, uidOf } from './admin'
import { createRoom, messages, newUser, sendMessage, test } from './helpers'

test('a sixth message within 5 s is refused with "slow down"; it stays on screen to retry; an eleventh listing within the hour too', async ({
  browser,
}) => {
  const alice = await newUser(browser, 'flood')
  await createRoom(alice.page, 'Flood control')
  for (let i = 1; i <= 6; i++) await sendMessage(alice.page, `burst ${i}`)
  await expect(alice.page.getByText(/Slow down — try again in \d+ seconds?\./)).toBeVisible()
  const texts = alice.page.getByTestId('message').filter({ hasText: /burst \d/ })
  await expect(texts).toHaveCount(6)
  // The refused one is kept with a retry; the first five reached the server.
  const refused = messages(alice.page).filter({ hasText: 'burst 6' })
  await expect(refused.getByRole('button', { name: /retry/i })).toBeVisible()
  const roomId = roomIdOf(alice.page.url())
  await expect
    .poll(async () => {
      const snap = await db.collection(`rooms/${roomId}/messages`).where('kind', '==', 'text').get()
      return snap.docs.map((d) => d.get('text') as string).sort()
    })
    .toEqual(['burst 1', 'burst 2', 'burst 3', 'burst 4', 'burst 5'])

  // A seller who listed a window's 10 items is told how long to wait; nothing is listed.
  const uid = await uidOf(alice.email)
  await db.doc(`listingLogs/${uid}`).set({ windowAt: new Date(), count: 10, itemId: 'earlier' })
  await alice.page.goto('/items/new')
  await alice.page.getByLabel('Title').fill('Eleventh lamp')
  await alice.page.getByLabel('Price (won)').fill('1000')
  await alice.page.getByRole('button', { name: 'List item' }).click()
  await expect(alice.page.getByText(/Slow down — try again in \d+ minutes?\./)).toBeVisible()
  const listed = await db.collection('items').where('sellerId', '==', uid).get()
  expect(listed.size).toBe(0)
})

test('the lobby pages through all open rooms, rooms with people first', async ({ browser }) => {
  const now = Date.now()
  const batch = db.batch()
  // A swarm of 24 fresh one-person rooms, and one older room two people are in.
  for (let i = 0; i < 24; i++) {
    batch.set(db.doc(`publicRooms/swarm-${String(i).padStart(2, '0')}`), {
      kind: 'open',
      title: `Swarm ${i}`,
      capacity: null,
      hasPassword: false,
      memberCount: 1,
      createdAt: new Date(now),
      lastActiveAt: now - i * 60_000,
      rank: now - i * 60_000,
    })
  }
  batch.set(db.doc('publicRooms/real-room'), {
    kind: 'open',
    title: 'Real conversation',
    capacity: null,
    hasPassword: false,
    memberCount: 2,
    createdAt: new Date(now - 86_400_000),
    lastActiveAt: now - 86_400_000,
    rank: 10_000_000_000_000 + now - 86_400_000,
  })
  await batch.commit()
  try {
    const bob = await newUser(browser, 'lobby')
    await bob.page.goto('/')
    const rows = bob.page.getByTestId('room-item')
    await expect(rows).toHaveCount(20)
    // Other tests' rooms may be listed too; the real room comes before every swarm room.
    const titles = await rows.allInnerTexts()
    const real = titles.findIndex((t) => t.includes('Real conversation'))
    const firstSwarm = titles.findIndex((t) => t.includes('Swarm'))
    expect(real).toBeGreaterThanOrEqual(0)
    if (firstSwarm >= 0) expect(real).toBeLessThan(firstSwarm)
    const more = bob.page.getByRole('button', { name: 'More rooms' })
    for (let page = 0; page < 5 && !(await bob.page.getByText('Swarm 23').isVisible()); page++) {
      await more.click()
      await expect(bob.page.getByText('Loading more rooms…')).toHaveCount(0)
    }
    await expect(bob.page.getByText('Swarm 23')).toBeVisible()
    expect(await rows.count()).toBeGreaterThan(20)
  } finally {
    const cleanup = db.batch()
    for (let i = 0; i < 24; i++)
      cleanup.delete(db.doc(`publicRooms/swarm-${String(i).padStart(2, '0')}`))
    cleanup.delete(db.doc('publicRooms/real-room'))
    await cleanup.commit()
  }
})
