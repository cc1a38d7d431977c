// Listing writes: the seller's new item with its photos, and later edits of its text, price and
// photos (checked by firestore.rules, which allow one new photo per write and count edits per
// item). Apart from src/lib/items.ts so that pages showing items do not load them.
import {
  type Timestamp,
  collection,
  doc,
  getDoc,
  serverTimestamp,
  updateDoc,
  writeBatch,
} from 'firebase/firestore'
import { itemEdit } from '@domain/itemEdits'
import { type ListingLog, nextListing } from '@domain/listings'
import type { ItemDoc, ItemStatus } from '@domain/types'
import { db } from '@/lib/db'
import type { ItemInput } from '@/lib/items'
import {
  type EncodedPhoto,
  type PhotoRef,
  newItemPhotoId,
  putItemPhoto,
  removeItemPhoto,
  toBytes,
} from '@/lib/photos'

/**
 * A photo in a seller's list: one already stored (`stored`), or a new one with its encoded bytes.
 * `thumb` is needed for whichever photo ends up first (the cover).
 */
export interface PhotoDraft {
  id: string
  width: number
  height: number
  thumb: Blob
  /** The encoded photo to upload; absent for a photo already stored. */
  upload?: EncodedPhoto
}

/** A fresh photo id for a draft of item `itemId`. */
export const newPhotoId = (itemId: string) => newItemPhotoId(itemId)

const photoRef = (p: PhotoDraft): PhotoRef => ({ id: p.id, width: p.width, height: p.height })

/** `photos` and `cover` of an item showing `list`. */
async function photoFields(list: PhotoDraft[]) {
  const first = list[0]
  return { photos: list.map(photoRef), cover: first ? await toBytes(first.thumb) : null }
}

/**
 * A write the rules would refuse because its window is full; shaped like a callable's rate-limit
 * refusal so limitMessage words it. Nothing was written.
 */
class TooSoonError extends Error {
  readonly details: { problem: 'rate-limited'; retryAfterMs: number }
  constructor(message: string, retryAfterMs: number) {
    super(message)
    this.details = { problem: 'rate-limited', retryAfterMs }
  }
}

/** The seller listed the most items a window allows (firestore.rules, LISTINGS_PER_WINDOW). */
export class ListingTooSoonError extends TooSoonError {
  constructor(retryAfterMs: number) {
    super('Too many listings; try again later.', retryAfterMs)
    this.name = 'ListingTooSoonError'
  }
}

/** The seller's listingLogs write for one more item, or ListingTooSoonError. */
async function listingLogWrite(sellerId: string, itemId: string) {
  const ref = doc(db, 'listingLogs', sellerId)
  const log = (await getDoc(ref)).data() as ListingLog<Timestamp> | undefined
  const next = nextListing(log, Date.now(), (at) => at.toMillis())
  if (next.waitMs > 0) throw new ListingTooSoonError(next.waitMs)
  const windowAt = next.newWindow || !log ? serverTimestamp() : log.windowAt
  return { ref, data: { windowAt, count: next.count, itemId } }
}

/** The seller edited the item as often as a window allows (firestore.rules, ITEM_EDITS_PER_WINDOW). */
export class EditTooOftenError extends TooSoonError {
  constructor(retryAfterMs: number) {
    super('Item edited too often; try again later.', retryAfterMs)
    this.name = 'EditTooOftenError'
  }
}

/**
 * What one more edit of item `itemId` writes besides the edit (its count in the edit window,
 * from the item as it is now), or EditTooOftenError.
 */
async function editCount(itemId: string) {
  const item = (await getDoc(doc(db, 'items', itemId))).data() as
    Pick<ItemDoc<Timestamp>, 'editWindowAt' | 'edits'> | undefined
  const next = itemEdit(item ?? {}, Date.now(), (at: Timestamp) => at.toMillis())
  if (next.waitMs > 0) throw new EditTooOftenError(next.waitMs)
  return { edits: next.edits, ...(next.newWindow ? { editWindowAt: serverTimestamp() } : {}) }
}

/** Edits the seller's own item's text and price. */
export async function updateItem(itemId: string, input: ItemInput): Promise<void> {
  await updateDoc(doc(db, 'items', itemId), {
    title: input.title.trim(),
    description: input.description.trim(),
    price: input.price,
    updatedAt: serverTimestamp(),
    ...(await editCount(itemId)),
  })
}

/** A new item's id, before it is written (its photos are stored under it). */
export function newItemId(): string {
  return doc(collection(db, 'items')).id
}

/**
 * Lists an item as `seller` with `photos` (in display order; the first is the cover); resolves
 * with the item's id once the server accepted everything. The item and its cover photo are one
 * batch, then each further photo is one batch with the item's grown list (the rules allow one new
 * photo per write), so buyers never see a listed photo that is not stored. `onProgress(done,
 * total)` counts stored photos.
 */
export async function createItem(
  seller: { uid: string; username: string },
  input: ItemInput,
  photos: PhotoDraft[] = [],
  onProgress: (done: number, total: number) => void = () => {},
  itemId = newItemId(),
): Promise<string> {
  const ref = doc(db, 'items', itemId)
  const first = photos.slice(0, 1)
  const log = await listingLogWrite(seller.uid, itemId)
  const batch = writeBatch(db)
  batch.set(log.ref, log.data)
  batch.set(ref, {
    sellerId: seller.uid,
    sellerName: seller.username,
    title: input.title.trim(),
    description: input.description.trim(),
    price: input.price,
    status: 'available' satisfies ItemStatus,
    ...(await photoFields(first)),
    createdAt: serverTimestamp(),
    updatedAt: serverTimestamp(),
  })
  for (const p of first) if (p.upload) await putItemPhoto(batch, itemId, p.id, p.upload)
  await batch.commit()
  onProgress(first.length, photos.length)
  await addPhotos(itemId, photos, first.length, onProgress)
  return itemId
}

/**
 * Stores the photos of `photos` still to upload, from index `from` on, one batch each in display
 * order; `onProgress(done, total)` counts photos stored (the first `from` count as done).
 */
async function addPhotos(
  itemId: string,
  photos: PhotoDraft[],
  from: number,
  onProgress: (done: number, total: number) => void,
) {
  const total = photos.filter((p) => p.upload).length
  let done = photos.slice(0, from).filter((p) => p.upload).length
  for (let i = from; i < photos.length; i++) {
    const p = photos[i] as PhotoDraft
    if (!p.upload) continue
    const stored = photos.filter((q, j) => j <= i || !q.upload)
    const batch = writeBatch(db)
    await putItemPhoto(batch, itemId, p.id, p.upload)
    batch.update(doc(db, 'items', itemId), {
      ...(await photoFields(stored)),
      updatedAt: serverTimestamp(),
      ...(await editCount(itemId)),
    })
    await batch.commit()
    onProgress(++done, total)
  }
}

/**
 * Saves an edited photo list of the seller's item: first the kept photos in their new order with
 * the removed ones deleted (one batch), then each new photo (one batch each).
 */
export async function saveItemPhotos(
  itemId: string,
  before: PhotoRef[],
  photos: PhotoDraft[],
  onProgress: (done: number, total: number) => void = () => {},
): Promise<void> {
  const kept = photos.filter((p) => !p.upload)
  const removed = before.filter((b) => !kept.some((k) => k.id === b.id))
  const unchanged = kept.length === before.length && kept.every((k, i) => k.id === before[i]?.id)
  if (!unchanged) {
    const batch = writeBatch(db)
    batch.update(doc(db, 'items', itemId), {
      ...(await photoFields(kept)),
      updatedAt: serverTimestamp(),
      ...(await editCount(itemId)),
    })
    for (const r of removed) removeItemPhoto(batch, itemId, r.id)
    await batch.commit()
  }
  await addPhotos(itemId, photos, 0, onProgress)
}
