// Turns a picked, dropped, pasted or captured image into what src/lib/photos.ts stores: decoded
// upright (EXIF orientation applied), scaled to at most 1600 px, re-encoded as WebP (JPEG where
// the browser cannot encode WebP) under 400 KB, plus a 320 px thumbnail under 24 KB. Re-encoding
// from pixels drops every EXIF field, GPS location included.
import {
  PHOTO_BYTES_MAX,
  PHOTO_LONG_SIDE,
  PHOTO_THUMB_BYTES_MAX,
  PHOTO_THUMB_LONG_SIDE,
} from '@domain/limits'
import type { PhotoType } from '@domain/types'
import type { MessageKey } from '@/i18n'
import type { EncodedPhoto } from '@/lib/photos'

export type PhotoProblem = 'unsupported' | 'heic' | 'too-complex'

/** A file the pipeline cannot turn into a photo; `problem` picks the message. */
export class PhotoError extends Error {
  constructor(readonly problem: PhotoProblem) {
    super(`photo: ${problem}`)
  }
}

/** `width` × `height` scaled down (never up) so the longest side is at most `maxSide`. */
export function fitWithin(width: number, height: number, maxSide: number) {
  const scale = Math.min(1, maxSide / Math.max(width, height))
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  }
}

/** Encodes the source at `width` × `height`; resolves with the Blob the browser produced. */
export type Encoder = (
  width: number,
  height: number,
  type: PhotoType,
  quality: number,
) => Promise<Blob>

const QUALITIES = [0.82, 0.7, 0.58, 0.46, 0.34]

/**
 * The largest, best encoding of a `width` × `height` source with the longest side at most
 * `maxSide` and at most `maxBytes`: WebP, or JPEG when the encoder does not produce WebP;
 * lower quality first, then smaller sides.
 */
export async function encodeWithin(
  width: number,
  height: number,
  maxSide: number,
  maxBytes: number,
  encode: Encoder,
): Promise<{ blob: Blob; type: PhotoType; width: number; height: number }> {
  let type: PhotoType = 'image/webp'
  for (let side = maxSide; side >= 16; side = Math.floor(side * 0.75)) {
    const size = fitWithin(width, height, side)
    for (const quality of QUALITIES) {
      let blob = await encode(size.width, size.height, type, quality)
      if (blob.type !== type && type === 'image/webp') {
        type = 'image/jpeg'
        blob = await encode(size.width, size.height, type, quality)
      }
      if (blob.type !== type) throw new PhotoError('unsupported')
      if (blob.size <= maxBytes) return { blob, type, ...size }
    }
  }
  throw new PhotoError('too-complex')
}

function looksHeic(file: Blob): boolean {
  const name = file instanceof File ? file.name.toLowerCase() : ''
  return /image\/hei[cf]/.test(file.type) || name.endsWith('.heic') || name.endsWith('.heif')
}

/** Decodes `file` upright; PhotoError when the browser cannot read it. */
async function decode(file: Blob): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    throw new PhotoError(looksHeic(file) ? 'heic' : 'unsupported')
  }
}

/** An Encoder drawing `source` on a canvas (white under transparent parts, as JPEG shows). */
function canvasEncoder(source: ImageBitmap): Encoder {
  return (width, height, type, quality) => {
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    const ctx = canvas.getContext('2d')
    if (!ctx) throw new PhotoError('unsupported')
    ctx.fillStyle = '#fff'
    ctx.fillRect(0, 0, width, height)
    ctx.imageSmoothingQuality = 'high'
    ctx.drawImage(source, 0, 0, width, height)
    return new Promise((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new PhotoError('unsupported'))),
        type,
        quality,
      ),
    )
  }
}

/** Re-encodes an image file into a photo and its thumbnail, ready to store. */
export async function preparePhoto(file: Blob): Promise<EncodedPhoto> {
  const bitmap = await decode(file)
  try {
    const encode = canvasEncoder(bitmap)
    const { width, height } = bitmap
    const full = await encodeWithin(width, height, PHOTO_LONG_SIDE, PHOTO_BYTES_MAX, encode)
    const thumb = await encodeWithin(
      width,
      height,
      PHOTO_THUMB_LONG_SIDE,
      PHOTO_THUMB_BYTES_MAX,
      encode,
    )
    return { ...full, thumb: thumb.blob }
  } finally {
    bitmap.close()
  }
}

/** Just the thumbnail of an image (the cover of a photo already stored). */
export async function thumbnailOf(file: Blob): Promise<Blob> {
  const bitmap = await decode(file)
  try {
    const { width, height } = bitmap
    const thumb = await encodeWithin(
      width,
      height,
      PHOTO_THUMB_LONG_SIDE,
      PHOTO_THUMB_BYTES_MAX,
      canvasEncoder(bitmap),
    )
    return thumb.blob
  } finally {
    bitmap.close()
  }
}

/** The message key for a problem with a photo. */
export function photoProblemKey(error: unknown): MessageKey {
  if (!(error instanceof PhotoError)) return 'photos.unsupported'
  const keys: Record<PhotoError['problem'], MessageKey> = {
    unsupported: 'photos.unsupported',
    heic: 'photos.heic',
    'too-complex': 'photos.tooComplex',
  }
  return keys[error.problem]
}
