// Photos: an item's photo list and cover, its photo documents, photo messages and room photos.
import { serverTimestamp } from 'firebase/firestore'
import { afterAll, beforeEach, describe, it } from 'vitest'
import {
  ITEM_PHOTOS_MAX,
  PHOTO_BYTES_MAX,
  PHOTO_DIMENSION_MAX,
  PHOTO_THUMB_BYTES_MAX,
} from '@domain/limits'
import {
  type Actor,
  actorProfiles,
  as,
  assertFails,
  assertSucceeds,
  bytes,
  editFields,
  editItem,
  itemDoc,
  listWithLog,
  photoDoc,
  photoMessageDoc,
  rulesEnv,
  seed,
  sendWithLog,
} from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())

type Db = ReturnType<typeof as>
const past = new Date('2024-01-01T00:00:00Z')
const ref = (id: string, width = 1600, height = 1200) => ({ id, width, height })
const refs = (n: number) => Array.from({ length: n }, (_, i) => ref(`p${i}`))

/** The stored photo `id` of item1, as if uploaded earlier. */
const storedPhoto = (overrides: Record<string, unknown> = {}) =>
  photoDoc({ createdAt: past, ...overrides })

beforeEach(async () => {
  await env.clearFirestore()
  await seed(env, {
    ...actorProfiles(),
    'items/item1': itemDoc({
      createdAt: past,
      updatedAt: past,
      photos: [ref('p0')],
      cover: bytes(500),
    }),
    'items/item1/photos/p0': storedPhoto(),
    'items/old': itemDoc({ createdAt: past, updatedAt: past }),
    'items/sold': itemDoc({
      status: 'sold',
      createdAt: past,
      updatedAt: past,
      photos: [ref('p0')],
      cover: bytes(500),
    }),
    'items/sold/photos/p0': storedPhoto(),
    'rooms/r1': {
      kind: 'item',
      title: 'Bike',
      ownerId: 'owner',
      itemId: 'item1',
      capacity: null,
      hasPassword: false,
      memberIds: ['owner', 'member'],
      memberCount: 2,
      lastMessage: null,
      lastMessageAt: null,
      createdAt: past,
    },
    'rooms/r1/members/owner': { username: 'Owner', color: '#000000', role: 'owner' },
    'rooms/r1/members/member': { username: 'Member', color: '#000000', role: 'member' },
    'rooms/r1/messages/sent': photoMessageDoc('sent', 'owner', 'Owner', { createdAt: past }),
    'rooms/r1/photos/sent': storedPhoto(),
  })
})

/**
 * Lists a new item with `photos` and the cover's document in one batch, as the sell page does
 * (it then adds the other documents one batch each: one batch of ten exceeds the rules' budget).
 */
function listWithPhotos(
  db: Db,
  photos: { id: string; width: number; height: number }[],
  options: { cover?: unknown; photo?: Record<string, unknown>; seller?: string } = {},
) {
  const seller = options.seller ?? 'owner'
  const also = Object.fromEntries(
    photos
      .slice(0, 1)
      .map((p) => [
        `items/new/photos/${p.id}`,
        photoDoc({ width: p.width, height: p.height, ...options.photo }),
      ]),
  )
  return listWithLog(
    db,
    seller,
    'items/new',
    itemDoc({
      sellerId: seller,
      sellerName: seller === 'owner' ? 'Owner' : 'Stranger',
      photos,
      cover: 'cover' in options ? options.cover : bytes(1000),
    }),
    also,
  )
}

/** Adds photo `id` to item1 after p0: the photo document and the new list in one batch. */
async function addPhoto(db: Db, id: string, photo: Record<string, unknown> = {}, itemId = 'item1') {
  const doc = photoDoc(photo)
  const batch = db.batch()
  batch.set(db.doc(`items/${itemId}/photos/${id}`), doc)
  batch.update(db.doc(`items/${itemId}`), {
    photos: [ref('p0'), ref(id, doc.width, doc.height)],
    updatedAt: serverTimestamp(),
    ...(await editFields(db, `items/${itemId}`)),
  })
  return batch.commit()
}

/** Sends a photo message `id` into r1: the message and its photo document in one batch. */
function sendPhoto(
  db: Db,
  uid: string,
  options: {
    id?: string
    message?: Record<string, unknown>
    photo?: Record<string, unknown>
    withoutCaption?: boolean
  } = {},
) {
  const id = options.id ?? `m-${uid || 'x'}`
  const name = uid === 'owner' ? 'Owner' : uid === 'member' ? 'Member' : 'Stranger'
  const message: Record<string, unknown> = photoMessageDoc(id, uid, name, options.message)
  if (options.withoutCaption) delete message.text
  // With the sender's send-log slot in the same batch, as the app sends (the rate limit).
  return sendWithLog(db, 'rooms/r1', uid, message, {
    messageId: id,
    also: { [`rooms/r1/photos/${id}`]: photoDoc(options.photo) },
  })
}

describe('items/{itemId}.photos and cover: the seller', () => {
  it('lists an item with its cover photo in one batch, not two photos at once', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(listWithPhotos(db, [ref('a', 900, 1600)]))
    await assertFails(listWithPhotos(db, [ref('b'), ref('c')]))
  })

  it('lists an item without photos (no cover), and with an empty list and a null cover', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(listWithLog(db, 'owner', 'items/plain', itemDoc()))
    await assertSucceeds(
      listWithLog(db, 'owner', 'items/empty', itemDoc({ photos: [], cover: null })),
    )
  })

  it(`adds photos one per write up to ${ITEM_PHOTOS_MAX}, not more`, async () => {
    const stored = (n: number) =>
      itemDoc({ createdAt: past, updatedAt: past, photos: refs(n), cover: bytes(10) })
    await seed(env, {
      'items/nine': stored(ITEM_PHOTOS_MAX - 1),
      'items/ten': stored(ITEM_PHOTOS_MAX),
    })
    const db = as(env, 'owner')
    const add = async (itemId: string, before: number) => {
      const batch = db.batch()
      batch.set(db.doc(`items/${itemId}/photos/new`), photoDoc())
      batch.update(db.doc(`items/${itemId}`), {
        photos: [...refs(before), ref('new')],
        updatedAt: serverTimestamp(),
        ...(await editFields(db, `items/${itemId}`)),
      })
      return batch.commit()
    }
    await assertSucceeds(add('nine', ITEM_PHOTOS_MAX - 1))
    await assertFails(add('ten', ITEM_PHOTOS_MAX))
    await assertSucceeds(
      editItem(db, 'items/ten', {
        photos: refs(ITEM_PHOTOS_MAX).reverse(),
        updatedAt: serverTimestamp(),
      }),
    )
    await assertFails(
      editItem(db, 'items/item1', {
        photos: [ref('p0'), ref('x'), ref('y')],
        updatedAt: serverTimestamp(),
      }),
    )
  })

  it('cannot list with a bad cover', async () => {
    const db = as(env, 'owner')
    await assertFails(listWithPhotos(db, [ref('a')], { cover: null }))
    await assertFails(listWithPhotos(db, [ref('a')], { cover: bytes(PHOTO_THUMB_BYTES_MAX + 1) }))
    await assertFails(listWithPhotos(db, [ref('a')], { cover: 'data:image/webp;base64,AAAA' }))
    await assertFails(
      listWithLog(db, 'owner', 'items/x', itemDoc({ photos: [], cover: bytes(10) })),
    )
  })

  it('cannot list malformed photo entries', async () => {
    const db = as(env, 'owner')
    const bad: unknown[] = [
      { id: 'a', width: 10 },
      { id: 'a', width: 10, height: 10, url: 'http://x' },
      { id: 'a/b', width: 10, height: 10 },
      { id: '', width: 10, height: 10 },
      { id: 'a', width: 0, height: 10 },
      { id: 'a', width: 10.5, height: 10 },
      { id: 'a', width: 10, height: PHOTO_DIMENSION_MAX + 1 },
      'a',
    ]
    for (const entry of bad) {
      await assertFails(
        listWithLog(db, 'owner', 'items/x', itemDoc({ photos: [entry], cover: bytes(10) })),
      )
    }
    await assertFails(
      listWithLog(db, 'owner', 'items/x', itemDoc({ photos: 'a', cover: bytes(10) })),
    )
  })

  it('adds a photo: its document and the new list in one batch', async () => {
    await assertSucceeds(addPhoto(as(env, 'owner'), 'p1'))
  })

  it('adds photos to a listing made before photos', async () => {
    const db = as(env, 'owner')
    const batch = db.batch()
    batch.set(db.doc('items/old/photos/p1'), photoDoc())
    batch.update(db.doc('items/old'), {
      photos: [ref('p1')],
      cover: bytes(100),
      updatedAt: serverTimestamp(),
      ...(await editFields(db, 'items/old')),
    })
    await assertSucceeds(batch.commit())
  })

  it('reorders, picks another cover, and removes a photo with its document', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(addPhoto(db, 'p1'))
    await assertSucceeds(
      editItem(db, 'items/item1', {
        photos: [ref('p1'), ref('p0')],
        cover: bytes(300),
        updatedAt: serverTimestamp(),
      }),
    )
    const batch = db.batch()
    batch.update(db.doc('items/item1'), {
      photos: [ref('p1')],
      updatedAt: serverTimestamp(),
      ...(await editFields(db, 'items/item1')),
    })
    batch.delete(db.doc('items/item1/photos/p0'))
    await assertSucceeds(batch.commit())
  })

  it('cannot change photos without a server updatedAt, nor with a sold item', async () => {
    const db = as(env, 'owner')
    await assertFails(editItem(db, 'items/item1', { photos: [], cover: null }))
    await assertFails(
      editItem(db, 'items/item1', { photos: [], cover: null, updatedAt: new Date() }),
    )
    await assertFails(
      editItem(db, 'items/sold', { photos: [], cover: null, updatedAt: serverTimestamp() }),
    )
  })

  it('cannot update the cover past its bound or out of step with the list', async () => {
    const db = as(env, 'owner')
    const update = (data: Record<string, unknown>) =>
      editItem(db, 'items/item1', { ...data, updatedAt: serverTimestamp() })
    await assertSucceeds(update({ cover: bytes(PHOTO_THUMB_BYTES_MAX) }))
    await assertFails(update({ cover: bytes(PHOTO_THUMB_BYTES_MAX + 1) }))
    await assertFails(update({ photos: [] }))
    await assertFails(update({ photos: [ref('p0')], cover: null }))
  })

  it('cannot add a photo document the item does not list, or lists with other dimensions', async () => {
    const db = as(env, 'owner')
    await assertFails(db.doc('items/item1/photos/p9').set(photoDoc()))
    const batch = db.batch()
    batch.set(db.doc('items/item1/photos/p1'), photoDoc({ width: 800 }))
    batch.update(db.doc('items/item1'), {
      photos: [ref('p0'), ref('p1', 1600, 1200)],
      updatedAt: serverTimestamp(),
      ...(await editFields(db, 'items/item1')),
    })
    await assertFails(batch.commit())
  })

  it('cannot store a photo of a wrong size, type, dimension or shape', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(addPhoto(db, 'big', { data: bytes(PHOTO_BYTES_MAX) }))
    await assertSucceeds(
      addPhoto(db, 'wide', { width: PHOTO_DIMENSION_MAX, height: PHOTO_DIMENSION_MAX }),
    )
    await assertSucceeds(addPhoto(db, 'jpeg', { type: 'image/jpeg' }))
    const bad: Record<string, Record<string, unknown>> = {
      'too many bytes': { data: bytes(PHOTO_BYTES_MAX + 1) },
      'not bytes': { data: 'AAAA' },
      png: { type: 'image/png' },
      heic: { type: 'image/heic' },
      'too wide': { width: PHOTO_DIMENSION_MAX + 1 },
      'too tall': { height: PHOTO_DIMENSION_MAX + 1 },
      'zero width': { width: 0 },
      'fractional height': { height: 10.5 },
      'client time': { createdAt: new Date() },
      'extra key': { exif: 'GPS' },
    }
    for (const [name, overrides] of Object.entries(bad)) {
      await assertFails(addPhoto(db, name.replace(/\W/g, ''), overrides))
    }
    const missing: Record<string, unknown> = photoDoc()
    delete missing.type
    const batch = db.batch()
    batch.set(db.doc('items/item1/photos/p1'), missing)
    batch.update(db.doc('items/item1'), {
      photos: [ref('p0'), ref('p1')],
      updatedAt: serverTimestamp(),
      ...(await editFields(db, 'items/item1')),
    })
    await assertFails(batch.commit())
  })

  it('never updates a photo document, and deletes one only once unlisted', async () => {
    const db = as(env, 'owner')
    await assertFails(db.doc('items/item1/photos/p0').update({ width: 10 }))
    await assertFails(db.doc('items/item1/photos/p0').set(photoDoc()))
    await assertFails(db.doc('items/item1/photos/p0').delete())
  })

  it('gets a photo but cannot list them', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(db.doc('items/item1/photos/p0').get())
    await assertFails(db.collection('items/item1/photos').limit(10).get())
  })
})

describe('items/{itemId} photos: others', () => {
  for (const actor of ['stranger', 'member', 'guest'] as const) {
    it(`${actor}: gets a photo and the cover, changes nothing`, async () => {
      const db = as(env, actor)
      await assertSucceeds(db.doc('items/item1').get())
      await assertSucceeds(db.doc('items/item1/photos/p0').get())
      await assertFails(db.collection('items/item1/photos').limit(10).get())
      await assertFails(addPhoto(db, 'p1'))
      await assertFails(db.doc('items/item1/photos/p1').set(photoDoc()))
      await assertFails(
        editItem(db, 'items/item1', {
          photos: [],
          cover: null,
          updatedAt: serverTimestamp(),
        }),
      )
      await assertFails(db.doc('items/item1/photos/p0').delete())
      await assertFails(db.doc('items/item1/photos/p0').update({ width: 1 }))
    })
  }

  it('a stranger cannot list photos under an item they do not sell', async () => {
    const db = as(env, 'stranger')
    await assertFails(db.doc('items/old/photos/p1').set(photoDoc()))
    await assertFails(db.doc('items/none/photos/p1').set(photoDoc()))
    await assertSucceeds(listWithPhotos(db, [ref('s')], { seller: 'stranger' }))
  })

  it('signed out: reads and writes nothing', async () => {
    const db = as(env, 'signed-out')
    await assertFails(db.doc('items/item1/photos/p0').get())
    await assertFails(db.doc('items/item1/photos/p1').set(photoDoc()))
    await assertFails(db.doc('items/item1/photos/p0').delete())
  })
})

describe('rooms/{roomId} photo messages and photos: a member', () => {
  it('sends a photo with its message in one batch, with or without a caption', async () => {
    const db = as(env, 'member')
    await assertSucceeds(sendPhoto(db, 'member'))
    await assertSucceeds(sendPhoto(db, 'member', { id: 'm2', message: { text: '' } }))
    await assertSucceeds(sendPhoto(db, 'member', { id: 'm3', withoutCaption: true }))
    await assertSucceeds(sendPhoto(as(env, 'owner'), 'owner', { id: 'm5' }))
  })

  it('cannot send the message without its photo, or the photo without its message', async () => {
    const db = as(env, 'member')
    await assertFails(db.doc('rooms/r1/messages/m1').set(photoMessageDoc('m1', 'member', 'Member')))
    await assertFails(db.doc('rooms/r1/photos/m1').set(photoDoc()))
    await assertFails(db.doc('rooms/r1/photos/other').set(photoDoc()))
  })

  it('cannot send a photo message of a wrong shape', async () => {
    const db = as(env, 'member')
    const photo = (overrides: Record<string, unknown>) => ({
      id: 'm1',
      width: 1600,
      height: 1200,
      thumb: bytes(100),
      ...overrides,
    })
    const bad: Record<string, Record<string, unknown>> = {
      'thumb too big': { photo: photo({ thumb: bytes(PHOTO_THUMB_BYTES_MAX + 1) }) },
      'thumb not bytes': { photo: photo({ thumb: 'AAAA' }) },
      'another photo id': { photo: photo({ id: 'sent' }) },
      'too wide': { photo: photo({ width: PHOTO_DIMENSION_MAX + 1 }) },
      'extra photo key': { photo: photo({ gps: '37.5,127.0' }) },
      'missing thumb': { photo: { id: 'm1', width: 10, height: 10 } },
      'caption too long': { text: 'x'.repeat(2001) },
      'caption not text': { text: 5 },
      'someone else': { senderId: 'owner', senderName: 'Owner' },
      'another name': { senderName: 'Owner' },
      'client time': { createdAt: new Date() },
      'extra key': { deletedAt: null },
      'text kind': { kind: 'text' },
    }
    for (const [, overrides] of Object.entries(bad)) {
      await assertFails(sendPhoto(db, 'member', { id: 'm1', message: overrides }))
    }
    await assertSucceeds(
      sendPhoto(db, 'member', {
        id: 'm1',
        message: { photo: photo({ thumb: bytes(PHOTO_THUMB_BYTES_MAX) }) },
      }),
    )
  })

  it('cannot store a room photo of a wrong size, type or dimension', async () => {
    const db = as(env, 'member')
    for (const overrides of [
      { data: bytes(PHOTO_BYTES_MAX + 1) },
      { type: 'image/gif' },
      { width: PHOTO_DIMENSION_MAX + 1 },
      { createdAt: new Date() },
    ]) {
      await assertFails(sendPhoto(db, 'member', { id: 'm1', photo: overrides }))
    }
    await assertSucceeds(
      sendPhoto(db, 'member', { id: 'm1', photo: { data: bytes(PHOTO_BYTES_MAX) } }),
    )
  })

  it('reads a room photo; nobody lists, updates or deletes one', async () => {
    for (const actor of ['member', 'owner'] as const) {
      const db = as(env, actor)
      await assertSucceeds(db.doc('rooms/r1/photos/sent').get())
      await assertFails(db.collection('rooms/r1/photos').limit(10).get())
      await assertFails(db.doc('rooms/r1/photos/sent').update({ width: 10 }))
      await assertFails(db.doc('rooms/r1/photos/sent').set(photoDoc()))
      await assertFails(db.doc('rooms/r1/photos/sent').delete())
    }
  })
})

describe('rooms/{roomId} photos: not a member', () => {
  for (const actor of ['stranger', 'guest', 'signed-out'] as Actor[]) {
    it(`${actor}: cannot read, send or store a room photo`, async () => {
      const db = as(env, actor)
      const uid = actor === 'signed-out' ? '' : actor
      await assertFails(db.doc('rooms/r1/photos/sent').get())
      await assertFails(db.doc('rooms/r1/messages/sent').get())
      await assertFails(sendPhoto(db, uid))
      await assertFails(db.doc(`rooms/r1/photos/m-${uid || 'x'}`).set(photoDoc()))
    })
  }
})
