import { expect } from '@playwright/test'
import { getApps, initializeApp } from 'firebase-admin/app'
import { getFirestore } from 'firebase-admin/firestore'
import { messages, newUser, test } from './helpers'
import { carriesExif, pngImage, withExif } from './images'

// The Admin SDK on the emulator (emulators:exec sets FIRESTORE_EMULATOR_HOST): what was stored.
const db = getFirestore(getApps()[0] ?? initializeApp({ projectId: 'demo-marketchat' }))

test('a seller lists photos without their GPS, a buyer browses them and sends one in the chat', async ({
  browser,
}) => {
  const sellerUser = await newUser(browser, 'seller')
  const buyerUser = await newUser(browser, 'buyer')
  const [seller, buyer] = [sellerUser.page, buyerUser.page]
  const title = `Camera ${Date.now()}`

  // A phone photo: 2400 × 1200 pixels stored sideways (EXIF orientation 6: shown 1200 × 2400),
  // with the GPS position of where it was taken.
  const jpegBase64 = await seller.evaluate(async () => {
    const canvas = document.createElement('canvas')
    canvas.width = 2400
    canvas.height = 1200
    const ctx = canvas.getContext('2d') as CanvasRenderingContext2D
    const gradient = ctx.createLinearGradient(0, 0, 2400, 1200)
    gradient.addColorStop(0, '#e8590c')
    gradient.addColorStop(1, '#1c7ed6')
    ctx.fillStyle = gradient
    ctx.fillRect(0, 0, 2400, 1200)
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, 400, 200)
    const blob = await new Promise<Blob>((resolve) =>
      canvas.toBlob((b) => resolve(b as Blob), 'image/jpeg', 0.9),
    )
    const bytes = new Uint8Array(await blob.arrayBuffer())
    let binary = ''
    for (const b of bytes) binary += String.fromCharCode(b)
    return btoa(binary)
  })
  const jpeg = withExif(Buffer.from(jpegBase64, 'base64'), 6)
  expect(carriesExif(jpeg)).toBe(true)
  const png = pngImage(640, 480)

  // The seller adds both photos, moves the phone photo first (the cover) and lists the item.
  await seller.goto('/items/new')
  await seller.getByTestId('photo-input').setInputFiles([
    { name: 'desk.png', mimeType: 'image/png', buffer: png },
    { name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: jpeg },
  ])
  const drafts = seller.getByTestId('photo-draft')
  await expect(drafts).toHaveCount(2)
  const pngId = await drafts.nth(0).getAttribute('data-photo-id')
  const jpegId = await drafts.nth(1).getAttribute('data-photo-id')
  await seller.getByRole('button', { name: 'Move photo 1 later' }).click()
  await expect(drafts.nth(0)).toHaveAttribute('data-photo-id', jpegId as string)
  await seller.getByRole('button', { name: 'Make cover' }).click()
  await expect(drafts.nth(0)).toHaveAttribute('data-photo-id', pngId as string)
  await seller.getByRole('button', { name: 'Move photo 2 earlier' }).click()
  await expect(drafts.nth(0)).toHaveAttribute('data-photo-id', jpegId as string)
  await expect(drafts.nth(0).getByTestId('cover-mark')).toBeVisible()
  await seller.getByLabel('Title').fill(title)
  await seller.getByLabel('Price (won)').fill('25000')
  await seller.getByRole('button', { name: 'List item' }).click()
  await expect(seller).toHaveURL(/\/items\/(?!new$)[A-Za-z0-9]+$/)
  const itemId = seller.url().split('/').pop() as string
  await expect(seller.getByTestId('gallery-slide')).toHaveCount(2)

  // What arrived: the photos in the chosen order, upright, small, re-encoded without EXIF.
  const itemSnap = await db.doc(`items/${itemId}`).get()
  expect(itemSnap.exists, `items/${itemId} on ${process.env.FIRESTORE_EMULATOR_HOST}`).toBe(true)
  const item = itemSnap.data()
  expect(item?.photos.map((p: { id: string }) => p.id)).toEqual([jpegId, pngId])
  expect(item?.photos[0]).toEqual({ id: jpegId, width: 800, height: 1600 })
  expect((item?.cover as Buffer).length).toBeLessThanOrEqual(24 * 1024)
  const stored = (await db.doc(`items/${itemId}/photos/${jpegId}`).get()).data()
  const bytes = stored?.data as Buffer
  expect(stored?.type).toBe('image/webp')
  expect(bytes.subarray(8, 12).toString('ascii')).toBe('WEBP')
  expect(bytes.length).toBeLessThanOrEqual(400 * 1024)
  expect(carriesExif(bytes)).toBe(false)
  expect(carriesExif(item?.cover as Buffer)).toBe(false)
  const storedPng = (await db.doc(`items/${itemId}/photos/${pngId}`).get()).data()
  console.log(
    `photo sizes: phone JPEG ${jpeg.length} B → ${bytes.length} B WebP ${stored?.width}×${stored?.height}; ` +
      `PNG ${png.length} B → ${(storedPng?.data as Buffer).length} B; cover ${(item?.cover as Buffer).length} B`,
  )

  // The buyer sees the cover in the market grid and opens the item.
  await buyer.getByRole('link', { name: 'Market', exact: true }).click()
  const card = buyer.getByTestId('item').filter({ hasText: title })
  await expect(card.getByTestId('item-cover')).toBeVisible()
  await card.getByRole('link').click()

  // The gallery: arrow keys and a swipe (a horizontal scroll) move between photos; full size.
  const position = buyer.getByTestId('gallery-position')
  await expect(position).toHaveText('1 / 2')
  await buyer.getByRole('button', { name: 'Next photo' }).click()
  await expect(position).toHaveText('2 / 2')
  const track = buyer.getByTestId('gallery').locator('.gallery__track')
  await track.evaluate((el) => el.scrollTo({ left: 0 }))
  await expect(position).toHaveText('1 / 2')
  await track.focus()
  await buyer.keyboard.press('ArrowRight')
  await expect(position).toHaveText('2 / 2')
  await expect(
    buyer.locator(`[data-testid=gallery-slide][data-photo-id="${pngId}"] img`),
  ).toHaveAttribute('data-loaded', 'full')
  await buyer.getByRole('button', { name: 'Open photo 2 full size' }).click()
  await expect(buyer.getByTestId('full-photo')).toBeVisible()
  await buyer.keyboard.press('Escape')
  await expect(buyer.getByTestId('photo-viewer')).toHaveCount(0)

  // In the item's chat the buyer sends a photo with a caption; it shows at once.
  await buyer.getByRole('button', { name: 'Chat about this item' }).click()
  await expect(buyer).toHaveURL(/\/rooms\/item-/)
  await buyer.getByTestId('composer-photo').setInputFiles({
    name: 'question.png',
    mimeType: 'image/png',
    buffer: pngImage(320, 240),
  })
  await expect(buyer.getByTestId('attached-photo')).toBeVisible()
  await buyer.getByLabel('Message').fill('Is this scratch new?')
  await buyer.getByRole('button', { name: 'Send' }).click()
  const sent = messages(buyer).filter({ hasText: 'Is this scratch new?' })
  await expect(sent.getByTestId('message-photo')).toBeVisible()
  await expect(sent).not.toHaveAttribute('data-pending', 'true')

  // The seller sees it and opens it full size.
  await seller.getByRole('button', { name: 'Open its chat' }).click()
  const received = messages(seller).filter({ hasText: 'Is this scratch new?' })
  await received.getByTestId('message-photo').click()
  await expect(seller.getByTestId('full-photo')).toBeVisible()
  await seller.getByRole('button', { name: 'Close' }).click()

  // In Korean the price reads as Koreans write it.
  await buyer.goto(`/items/${itemId}`)
  await buyer.getByTestId('language').selectOption('ko')
  await expect(buyer.getByTestId('item-detail')).toContainText('25,000원')

  // On a phone the main links are a bottom tab bar of 44 px targets, the market a photo grid.
  await buyer.setViewportSize({ width: 390, height: 844 })
  await buyer.goto('/market')
  await expect(card.getByTestId('item-price')).toHaveText('25,000원')
  for (const name of ['마켓', '채팅방', '내 채팅', '나']) {
    const box = await buyer.getByRole('link', { name, exact: true }).boundingBox()
    expect(box?.height).toBeGreaterThanOrEqual(44)
    expect((box?.y ?? 0) + (box?.height ?? 0)).toBeGreaterThan(800)
  }
  await expect(buyer.getByTestId('language')).toBeHidden()
})
