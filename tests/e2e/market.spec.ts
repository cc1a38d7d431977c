import { type Page, expect } from '@playwright/test'
import { messages, newPage, newUser, test } from './helpers'

async function send(page: Page, text: string) {
  await page.getByLabel('Message').fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
}

test('a seller lists an item, a buyer asks, unread counts follow, and the item is sold', async ({
  browser,
}) => {
  const sellerUser = await newUser(browser, 'seller')
  const buyerUser = await newUser(browser, 'buyer')
  const [seller, buyer] = [sellerUser.page, buyerUser.page]
  const title = `Bicycle ${Date.now()}`

  // The seller lists an item; the form checks the price before anything is written.
  await seller.getByRole('link', { name: 'Market', exact: true }).click()
  await seller.getByRole('link', { name: 'Sell an item' }).click()
  await seller.getByLabel('Title').fill(title)
  await seller.getByLabel('Description (optional)').fill('Blue, 21 gears.')
  await seller.getByLabel('Price (won)').fill('12.5k')
  await seller.getByRole('button', { name: 'List item' }).click()
  await expect(seller.getByText('Must be a whole number.')).toBeVisible()
  await seller.getByLabel('Price (won)').fill('50,000')
  await seller.getByRole('button', { name: 'List item' }).click()
  await expect(seller).toHaveURL(/\/items\/[A-Za-z0-9]+$/)
  await expect(seller.getByRole('heading', { name: title })).toBeVisible()
  await expect(seller.getByTestId('item-detail')).toContainText('₩50,000')
  await expect(seller.getByTestId('item-status')).toHaveText('Available')
  const itemUrl = seller.url()

  // The seller edits the price; the page shows the change.
  await seller.getByRole('link', { name: 'Edit' }).click()
  await expect(seller.getByLabel('Price (won)')).toHaveValue('50000')
  await seller.getByLabel('Price (won)').fill('45000')
  await seller.getByRole('button', { name: 'Save changes' }).click()
  await expect(seller).toHaveURL(itemUrl)
  await expect(seller.getByTestId('item-detail')).toContainText('₩45,000')

  // The buyer finds it in the live market list and opens its chat.
  await buyer.getByRole('link', { name: 'Market', exact: true }).click()
  await buyer.getByTestId('item').filter({ hasText: title }).getByRole('link').click()
  await expect(buyer.getByTestId('item-seller')).toHaveText(sellerUser.username)
  await buyer.getByRole('button', { name: 'Chat about this item' }).click()
  await expect(buyer).toHaveURL(/\/rooms\/item-/)
  await expect(buyer.getByTestId('item-room-header')).toContainText(title)
  await expect(buyer.getByTestId('item-room-header')).toContainText('₩45,000')
  await expect(messages(buyer).filter({ hasText: `${buyerUser.username} joined` })).toHaveCount(1)
  // The seller's item page counts the people in its chat, live.
  await expect(seller.getByTestId('chat-count')).toHaveText('2 people in its chat')

  await send(buyer, 'Is it still available?')
  await expect(messages(buyer).filter({ hasText: 'Is it still available?' })).toHaveCount(1)

  // The seller, elsewhere in the app, gets a short notice and a badge.
  const notice = seller.getByTestId('chat-notice')
  await expect(notice).toContainText(`New message in ${title}`)
  await expect(notice).toContainText(`${buyerUser.username}: Is it still available?`)
  await expect(seller.getByTestId('unread-total')).toHaveAttribute('data-count', '1')
  await notice.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toHaveCount(0)

  await seller.getByTestId('nav-chats').click()
  await seller.getByRole('tab', { name: 'Selling' }).click()
  const row = seller.getByTestId('chat').filter({ hasText: title })
  await expect(row).toContainText(`${buyerUser.username}: Is it still available?`)
  await expect(row.getByTestId('chat-unread')).toHaveAttribute('data-count', '1')
  await expect(seller.getByTestId('unread-total')).toHaveAttribute('data-count', '1')
  // It is not a purchase of the seller's.
  await seller.getByRole('tab', { name: 'Buying' }).click()
  await expect(seller.getByTestId('chat')).toHaveCount(0)
  // The buyer's own message is not unread for the buyer.
  await expect(buyer.getByTestId('unread-total')).toHaveCount(0)

  // Opening the room clears both.
  await seller.getByRole('tab', { name: 'Selling' }).click()
  await row.getByRole('link').click()
  await expect(seller).toHaveURL(/\/rooms\/item-/)
  await expect(messages(seller).filter({ hasText: 'Is it still available?' })).toHaveCount(1)
  await expect(seller.getByTestId('unread-total')).toHaveCount(0)
  await seller.getByTestId('nav-chats').click()
  await expect(seller.getByTestId('chat').filter({ hasText: title })).toBeVisible()
  await expect(
    seller.getByTestId('chat').filter({ hasText: title }).getByTestId('chat-unread'),
  ).toHaveCount(0)
  await expect(seller.getByTestId('unread-total')).toHaveCount(0)

  // The seller marks it sold (a final step, confirmed); both see the system message.
  await seller.goto(itemUrl)
  await seller.getByRole('button', { name: 'Mark sold' }).click()
  await seller.getByRole('button', { name: 'Yes, mark sold' }).click()
  await expect(seller.getByTestId('item-status')).toHaveText('Sold')
  await expect(seller.getByRole('link', { name: 'Edit' })).toHaveCount(0)
  const soldLine = `${sellerUser.username} marked the item sold`
  await expect(messages(buyer).filter({ hasText: soldLine })).toHaveCount(1)
  await expect(buyer.getByTestId('item-room-header').getByTestId('item-status')).toHaveText('Sold')
  await seller.getByRole('button', { name: 'Open its chat' }).click()
  await expect(messages(seller).filter({ hasText: soldLine })).toHaveCount(1)

  // A newcomer can no longer start a chat about it.
  const { page: late } = await newUser(browser, 'late')
  await late.goto(itemUrl)
  await expect(late.getByTestId('sold-closed')).toBeVisible()
  await expect(late.getByRole('button', { name: 'Chat about this item' })).toHaveCount(0)
})

test('guests browse the market but are told they cannot sell', async ({ browser }) => {
  const page = await newPage(browser)
  await page.goto('/login')
  await page.getByRole('button', { name: 'Continue as guest' }).click()
  await expect(page.getByTestId('me')).toContainText(/guest_\d{9}/)
  await page.getByRole('link', { name: 'Market', exact: true }).click()
  await expect(page.getByRole('link', { name: 'Sell an item' })).toHaveCount(0)
  await page.goto('/items/new')
  await expect(page.getByTestId('sell-blocked')).toContainText('Guests cannot sell')
  await expect(page.getByTestId('sell-form')).toHaveCount(0)
})
