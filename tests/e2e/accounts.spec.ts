import { expect } from '@playwright/test'
import {
  createRoom,
  credentials,
  messages,
  newPage,
  newUser,
  sendMessage,
  signUp,
  test,
} from './helpers'

test('a new user signs up, sees their name, logs out and logs in again', async ({ browser }) => {
  const page = await newPage(browser)
  const user = credentials()
  await signUp(page, user)

  await page.getByTestId('logout').click()
  await expect(page).toHaveURL(/\/login/)
  await expect(page.getByTestId('me')).toHaveCount(0)

  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Password').fill('wrong-password')
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByRole('alert')).toHaveText('Wrong email or password.')

  await page.getByLabel('Password').fill(user.password)
  await page.getByRole('button', { name: 'Log in' }).click()
  await expect(page.getByTestId('me')).toContainText(user.username)
})

test('a second user trying the same name in different case is told it is taken', async ({
  browser,
}) => {
  const first = credentials()
  await signUp(await newPage(browser), first)

  const page = await newPage(browser)
  await page.goto('/signup')
  await page.getByLabel('Username').fill(first.username.toUpperCase())
  await expect(page.getByText('This username is taken.')).toBeVisible()
  await expect(page.getByLabel('Username')).toHaveAttribute('aria-invalid', 'true')

  // Submitting anyway creates nothing and keeps the message beside the field.
  const second = credentials()
  await page.getByLabel('Email').fill(second.email)
  await page.getByLabel('Password', { exact: true }).fill(second.password)
  await page.getByLabel('Password again').fill(second.password)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/signup/)
  await expect(page.getByText('This username is taken.')).toBeVisible()
})

test('losing the claim race lands on "choose a username" with the reason', async ({ browser }) => {
  const page = await newPage(browser)
  const user = credentials()
  await page.goto('/signup')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Username').fill(user.username)
  await expect(page.getByText(`${user.username} is available.`)).toBeVisible()

  // Someone else signs up with the name after the check said it was free.
  await signUp(await newPage(browser), { ...credentials(), username: user.username })

  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByLabel('Password again').fill(user.password)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page).toHaveURL(/\/choose-username/)
  await expect(page.getByText('Someone took that username just before you')).toBeVisible()

  const other = credentials()
  await page.getByLabel('Username').fill(other.username)
  await page.getByRole('button', { name: 'Use this name' }).click()
  await expect(page.getByTestId('me')).toContainText(other.username)
})

test('a guest gets a generated name marked as guest; the UI switches to Korean', async ({
  browser,
}) => {
  const page = await newPage(browser)
  await page.goto('/login')
  await page.getByRole('button', { name: 'Continue as guest' }).click()
  await expect(page.getByTestId('me')).toContainText(/guest_\d{9}/)
  await expect(page.getByTestId('me')).toContainText('guest')

  await page.getByTestId('language').selectOption('ko')
  await expect(page.getByTestId('me')).toContainText('게스트')
  await page.reload()
  await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible()
})

test('messages show the sender as they are now: renamed, their old name held, then deleted', async ({
  browser,
}) => {
  const alice = await newUser(browser, 'alice')
  const bob = await newUser(browser, 'bob')
  const [a, b] = [alice.page, bob.page]
  const title = `Names ${Date.now()}`
  await createRoom(a, title)
  await sendMessage(a, 'pay me at this account')
  await b.goto('/')
  await b.getByTestId('room-item').filter({ hasText: title }).click()
  await b.getByRole('button', { name: 'Join room' }).click()
  const said = messages(b).filter({ hasText: 'pay me at this account' })
  await expect(said.getByTestId('message-sender')).toHaveText(alice.username)

  // Alice renames herself: Bob's open room shows her old message under her new name.
  const renamed = `${alice.username.slice(0, 16)}_new`
  await a.goto('/profile')
  await a.getByLabel('Username').fill(renamed)
  await expect(a.getByText(`${renamed} is available.`)).toBeVisible()
  await a.getByRole('button', { name: 'Save' }).click()
  await expect(
    a.getByRole('status').filter({ hasText: `Your username is now ${renamed}.` }),
  ).toBeVisible()
  await expect(said.getByTestId('message-sender')).toHaveText(renamed)

  // Her old name stays hers for 30 days: Bob cannot take it.
  await b.goto('/profile')
  await b.getByLabel('Username').fill(alice.username)
  await expect(b.getByText('stays with its previous owner for 30 days')).toBeVisible()

  // Once her account is gone, her messages say so instead of showing any name.
  await a.getByRole('button', { name: 'Delete my account' }).click()
  await a.getByRole('button', { name: 'Yes, delete my account' }).click()
  await expect(a).toHaveURL(/\/login$/)
  await b.goto('/')
  await b.getByTestId('room-item').filter({ hasText: title }).click()
  await expect(said.getByTestId('message-sender')).toHaveText('Deleted user')
})
