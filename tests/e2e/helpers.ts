import { type Browser, type Page, test as base, expect } from '@playwright/test'

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

/** Pages opened by the running test, with what their browser reported. */
const opened: { page: Page; events: string[] }[] = []

/** A fresh browser context (its own session) in English, closed when the test ends. */
export async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ locale: 'en-US' })
  const page = await context.newPage()
  const events: string[] = []
  const start = Date.now()
  const note = (text: string) => events.push(`${Date.now() - start} ms ${text}`)
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') note(`console.${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (error) => note(`page error: ${error.message}`))
  page.on('requestfailed', (r) => note(`${r.failure()?.errorText} ${r.method()} ${r.url()}`))
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) note(`at ${frame.url()}`)
  })
  opened.push({ page, events })
  return page
}

/**
 * `test` of @playwright/test that closes the test's browser sessions when it ends and, when it
 * failed, prints where each page was and what its browser reported: CI keeps only the output.
 */
export const test = base.extend<{ sessions: void }>({
  sessions: [
    async ({}, use, testInfo) => {
      await use()
      const failed = testInfo.status !== testInfo.expectedStatus
      for (const [i, { page, events }] of opened.entries()) {
        if (failed) {
          const text = await page
            .locator('body')
            .innerText({ timeout: 1_000 })
            .catch(() => '(unreadable)')
          console.log(
            [
              `--- page ${i + 1} of "${testInfo.title}": ${page.url()}`,
              `text: ${text.replace(/\s+/g, ' ').slice(0, 300)}`,
              ...events.slice(-30),
            ].join('\n'),
          )
        }
        await page.context().close()
      }
      opened.length = 0
    },
    { auto: true },
  ],
})

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
