import { expect } from '@playwright/test'
import { createRoom, messages, newUser, sendMessage, test } from './helpers'

test('two users meet in a room, chat live, and one leaves', async ({ browser }) => {
  const alice = await newUser(browser, 'alice')
  const bob = await newUser(browser, 'bob')
  const [a, b] = [alice.page, bob.page]

  const title = `Room ${Date.now()}`
  await createRoom(a, title)
  await expect(messages(a).first()).toHaveText(new RegExp(`${alice.username} created the room`))

  // Bob finds it in the lobby, live, sees it first, and joins on purpose.
  await b.goto('/')
  await b.getByTestId('room-item').filter({ hasText: title }).click()
  await expect(b.getByRole('heading', { name: title })).toBeVisible()
  await expect(b.getByTestId('preview-members')).toHaveText('1 / 100')
  await expect(messages(a).filter({ hasText: `${bob.username} joined` })).toHaveCount(0)
  await b.getByRole('button', { name: 'Join room' }).click()
  await expect(messages(b).filter({ hasText: `${bob.username} joined` })).toHaveCount(1)
  await expect(messages(a).filter({ hasText: `${bob.username} joined` })).toHaveCount(1)
  await expect(a.getByTestId('member')).toHaveCount(2)

  await sendMessage(a, 'Hello Bob! see https://example.com/x')
  await expect(messages(b).filter({ hasText: 'Hello Bob!' })).toHaveCount(1)
  await expect(b.getByRole('link', { name: 'https://example.com/x' })).toHaveAttribute(
    'href',
    'https://example.com/x',
  )
  await sendMessage(b, 'Hi Alice\nsecond line')
  await expect(messages(a).filter({ hasText: 'Hi Alice' })).toHaveCount(1)
  await expect(messages(a).last()).not.toHaveAttribute('data-pending', 'true')

  // Shift+Enter makes a new line instead of sending.
  await b.getByLabel('Message').fill('line one')
  await b.getByLabel('Message').press('Shift+Enter')
  await expect(b.getByLabel('Message')).toHaveValue('line one\n')

  b.on('dialog', (dialog) => void dialog.accept())
  await b.getByRole('button', { name: 'Leave room' }).click()
  await expect(b).toHaveURL(/\/$/)
  await expect(messages(a).filter({ hasText: `${bob.username} left` })).toHaveCount(1)
  await expect(a.getByTestId('member')).toHaveCount(1)
})

test('a password room asks for the password and says when it is wrong', async ({ browser }) => {
  const owner = await newUser(browser, 'owner')
  const guest = await newUser(browser, 'visitor')
  const [a, b] = [owner.page, guest.page]
  const title = `Secret ${Date.now()}`
  await createRoom(a, title, { password: 'open-sesame' })
  const roomUrl = a.url()

  await b.goto(roomUrl)
  await b.getByLabel('Room password').fill('wrong-one')
  await b.getByRole('button', { name: 'Join room' }).click()
  await expect(b.getByText('Wrong password.')).toBeVisible()
  await b.getByLabel('Room password').fill('open-sesame')
  await b.getByRole('button', { name: 'Join room' }).click()
  await expect(messages(b).filter({ hasText: `${guest.username} joined` })).toHaveCount(1)
})
