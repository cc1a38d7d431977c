// The Admin SDK on the Firestore emulator, for seeding and for reading what really happened.
import { db } from '../../functions/src/admin'
import { toHttpsError } from '../../functions/src/errors'

export { db }

/** Every document id of a collection (or subcollection) path. */
export async function ids(path: string): Promise<string[]> {
  const snap = await db.collection(path).get()
  return snap.docs.map((d) => d.id).sort()
}

/**
 * Runs an in-process transaction and returns 'ok' or the code the callable would report. With
 * `retryAborted`, contention (`aborted`) is tried again the way the app's client does
 * (src/lib/callables.ts: four retries with backoff), so a test sees what a user finally sees.
 */
export async function txCode(
  run: () => Promise<unknown>,
  { retryAborted = false } = {},
): Promise<string> {
  const delays = retryAborted ? [250, 600, 1200, 2500] : []
  for (let attempt = 0; ; attempt++) {
    try {
      await run()
      return 'ok'
    } catch (error) {
      const code = toHttpsError(error).code
      const delay = delays[attempt]
      if (code !== 'aborted' || delay === undefined) return code
      await new Promise((resolve) => setTimeout(resolve, delay * (0.75 + Math.random() / 2)))
    }
  }
}
