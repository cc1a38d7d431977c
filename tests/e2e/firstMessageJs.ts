// What the browser fetches before a room's first message, against what bench/budgets.json
// counts (bench/lib/bundle.ts, on the build these tests run: playwright.config.ts): the budget
// test leaves out the lazy chunks budgets.json says load after the first message, and this
// proves the browser does not fetch them (or anything else uncounted) before it.
import { join } from 'node:path'
import { type Page, expect } from '@playwright/test'
import { measureBuild } from '../../bench/lib/bundle'
import { root } from '../../bench/lib/paths'

const outDir = join(root, '.cache', 'e2e-dist')

// Runs before the page's scripts: notes when the first message is in the DOM, on the clock of
// the page's resource timings.
const probe = `
  performance.setResourceTimingBufferSize(5000)
  window.__firstMessageAt = null
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="message"]')) return
    observer.disconnect()
    window.__firstMessageAt = performance.now()
  }).observe(document, { childList: true, subtree: true })
`

/**
 * Opens `url` (a room with messages) with the HTTP cache off and returns the JS files whose
 * fetch started before the first message was shown but which the budget does not count.
 */
export async function uncountedJsBeforeFirstMessage(page: Page, url: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const pending = new Set<string>()
  cdp.on('Network.requestWillBeSent', (e) => {
    if (new URL(e.request.url).pathname.endsWith('.js')) pending.add(e.requestId)
  })
  cdp.on('Network.loadingFinished', (e) => pending.delete(e.requestId))
  cdp.on('Network.loadingFailed', (e) => pending.delete(e.requestId))
  await page.addInitScript(probe)
  await page.goto(url)
  await page.waitForFunction('window.__firstMessageAt !== null', null, { timeout: 30_000 })
  // A timing entry is written when its fetch ends.
  await expect.poll(() => pending.size).toBe(0)
  const fetched = await page.evaluate(() => {
    const at = (window as unknown as { __firstMessageAt: number }).__firstMessageAt
    return performance
      .getEntriesByType('resource')
      .filter((e) => e.startTime < at && new URL(e.name).pathname.endsWith('.js'))
      .map((e) => new URL(e.name).pathname.slice(1))
  })
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
  await cdp.detach()
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
