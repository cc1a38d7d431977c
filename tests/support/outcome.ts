// How a callable or its in-process transaction ended, as the code a client sees.
import { toHttpsError } from '../../functions/src/errors'

/** The app's client retries contention with these delays (src/lib/callables.ts). */
const CLIENT_RETRY_DELAYS_MS = [250, 600, 1200, 2500]

/** The code of a callable error from the client SDK (`functions/` removed) or from the code. */
export function codeOfError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string' && code.startsWith('functions/')) return code.slice(10)
  return toHttpsError(error).code
}

/**
 * 'ok' or the error code `run` ends with. With `retryAborted`, contention (`aborted`) is tried
 * again the way the app's client does, so a test sees what a user finally sees.
 */
export async function outcome(
  run: () => Promise<unknown>,
  { retryAborted = false } = {},
): Promise<string> {
  const delays = retryAborted ? CLIENT_RETRY_DELAYS_MS : []
  for (let attempt = 0; ; attempt++) {
    try {
      await run()
      return 'ok'
    } catch (error) {
      const code = codeOfError(error)
      const delay = delays[attempt]
      if (code !== 'aborted' || delay === undefined) return code
      await new Promise((resolve) => setTimeout(resolve, delay * (0.75 + Math.random() / 2)))
    }
  }
}
