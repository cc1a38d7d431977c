/** Milliseconds of a Firestore Timestamp (or anything with toMillis), 0 when absent. */
export function millis(value: unknown): number {
  const ts = value as { toMillis?: () => number } | null | undefined
  return typeof ts?.toMillis === 'function' ? ts.toMillis() : 0
}
