// The Admin SDK on the Firestore emulator, for seeding and for reading what really happened.
import { db } from '../../functions/src/admin'

export { db }

/** Every document id of a collection (or subcollection) path. */
export async function ids(path: string): Promise<string[]> {
  const snap = await db.collection(path).get()
  return snap.docs.map((d) => d.id).sort()
}
