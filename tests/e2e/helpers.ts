import { type Browser, type Page, expect } from '@playwright/test'

let n = 0
/** Unique, valid credentials for this run. */
export function credentials(prefix = 'user') {
  const id = `${Date.now().toString(36)}${(n++).toString(36)}`
  return {
    email: `${prefix}${id}@example.com`,
    username: `${prefix}_${id}`.slice(0, 20),
    password: 'secret123',
  }
}

/** A fresh browser context (its own session) in English. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' })
  return context.newPage()
}

/** Signs up through the form and waits until the user's name is shown. */
export async function signUp(page: Page, user: ReturnType<typeof credentials>) {
  await page.goto('/signup')
  await page.getByLabel('Email').fill(user.email)
  await page.getByLabel('Username').fill(user.username)
  await expect(page.getByText(`${user.username} is available.`)).toBeVisible()
  await page.getByLabel('Password', { exact: true }).fill(user.password)
  await page.getByLabel('Password again').fill(user.password)
  await page.getByRole('button', { name: 'Sign up' }).click()
  await expect(page.getByTestId('me')).toContainText(user.username)
}

/** Every message row (text and system) of the open room. */
export function messages(page: Page) {
  return page.getByTestId('message')
}

/** Types a message and sends it with Enter. */
export async function sendMessage(page: Page, text: string) {
  await page.getByLabel('Message').fill(text)
  await page.getByLabel('Message').press('Enter')
}

/** Creates an open room from the lobby and waits for its page. */
export async function createRoom(page: Page, title: string, options: { password?: string } = {}) {
  await page.goto('/')
  await page.getByLabel('Title').fill(title)
  if (options.password) await page.getByLabel('Password (optional)').fill(options.password)
  await page.getByRole('button', { name: 'Create room' }).click()
  await expect(page).toHaveURL(/\/rooms\//)
  await expect(page.getByRole('heading', { name: title })).toBeVisible()
}

/** A new browser session signed up as a fresh user; `page` is where they are. */
export async function newUser(browser: Browser, prefix = 'user') {
  const user = credentials(prefix)
  const page = await newPage(browser)
  await signUp(page, user)
  return { ...user, page }
}
