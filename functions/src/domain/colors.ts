// Display colours, picked from a fixed palette that reads well on light backgrounds.
const PALETTE = [
  '#d9480f',
  '#c2255c',
  '#9c36b5',
  '#6741d9',
  '#3b5bdb',
  '#1971c2',
  '#0c8599',
  '#099268',
  '#2f9e44',
  '#e67700',
  '#a61e4d',
  '#5f3dc4',
] as const

/** A stable colour (hex) for a uid, from a 32-bit FNV-1a hash. */
export function colorForUid(uid: string): string {
  let hash = 0x811c9dc5
  for (let i = 0; i < uid.length; i++) {
    hash ^= uid.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return PALETTE[hash % PALETTE.length] ?? PALETTE[0]
}
