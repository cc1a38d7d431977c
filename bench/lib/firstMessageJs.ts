// The JS files a browser fetches before a room's first message is in the page: the bench's
// browser scenario reports their size, tests/e2e/firstMessageJs.ts checks that the budget
// (bench/lib/bundle.ts) counts every one of them.
import type { Page } from '@playwright/test'

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
 * Opens `url` (a room with messages) in `page` with the HTTP cache off and returns the paths
 * (`assets/…js`) of the JS files whose fetch started before the first message was in the DOM.
 * Chromium only (a CDP session turns the cache off and follows the fetches).
 */
export async function jsBeforeFirstMessage(page: Page, url: string): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Network.enable')
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true })
  const pending = new Set<string>()
  cdp.on('Network.requestWillBeSent', (e) => {
    if (new URL(e.request.url).pathname.endsWith('.js')) pending.add(e.requestId)
  })
  cdp.on('Network.loadingFinished', (e) => pending.delete(e.requestId))
  cdp.on('Network.loadingFailed', (e) => pending.delete(e.requestId))
  try {
    await page.addInitScript(probe)
    await page.goto(url)
    await page.waitForFunction('window.__firstMessageAt !== null', null, { timeout: 30_000 })
    // A resource timing entry is written when its fetch ends.
    for (let i = 0; pending.size > 0 && i < 300; i++) await page.waitForTimeout(100)
    return await page.evaluate(() => {
      const at = (window as unknown as { __firstMessageAt: number }).__firstMessageAt
      return performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime < at && new URL(e.name).pathname.endsWith('.js'))
        .map((e) => new URL(e.name).pathname.slice(1))
    })
  } finally {
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: false })
    await cdp.detach()
  }
}
