// Where photos are stored, on the functions side: Firestore documents beside what shows them
// (`items/{itemId}/photos/{photoId}`, `rooms/{roomId}/photos/{photoId}`), because the Storage
// emulator cannot run on these machines. A move to Cloud Storage changes this module and the
// client's src/lib/photos.ts, nothing else.
import { db } from '../admin'

export const itemPhotosPath = (itemId: string) => `items/${itemId}/photos`
export const roomPhotosPath = (roomId: string) => `rooms/${roomId}/photos`

/** Deletes every photo of a room (before the room itself goes); returns how many. */
export async function deleteRoomPhotos(roomId: string): Promise<number> {
  const refs = await db.collection(roomPhotosPath(roomId)).listDocuments()
  const writer = db.bulkWriter()
  for (const ref of refs) void writer.delete(ref)
  await writer.close()
  return refs.length
}
