// Display colours, picked from a fixed palette that reads well on light backgrounds: each has a
// contrast of at least 4.5:1 (WCAG AA) on white and on the soft grey #f5f6f8.
const PALETTE = [
  '#b8400c',
  '#c2255c',
  '#9c36b5',
  '#6741d9',
  '#3b5bdb',
  '#1864ab',
  '#0b7285',
  '#087f5b',
  '#2b7a3b',
  '#a35200',
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
