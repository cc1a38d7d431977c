// Where photos are stored, on the client: Firestore documents beside what shows them
// (`items/{itemId}/photos/{photoId}`, `rooms/{roomId}/photos/{photoId}`, id = the message's id),
// written in the same batch as the item or message that names them, because the Storage emulator
// cannot run on these machines. Thumbnails ride on the item (`cover`) and the message
// (`photo.thumb`). A move to Cloud Storage changes this module and functions/src/services/photos.ts.
import {
  Bytes,
  type DocumentReference,
  type WriteBatch,
  collection,
  doc,
  getDoc,
  serverTimestamp,
} from 'firebase/firestore'
import type { PhotoRef, PhotoType } from '@domain/types'
import { db } from '@/lib/db'

/** A photo ready to store: re-encoded in the browser (src/lib/photoPipeline.ts), no EXIF. */
export interface EncodedPhoto {
  blob: Blob
  type: PhotoType
  width: number
  height: number
  /** Longest side 320 px, at most 24 KB. */
  thumb: Blob
}

const itemPhotoDoc = (itemId: string, photoId: string) =>
  doc(db, 'items', itemId, 'photos', photoId)
const roomPhotoDoc = (roomId: string, photoId: string) =>
  doc(db, 'rooms', roomId, 'photos', photoId)

/** A fresh id for a new photo of an item. */
export function newItemPhotoId(itemId: string): string {
  return doc(collection(db, 'items', itemId, 'photos')).id
}

/** Bytes as Firestore stores them. */
export async function toBytes(blob: Blob): Promise<Bytes> {
  return Bytes.fromUint8Array(new Uint8Array(await blob.arrayBuffer()))
}

async function photoFields(photo: EncodedPhoto) {
  return {
    data: await toBytes(photo.blob),
    type: photo.type,
    width: photo.width,
    height: photo.height,
    createdAt: serverTimestamp(),
  }
}

/** Adds the write of an item's photo to `batch` (with the item write that lists it). */
export async function putItemPhoto(
  batch: WriteBatch,
  itemId: string,
  photoId: string,
  photo: EncodedPhoto,
): Promise<void> {
  batch.set(itemPhotoDoc(itemId, photoId), await photoFields(photo))
}

/** Adds the removal of an item's photo to `batch` (with the item write that unlists it). */
export function removeItemPhoto(batch: WriteBatch, itemId: string, photoId: string): void {
  batch.delete(itemPhotoDoc(itemId, photoId))
}

/** Adds a room photo to `batch`, under the id of the photo message written in the same batch. */
export async function putRoomPhoto(
  batch: WriteBatch,
  message: DocumentReference,
  photo: EncodedPhoto,
): Promise<void> {
  const roomId = message.parent.parent?.id
  if (!roomId) throw new Error(`not a message: ${message.path}`)
  batch.set(roomPhotoDoc(roomId, message.id), await photoFields(photo))
}

/** What a photo message carries: the reference and the thumbnail. */
export async function photoMessageField(id: string, photo: EncodedPhoto) {
  return { id, width: photo.width, height: photo.height, thumb: await toBytes(photo.thumb) }
}

/** The stored full-size photo as a Blob; null when it does not exist (any more). */
async function readPhoto(ref: DocumentReference): Promise<Blob | null> {
  const snap = await getDoc(ref)
  const data = snap.data() as { data: Bytes; type: PhotoType } | undefined
  if (!data) return null
  return new Blob([data.data.toUint8Array() as Uint8Array<ArrayBuffer>], { type: data.type })
}

/** The full-size photo `photoId` of an item. */
export const readItemPhoto = (itemId: string, photoId: string) =>
  readPhoto(itemPhotoDoc(itemId, photoId))

/** The full-size photo of a photo message. */
export const readRoomPhoto = (roomId: string, messageId: string) =>
  readPhoto(roomPhotoDoc(roomId, messageId))

/** A thumbnail stored as Bytes (an item's cover, a message's thumb) as a Blob of its format. */
export function thumbBlob(bytes: Bytes | Uint8Array): Blob {
  const data = bytes instanceof Uint8Array ? bytes : bytes.toUint8Array()
  const isWebp = data[8] === 0x57 && data[9] === 0x45 && data[10] === 0x42 && data[11] === 0x50
  return new Blob([data as Uint8Array<ArrayBuffer>], { type: isWebp ? 'image/webp' : 'image/jpeg' })
}

export type { PhotoRef }
