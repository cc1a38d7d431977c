import type { DocumentReference, DocumentSnapshot, Transaction } from 'firebase-admin/firestore'

/**
 * Reads documents in `tx` with one request, in the order given. Several `tx.get`s in parallel
 * are not safe: when contention aborts one of them, the others fail with "Transaction is invalid
 * or closed", which the SDK does not retry, and the caller would see `internal`.
 */
export async function readAll<T extends DocumentReference[]>(
  tx: Transaction,
  ...refs: T
): Promise<{ [K in keyof T]: DocumentSnapshot }> {
  return (await tx.getAll(...refs)) as { [K in keyof T]: DocumentSnapshot }
}
