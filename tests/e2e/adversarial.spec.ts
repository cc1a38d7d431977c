import { type Page, expect } from '@playwright/test'
import { credentials, newPage, signUp, test } from './helpers'

async function createRoom(page: Page, title: string) {
  await page.goto('/')
  await page.getByLabel('Title').fill(title)
  await page.getByRole('button', { name: 'Create room' }).click()
  await expect(page).toHaveURL(/\/rooms\//)
  await expect(page.getByRole('heading', { name: title })).toBeVisible()
}

async function joinByUrl(page: Page, url: string) {
  await page.goto(url)
  await page.getByRole('button', { name: 'Join room' }).click()
  await expect(page.getByLabel('Message')).toBeVisible()
}

async function send(page: Page, text: string) {
  await page.getByLabel('Message').fill(text)
  await page.getByLabel('Message').press('Enter')
}

/** Two signed-up users in one new room: `a` created it, `b` joined. */
async function twoInARoom(browser: Parameters<typeof newPage>[0]) {
  const a = await newPage(browser)
  const b = await newPage(browser)
  await signUp(a, credentials('off'))
  await signUp(b, credentials('on'))
  await createRoom(a, `Room ${Date.now()}`)
  await joinByUrl(b, a.url())
  return { a, b }
}

test('messages sent offline arrive once each, in order, and lose their pending mark', async ({
  browser,
}) => {
  const { a, b } = await twoInARoom(browser)
  const texts = ['offline one', 'offline two', 'offline three']

  await a.context().setOffline(true)
  for (const text of texts) await send(a, text)
  const mine = a.getByTestId('message').filter({ hasText: /offline (one|two|three)/ })
  await expect(mine).toHaveCount(3)
  await expect(mine.and(a.locator('[data-pending="true"]'))).toHaveCount(3)
  await b.waitForTimeout(1500)
  await expect(b.getByTestId('message').filter({ hasText: /offline/ })).toHaveCount(0)

  await a.context().setOffline(false)
  const received = b.getByTestId('message').filter({ hasText: /offline (one|two|three)/ })
  await expect(received).toHaveCount(3, { timeout: 60_000 })
  const order = await received.allTextContents()
  expect(texts.map((t) => order.findIndex((o) => o.includes(t)))).toEqual([0, 1, 2])
  await expect(a.locator('[data-testid="message"][data-pending="true"]')).toHaveCount(0, {
    timeout: 60_000,
  })
  // Still once each after everything settled.
  await b.waitForTimeout(1500)
  await expect(received).toHaveCount(3)
  await expect(mine).toHaveCount(3)
})

test('script and javascript: links in a message stay text and never run', async ({ browser }) => {
  const { a, b } = await twoInARoom(browser)
  const dialogs: string[] = []
  for (const page of [a, b]) {
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message())
      void dialog.dismiss()
    })
  }
  const payloads = [
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    '[click me](javascript:alert(1))',
    '<a href="javascript:alert(1)">tap</a>',
    '<script>alert(1)</script>',
  ]
  for (const text of payloads) await send(a, text)

  for (const page of [a, b]) {
    const messages = page.getByTestId('message')
    for (const text of payloads) {
      await expect(messages.filter({ has: page.getByText(text, { exact: true }) })).toHaveCount(1)
    }
    await expect(messages.locator('img, script, iframe, object, embed')).toHaveCount(0)
    await expect(page.locator('a[href^="javascript:" i]')).toHaveCount(0)
    // Clicking whatever the payload messages contain runs nothing.
    for (const text of payloads) {
      await messages.getByText(text, { exact: true }).click()
    }
  }
  await a.waitForTimeout(1000)
  expect(dialogs).toEqual([])
})
