import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  PHOTO_BYTES_MAX,
  PHOTO_DIMENSION_MAX,
  PHOTO_LONG_SIDE,
  PHOTO_THUMB_BYTES_MAX,
  PHOTO_THUMB_LONG_SIDE,
} from '@domain/limits'
import { type Encoder, PhotoError, encodeWithin, fitWithin } from '@/lib/photoPipeline'

/**
 * A generated image as an encoder sees it: `bitsPerPixel` at full quality (about 1 for a smooth
 * photo, 8 and more for noise), falling with quality as real encoders do. `webp: false` plays a
 * browser that answers a WebP request with PNG, as canvas.toBlob does when it cannot encode WebP.
 */
function generatedImage(bitsPerPixel: number, webp = true): Encoder {
  return async (width, height, type, quality) => {
    const bytes = Math.ceil((width * height * bitsPerPixel * quality * quality) / 8) + 200
    const actual = type === 'image/webp' && !webp ? 'image/png' : type
    return new Blob([new Uint8Array(bytes)], { type: actual })
  }
}

describe('fitWithin', () => {
  it('keeps the longest side within the bound, never enlarges, keeps the shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.integer({ min: 16, max: 4096 }),
        (w, h, max) => {
          const fit = fitWithin(w, h, max)
          expect(Math.max(fit.width, fit.height)).toBeLessThanOrEqual(Math.max(max, 1))
          expect(fit.width).toBeLessThanOrEqual(w)
          expect(fit.height).toBeLessThanOrEqual(h)
          expect(Math.min(fit.width, fit.height)).toBeGreaterThanOrEqual(1)
          if (Math.min(w, h) * (max / Math.max(w, h)) >= 20) {
            expect(Math.abs(fit.width / fit.height - w / h) / (w / h)).toBeLessThan(0.1)
          }
        },
      ),
    )
  })
})

describe('encodeWithin on generated images', () => {
  const sizes: [number, number][] = [
    [4032, 3024],
    [3024, 4032],
    [8000, 600],
    [1600, 1600],
    [640, 480],
    [1, 1],
  ]
  for (const bits of [0.5, 2, 8, 24]) {
    for (const webp of [true, false]) {
      it(`${bits} bits/pixel, ${webp ? 'WebP' : 'no WebP → JPEG'}: photo ≤ 400 KB and 1600 px, thumb ≤ 24 KB and 320 px`, async () => {
        for (const [w, h] of sizes) {
          const image = generatedImage(bits, webp)
          const full = await encodeWithin(w, h, PHOTO_LONG_SIDE, PHOTO_BYTES_MAX, image)
          const thumb = await encodeWithin(
            w,
            h,
            PHOTO_THUMB_LONG_SIDE,
            PHOTO_THUMB_BYTES_MAX,
            image,
          )
          expect(full.blob.size).toBeLessThanOrEqual(PHOTO_BYTES_MAX)
          expect(Math.max(full.width, full.height)).toBeLessThanOrEqual(PHOTO_LONG_SIDE)
          expect(Math.max(full.width, full.height)).toBeLessThanOrEqual(PHOTO_DIMENSION_MAX)
          expect(full.type).toBe(webp ? 'image/webp' : 'image/jpeg')
          expect(full.blob.type).toBe(full.type)
          expect(thumb.blob.size).toBeLessThanOrEqual(PHOTO_THUMB_BYTES_MAX)
          expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(PHOTO_THUMB_LONG_SIDE)
        }
      })
    }
  }

  it('a small smooth photo keeps its size and the best quality', async () => {
    const seen: number[] = []
    const image: Encoder = async (w, h, type, quality) => {
      seen.push(quality)
      return generatedImage(1)(w, h, type, quality)
    }
    const full = await encodeWithin(640, 480, PHOTO_LONG_SIDE, PHOTO_BYTES_MAX, image)
    expect([full.width, full.height]).toEqual([640, 480])
    expect(seen).toEqual([seen[0]])
  })

  it('an encoder that produces neither WebP nor JPEG is refused', async () => {
    const png: Encoder = async () => new Blob(['x'], { type: 'image/png' })
    await expect(encodeWithin(10, 10, 320, 1000, png)).rejects.toBeInstanceOf(PhotoError)
  })
})
