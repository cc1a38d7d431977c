import AxeBuilder from '@axe-core/playwright'
import { type Page, expect } from '@playwright/test'
import { createRoom, messages, newPage, newUser, sendMessage, test } from './helpers'

/** Impact counts over every state checked, printed at the end (the before/after). */
const counts: Record<string, number> = {}

/**
 * Runs axe-core on the page as it is, in English and in Korean (switched in place, so the state
 * stays), and fails the test, after checking every state, on any critical or serious violation.
 */
async function expectAccessible(page: Page, state: string) {
  for (const locale of ['en', 'ko'] as const) {
    await switchLanguage(page, locale)
    const { violations } = await new AxeBuilder({ page }).analyze()
    for (const v of violations) counts[v.impact ?? 'none'] = (counts[v.impact ?? 'none'] ?? 0) + 1
    const serious = violations
      .filter((v) => v.impact === 'critical' || v.impact === 'serious')
      .map((v) => `${v.id} (${v.impact}): ${v.help}: ${v.nodes.map((n) => n.target).join(', ')}`)
    expect.soft(serious, `axe on ${state} (${locale})`).toEqual([])
  }
  await switchLanguage(page, 'en')
}

async function expectContrast(page: Page, state: string) {
  const { violations } = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze()
  expect
    .soft(
      violations.map((v) => v.nodes.map((n) => n.target).join(', ')),
      state,
    )
    .toEqual([])
}

async function switchLanguage(page: Page, locale: 'en' | 'ko') {
  await page.getByTestId('language').selectOption(locale)
  await expect(page.locator('html')).toHaveAttribute('lang', locale)
}

test('every page and state passes axe-core in English and Korean', async ({ browser }) => {
  // 19 states, each analysed twice: longer than one ordinary scenario.
  test.setTimeout(240_000)
  const visitor = await newPage(browser)
  await visitor.goto('/login')
  await expect(visitor.getByTestId('login-form')).toBeVisible()
  await expectAccessible(visitor, 'log in, signed out')
  await visitor.goto('/signup')
  await expect(visitor.getByTestId('signup-form')).toBeVisible()
  await expectAccessible(visitor, 'sign up, signed out')

  const seller = await newUser(browser, 'axe_s')
  const s = seller.page
  await s.goto('/')
  await expect(s.getByTestId('create-room')).toBeVisible()
  await expectAccessible(s, 'lobby')
  // The primary button's hover and focus colours (axe sees one state at a time).
  const create = s.getByTestId('create-room').locator('.button--primary')
  await create.hover()
  await expectContrast(s, 'primary button, hovered')
  await create.focus()
  await expectContrast(s, 'primary button, focused')

  const roomTitle = `Axe ${Date.now()}`
  await createRoom(s, roomTitle, { password: 'open-sesame' })
  const roomUrl = s.url()
  await sendMessage(s, 'Hello, see https://example.com')
  await expect(messages(s).filter({ hasText: 'Hello, see' })).toHaveCount(1)
  await expect(messages(s).last()).not.toHaveAttribute('data-pending', 'true')
  await expectAccessible(s, 'room')

  await s.goto('/items/new')
  await s.getByRole('button', { name: 'List item' }).click()
  await expect(s.getByRole('alert').first()).toBeVisible()
  await expectAccessible(s, 'sell form with errors')

  const itemTitle = `Lamp ${Date.now()}`
  await s.getByLabel('Title').fill(itemTitle)
  await s.getByLabel('Price (won)').fill('15000')
  await s.getByRole('button', { name: 'List item' }).click()
  await expect(s).toHaveURL(/\/items\/(?!new$)[A-Za-z0-9]+$/)
  await expect(s.getByTestId('item-detail')).toBeVisible()
  const itemUrl = s.url()
  await expectAccessible(s, 'item, seller')

  await s.goto('/market')
  await expect(s.getByTestId('item').filter({ hasText: itemTitle })).toBeVisible()
  await expectAccessible(s, 'market')

  const buyer = await newUser(browser, 'axe_b')
  const b = buyer.page
  await b.goto(roomUrl)
  await expect(b.getByLabel('Room password')).toBeVisible()
  await expectAccessible(b, 'join panel')
  await b.getByLabel('Room password').fill('wrong-one')
  await b.getByRole('button', { name: 'Join room' }).click()
  await expect(b.getByText('Wrong password.')).toBeVisible()
  await expectAccessible(b, 'join panel, wrong password')

  await b.goto(itemUrl)
  await expect(b.getByRole('button', { name: 'Chat about this item' })).toBeVisible()
  await expectAccessible(b, 'item, buyer')
  await b.getByRole('button', { name: 'Chat about this item' }).click()
  await expect(b.getByTestId('item-room-header')).toContainText(itemTitle)
  await expectAccessible(b, 'item room, buyer')

  await b.goto('/chats')
  await expect(b.getByTestId('chat').filter({ hasText: itemTitle })).toBeVisible()
  await expectAccessible(b, 'my chats')
  await b.goto('/profile')
  await expect(b.getByTestId('rename-form')).toBeVisible()
  await expectAccessible(b, 'profile')
  await b.goto('/no-such-page')
  await expect(b.getByRole('heading', { level: 1 })).toBeVisible()
  await expectAccessible(b, 'not found')

  await b.goto('/notices')
  await expect(b.getByTestId('notices-empty')).toBeVisible()
  await expectAccessible(b, 'notices, none')
  await s.goto('/my-listings')
  await expect(s.getByTestId('my-listing').filter({ hasText: itemTitle })).toBeVisible()
  await expectAccessible(s, 'my listings')

  await s.goto(itemUrl)
  await s.getByRole('button', { name: 'Mark sold' }).click()
  await s.getByRole('button', { name: 'Yes, mark sold' }).click()
  await expect(s.getByTestId('item-status')).toHaveText('Sold')
  await expectAccessible(s, 'item, sold, seller')
  await b.goto(itemUrl)
  await expect(b.getByTestId('item-status')).toHaveText('Sold')
  await expectAccessible(b, 'item, sold, buyer')
  await b.getByTestId('item-seller').getByRole('link').click()
  await expect(b.getByTestId('public-profile')).toBeVisible()
  await expectAccessible(b, 'public profile')
  await s.goto('/deals')
  await s.getByRole('button', { name: 'Sales' }).click()
  await expect(s.getByTestId('deal').filter({ hasText: itemTitle })).toBeVisible()
  await expectAccessible(s, 'my deals')

  console.log(`axe-core violations by impact over all states: ${JSON.stringify(counts)}`)
})
