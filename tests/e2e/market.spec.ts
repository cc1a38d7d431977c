import { type Page, expect } from '@playwright/test'
import { seedItem } from './admin'
import { messages, newPage, newUser, test } from './helpers'

async function send(page: Page, text: string) {
  await page.getByLabel('Message').fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
}

/** The signed-in user's own public profile, reached from the profile page. */
async function openOwnProfile(page: Page) {
  await page.goto('/profile')
  await page.getByRole('link', { name: 'My public profile' }).click()
  await expect(page).toHaveURL(/\/u\/[A-Za-z0-9]+$/)
}

/** Writes a review of the deal titled `title` from the My deals page. */
async function review(page: Page, title: string, rating: string, text: string) {
  const deal = page.getByTestId('deal').filter({ hasText: title })
  await deal.getByRole('button', { name: 'Write a review' }).click()
  await deal.getByRole('radio', { name: rating }).check()
  await deal.getByRole('checkbox', { name: 'On time' }).check()
  await deal.getByLabel('A few words (optional)').fill(text)
  await deal.getByRole('button', { name: 'Publish review' }).click()
  await expect(deal).toContainText('You reviewed this deal.')
}

test('a seller lists an item, a buyer finds, keeps and asks, unread counts follow, it is sold to the buyer from the chat, both review each other', async ({
  browser,
}) => {
  const sellerUser = await newUser(browser, 'seller')
  const buyerUser = await newUser(browser, 'buyer')
  const [seller, buyer] = [sellerUser.page, buyerUser.page]
  const tag = `e2e${Date.now().toString(36)}`
  const title = `접이식 자전거 ${tag}`

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
  await expect(seller).toHaveURL(/\/items\/(?!new$)[A-Za-z0-9]+$/)
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

  // The buyer finds it in the live market list, and by searching the start of a Korean word
  // (with this run's tag), keeps it among their favourites and opens its chat.
  await buyer.getByRole('link', { name: 'Market', exact: true }).click()
  await expect(buyer.getByTestId('item').filter({ hasText: title })).toHaveCount(1)
  await buyer.getByLabel('Search the market').fill(`자전 ${tag}`)
  await buyer.getByRole('button', { name: 'Search' }).click()
  await expect(buyer.getByTestId('item')).toHaveCount(1)
  await buyer.getByTestId('item').filter({ hasText: title }).getByRole('link').click()
  await expect(buyer.getByTestId('item-seller')).toHaveText(sellerUser.username)
  await buyer.getByTestId('favorite').click()
  await expect(buyer.getByTestId('favorite')).toHaveAttribute('aria-pressed', 'true')
  await expect(buyer.getByTestId('favorite-count')).toHaveText('1 person saved it')
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

  // The seller's listings (from the Me page) show the item with its chat and favourite counts;
  // the seller lowers the price from there.
  await seller.getByTestId('me').click()
  await seller.getByTestId('my-listings-link').click()
  const listing = seller.getByTestId('my-listing').filter({ hasText: title })
  await expect(listing.getByTestId('item-status')).toHaveText('Available')
  await expect(listing.getByTestId('listing-chats')).toContainText('💬 1')
  await expect(listing.getByTestId('listing-favorites')).toContainText('♥ 1')
  await listing.getByRole('link', { name: 'Edit' }).click()
  await seller.getByLabel('Price (won)').fill('40000')
  await seller.getByRole('button', { name: 'Save changes' }).click()
  await expect(seller).toHaveURL(itemUrl)

  // The buyer, who keeps it, gets the in-app notice in the chat; opening it reads it.
  const roomUrl = buyer.url()
  const priceNotice = buyer.getByTestId('favorite-notice')
  await expect(priceNotice).toContainText(`Price drop: ${title}`)
  await expect(priceNotice).toContainText('Now ₩40,000 (was ₩45,000)')
  await priceNotice.getByRole('link').click()
  await expect(buyer).toHaveURL(itemUrl)
  await expect(buyer.getByTestId('item-detail')).toContainText('₩40,000')
  await buyer.goto('/profile')
  await buyer.getByTestId('notices-link').click()
  await expect(buyer.getByTestId('notice')).toHaveCount(1)
  await expect(buyer.getByTestId('notice')).toContainText(`Price drop: ${title}`)
  await expect(buyer.getByTestId('notice')).not.toContainText('Unread')
  await buyer.goto(roomUrl)
  await seller.getByTestId('nav-chats').click()

  // They agree; the seller marks it sold to the buyer from the item card on top of the chat (a
  // final step, confirmed); both see the system message naming the buyer.
  await row.getByRole('link').click()
  await send(seller, 'Yes, see you at six.')
  const card = seller.getByTestId('item-room-header')
  await card.getByRole('button', { name: 'Mark sold' }).click()
  await card.getByRole('radio', { name: buyerUser.username }).check()
  await card.getByRole('button', { name: 'Yes, mark sold' }).click()
  const soldLine = `${sellerUser.username} sold the item to ${buyerUser.username}`
  await expect(messages(seller).filter({ hasText: soldLine })).toHaveCount(1)
  await expect(messages(buyer).filter({ hasText: soldLine })).toHaveCount(1)
  await expect(buyer.getByTestId('item-room-header').getByTestId('item-status')).toHaveText('Sold')
  await seller.goto(itemUrl)
  await expect(seller.getByTestId('item-status')).toHaveText('Sold')
  await expect(seller.getByRole('link', { name: 'Edit' })).toHaveCount(0)
  await seller.getByRole('button', { name: 'Open its chat' }).click()
  await expect(messages(seller).filter({ hasText: soldLine })).toHaveCount(1)
  await seller.goto('/my-listings')
  await expect(listing.getByTestId('item-status')).toHaveText('Sold')
  await expect(listing.getByRole('link', { name: 'Edit' })).toHaveCount(0)

  // A newcomer can no longer start a chat about it.
  const { page: late } = await newUser(browser, 'late')
  await late.goto(itemUrl)
  await expect(late.getByTestId('sold-closed')).toBeVisible()
  await expect(late.getByRole('button', { name: 'Chat about this item' })).toHaveCount(0)
  // The newcomer has no listings; one they list and delete leaves the market.
  await late.goto('/my-listings')
  await expect(late.getByTestId('listings-empty')).toContainText('You have no listings.')
  await late.getByRole('link', { name: 'Sell an item' }).first().click()
  await late.getByLabel('Title').fill(`Lamp ${tag}`)
  await late.getByLabel('Price (won)').fill('0')
  await late.getByRole('button', { name: 'List item' }).click()
  await expect(late.getByRole('heading', { name: `Lamp ${tag}` })).toBeVisible()
  await late.goto('/my-listings')
  await late.getByTestId('my-listing').getByRole('button', { name: 'Delete' }).click()
  await late.getByRole('button', { name: 'Yes, delete' }).click()
  await expect(late.getByTestId('listings-empty')).toBeVisible()

  // The purchase is in the buyer's list; the buyer reviews first.
  await buyer.goto('/deals')
  await expect(buyer.getByTestId('deal').filter({ hasText: title })).toContainText(
    `Bought from ${sellerUser.username}`,
  )
  await review(buyer, title, 'Great', 'Exactly as described, thanks!')
  await buyer.getByRole('button', { name: 'Favourites' }).click()
  await expect(buyer.getByTestId('favorite-item')).toHaveText(title)

  // Double-blind: the seller does not see it until they have written theirs.
  await openOwnProfile(seller)
  await expect(seller.getByTestId('trust-counts')).toHaveText('Great 0 · Good 0 · Bad 0')
  await expect(seller.getByTestId('public-profile')).toContainText('No published reviews yet.')
  await seller.goto('/deals')
  await seller.getByRole('button', { name: 'Sales' }).click()
  await review(seller, title, 'Good', 'Quick and friendly.')

  // Now both are published, with the summaries updated.
  await openOwnProfile(seller)
  await expect(seller.getByTestId('review')).toContainText('Exactly as described, thanks!')
  await expect(seller.getByTestId('trust-counts')).toHaveText('Great 1 · Good 0 · Bad 0')
  await expect(seller.getByTestId('trust-score')).toHaveText('37.0°')
  await expect(seller.getByTestId('deal-count')).toHaveText('1 completed deal')
  await openOwnProfile(buyer)
  await expect(buyer.getByTestId('review')).toContainText('Quick and friendly.')
  await expect(buyer.getByTestId('trust-counts')).toHaveText('Great 0 · Good 1 · Bad 0')
  await expect(buyer.getByTestId('trust-score')).toHaveText('36.7°')
})

test('guests browse the market but are told they cannot sell or contact a seller', async ({
  browser,
}) => {
  const page = await newPage(browser)
  await page.goto('/login')
  await page.getByRole('button', { name: 'Continue as guest' }).click()
  await expect(page.getByTestId('me')).toContainText(/guest_\d{9}/)
  await page.getByRole('link', { name: 'Market', exact: true }).click()
  await expect(page.getByRole('link', { name: 'Sell an item' })).toHaveCount(0)
  await page.goto('/items/new')
  await expect(page.getByTestId('sell-blocked')).toContainText('Guests cannot sell')
  await expect(page.getByTestId('sell-form')).toHaveCount(0)
  // Nor contact a seller (free guest accounts cannot flood an item's chat).
  const itemId = `guest${Date.now().toString(36)}`
  await seedItem(itemId, 'seeded-seller')
  await page.goto(`/items/${itemId}`)
  await expect(page.getByTestId('guest-no-chat')).toContainText('Guests cannot contact sellers')
  await expect(page.getByRole('button', { name: 'Chat about this item' })).toHaveCount(0)
})
