// What the browser fetches before a room's first message, against what bench/budgets.json
// counts (bench/lib/bundle.ts, on the build these tests run: playwright.config.ts): the budget
// test leaves out the lazy chunks budgets.json says load after the first message, and this
// proves the browser does not fetch them (or anything else uncounted) before it.
import { join } from 'node:path'
import { type Page, expect } from '@playwright/test'
import { measureBuild } from '../../bench/lib/bundle'
import { jsBeforeFirstMessage } from '../../bench/lib/firstMessageJs'
import { root } from '../../bench/lib/paths'

const outDir = join(root, '.cache', 'e2e-dist')

/**
 * Opens `url` (a room with messages) with the HTTP cache off and returns the JS files whose
 * fetch started before the first message was shown but which the budget does not count.
 */
export async function uncountedJsBeforeFirstMessage(page: Page, url: string): Promise<string[]> {
  const fetched = await jsBeforeFirstMessage(page, url)
  expect(fetched, 'JS fetched before the first message').toContainEqual(
    expect.stringMatching(/RoomPage/),
  )
  const report = measureBuild(outDir)
  const counted = new Set(report.firstMessage.map((c) => c.file))
  // Of the chunks a page needs one of (the UI language's messages), the largest is counted.
  const oneOf = report.alternatives.filter((files) => files.some((f) => counted.has(f)))
  const uncounted = fetched.filter(
    (file) => !counted.has(file) && !oneOf.some((files) => files.includes(file)),
  )
  for (const files of oneOf) {
    const both = fetched.filter((f) => files.includes(f))
    if (both.length > 1) uncounted.push(`more than one of ${both.join(', ')}`)
  }
  return uncounted
}
