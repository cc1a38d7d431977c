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
