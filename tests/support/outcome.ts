// How a callable or its in-process transaction ended, as the code a client sees.
import { expect } from 'vitest'
import { toHttpsError } from '../../functions/src/errors'

/** The error's code: a client SDK code without its `functions/` prefix, else the callable's. */
export function codeOfError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code === 'string') return code.replace(/^functions\//, '')
  return toHttpsError(error).code
}

/** 'ok' or the error code `run` ends with. */
export async function outcome(run: () => Promise<unknown>): Promise<string> {
  try {
    await run()
    return 'ok'
  } catch (error) {
    return codeOfError(error)
  }
}

/**
 * Runs the operations all at once, then runs again, one at a time, each that lost to contention
 * (`aborted`), as the app's client retries it: the codes are what the users finally see.
 */
export async function allAtOnce(runs: (() => Promise<unknown>)[]): Promise<string[]> {
  const codes = await Promise.all(runs.map((run) => outcome(run)))
  for (const [i, run] of runs.entries()) {
    if (codes[i] === 'aborted') codes[i] = await outcome(run)
  }
  return codes
}

/** Exactly `winners` of the operations succeeded, and every other was refused with `refusal`. */
export function expectWinners(codes: string[], winners: number, refusal: string) {
  expect(
    codes.filter((c) => c === 'ok'),
    codes.join(),
  ).toHaveLength(winners)
  expect(
    codes.filter((c) => c !== 'ok' && c !== refusal),
    codes.join(),
  ).toEqual([])
}
