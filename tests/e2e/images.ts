// Real image files for the photo tests, made here: a PNG (zlib) and a JPEG carrying EXIF with a
// GPS position and an orientation, as a phone camera writes them.
import { deflateSync } from 'node:zlib'

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
function crc32(bytes: Buffer): number {
  let c = 0xffffffff
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] as number) ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}
function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A `width` × `height` RGB PNG: a gradient with a block of noise (so it does not compress away). */
export function pngImage(width: number, height: number): Buffer {
  const rows: Buffer[] = []
  let seed = 7
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3)
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      const noise = x < width / 3 ? seed & 0xff : 0
      row[1 + x * 3] = (x * 255) / width
      row[2 + x * 3] = (y * 255) / height
      row[3 + x * 3] = noise || 128
    }
    rows.push(row)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.writeUInt8(8, 8) // bit depth
  header.writeUInt8(2, 9) // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const LATITUDE = [37, 33, 59]

/**
 * An EXIF APP1 segment (little-endian TIFF) with Orientation `orientation` and a GPS position
 * (37°33'59" N, 126°58'41" E — Seoul City Hall).
 */
function exifSegment(orientation: number): Buffer {
  const tiff = Buffer.alloc(140)
  tiff.write('II', 0, 'ascii')
  tiff.writeUInt16LE(42, 2)
  tiff.writeUInt32LE(8, 4)
  // IFD0 at 8: 2 entries.
  let p = 8
  tiff.writeUInt16LE(2, p)
  p += 2
  const entry = (tag: number, type: number, count: number, value: number, short = false) => {
    tiff.writeUInt16LE(tag, p)
    tiff.writeUInt16LE(type, p + 2)
    tiff.writeUInt32LE(count, p + 4)
    if (short) tiff.writeUInt16LE(value, p + 8)
    else tiff.writeUInt32LE(value, p + 8)
    p += 12
  }
  const gpsIfd = 38
  entry(0x0112, 3, 1, orientation, true) // Orientation, SHORT
  entry(0x8825, 4, 1, gpsIfd) // GPSInfo IFD pointer, LONG
  tiff.writeUInt32LE(0, p) // no next IFD
  // GPS IFD at 38: 4 entries (2 + 4 × 12 + 4 = 54 bytes) then two RATIONAL[3] at 92 and 116.
  p = gpsIfd
  tiff.writeUInt16LE(4, p)
  p += 2
  const lat = 92
  const lon = lat + 24
  entry(0x0001, 2, 2, 0x4e) // GPSLatitudeRef "N"
  entry(0x0002, 5, 3, lat) // GPSLatitude
  entry(0x0003, 2, 2, 0x45) // GPSLongitudeRef "E"
  entry(0x0004, 5, 3, lon) // GPSLongitude
  tiff.writeUInt32LE(0, p)
  const rationals = (at: number, values: number[]) =>
    values.forEach((v, i) => {
      tiff.writeUInt32LE(v, at + i * 8)
      tiff.writeUInt32LE(1, at + i * 8 + 4)
    })
  rationals(lat, LATITUDE)
  rationals(lon, [126, 58, 41])
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'binary'), tiff])
  const header = Buffer.alloc(4)
  header.writeUInt16BE(0xffe1, 0)
  header.writeUInt16BE(body.length + 2, 2)
  return Buffer.concat([header, body])
}

/** `jpeg` (as a browser encoded it, no EXIF) with an EXIF segment inserted after SOI. */
export function withExif(jpeg: Buffer, orientation: number): Buffer {
  if (jpeg[0] !== 0xff || jpeg[1] !== 0xd8) throw new Error('not a JPEG')
  return Buffer.concat([jpeg.subarray(0, 2), exifSegment(orientation), jpeg.subarray(2)])
}

/** Whether `bytes` carry an EXIF segment or the GPS latitude written by withExif. */
export function carriesExif(bytes: Buffer): boolean {
  const latitude = Buffer.alloc(24)
  LATITUDE.forEach((v, i) => {
    latitude.writeUInt32LE(v, i * 8)
    latitude.writeUInt32LE(1, i * 8 + 4)
  })
  return bytes.includes(Buffer.from('Exif', 'ascii')) || bytes.includes(latitude)
}
