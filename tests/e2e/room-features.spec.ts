import { expect } from '@playwright/test'
import { roomIdOf, seedMessages, uidOf } from './admin'
import { createRoom, messages, newUser, sendMessage, test } from './helpers'

test('older pages load on scroll, new messages wait behind a button, typing shows, own messages delete', async ({
  browser,
}) => {
  const alice = await newUser(browser, 'alice')
  const bob = await newUser(browser, 'bob')
  const [a, b] = [alice.page, bob.page]
  const title = `Long ${Date.now()}`
  await createRoom(a, title)
  // Sixty messages of Alice's: more than anyone may type within the rate limit (5 in 5 s).
  const history = Array.from({ length: 60 }, (_, i) => `history ${i + 1}`)
  const sender = { uid: await uidOf(alice.email), username: alice.username }
  await seedMessages(roomIdOf(a.url()), sender, history)
  await expect(messages(a).filter({ hasText: 'history 60' })).toHaveCount(1)
  await expect(a.locator('[data-pending="true"]')).toHaveCount(0)

  // Bob joins: the first page holds the newest 50, not the oldest messages.
  await b.goto(a.url().replace(/\?.*$/, '') + '?join=1')
  await expect(messages(b).filter({ hasText: `${bob.username} joined` })).toHaveCount(1)
  await expect(b.getByText('history 60', { exact: true })).toHaveCount(1)
  await expect(b.getByText('history 3', { exact: true })).toHaveCount(0)

  // Scrolling to the top loads the older page and keeps Bob's place.
  const conversation = b.getByLabel('Conversation')
  await conversation.evaluate((el) => (el.scrollTop = 0))
  await expect(b.getByText('history 3', { exact: true })).toHaveCount(1)
  await expect(b.getByText('This is the beginning of the conversation.')).toBeAttached()
  expect(await conversation.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)

  // Not at the bottom: a new message does not scroll, it shows a button.
  await conversation.evaluate((el) => (el.scrollTop = 0))
  await sendMessage(a, 'fresh news')
  const button = b.getByTestId('new-messages')
  await expect(button).toHaveText('↓ 1 new message')
  await button.click()
  await expect(button).toHaveCount(0)
  await expect(messages(b).filter({ hasText: 'fresh news' })).toBeInViewport()

  // Typing shows on the other side without sending anything.
  await a.getByLabel('Message').pressSequentially('thinking')
  await expect(b.getByText(`${alice.username} is typing…`)).toBeVisible()

  // Bob deletes his own message; Alice sees it as deleted, the text is gone.
  await sendMessage(b, 'oops, wrong room')
  await expect(messages(a).filter({ hasText: 'oops, wrong room' })).toHaveCount(1)
  b.on('dialog', (dialog) => void dialog.accept())
  const mine = messages(b).filter({ hasText: 'oops, wrong room' })
  await mine.getByRole('button', { name: 'More actions' }).click()
  await mine.getByRole('button', { name: 'Delete' }).click()
  await expect(messages(a).filter({ hasText: 'oops, wrong room' })).toHaveCount(0)
  await expect(messages(a).filter({ hasText: 'Message deleted' })).toHaveCount(1)
})
