// Leases that make one trigger the writer of a busy document for a while (the room summary, the
// roster): the others find the lease held and leave the work to it.
import type { DocumentReference } from 'firebase-admin/firestore'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
/** Server clocks differ by a few ms: a lease holder reads again this long after its lease. */
export const CLOCK_MARGIN_MS = 50

const code = (error: unknown) => (error as { code?: number | string }).code
/** gRPC FAILED_PRECONDITION / ALREADY_EXISTS: another writer got there first. */
export const lostRace = (error: unknown) =>
  [9, 6, 'failed-precondition', 'already-exists'].includes(code(error) as never)

/**
 * Takes the lease at `ref` until `now + ms`, unless someone holds it still (then their work, at
 * the end of the lease, comes after ours).
 */
export async function takeLease(ref: DocumentReference, ms: number): Promise<boolean> {
  const lease = await ref.get()
  const now = Date.now()
  if (((lease.get('until') as number | undefined) ?? 0) > now) return false
  try {
    if (lease.exists && lease.updateTime) {
      await ref.update({ until: now + ms }, { lastUpdateTime: lease.updateTime })
    } else {
      await ref.create({ until: now + ms })
    }
    return true
  } catch (error) {
    if (lostRace(error)) return false
    throw error
  }
}
