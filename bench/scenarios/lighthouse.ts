// Scenario 6: Lighthouse (the npm package) on the production build (VITE_USE_EMULATORS=true,
// served by `vite preview`) in the Chromium scripts/lib/chromium.mjs chooses: the four category
// scores of the lobby, the market and an item page, signed in, as a phone and as a desktop.
// Performance is reported, never judged: it depends on this machine's load.
import { type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import lighthouse from 'lighthouse'
import desktopConfig from 'lighthouse/core/config/desktop-config.js'
import { resolveChromium } from '../../scripts/lib/chromium.mjs'
import { itemData } from '../../tests/support/market'
import { db } from '../../functions/src/admin'
import { buildApp } from '../lib/bundle'
import type { Row, ScenarioResult } from '../lib/result'
import { type BenchUser, benchUsers, closeAll } from '../lib/seed'
import { startPreview } from './browser'

export interface LighthouseParams {
  previewPort: number
}

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const

/** A free TCP port for Chromium's DevTools endpoint, which Lighthouse connects to. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      )
    })
  })
}

export async function lighthouseScores(p: LighthouseParams): Promise<ScenarioResult> {
  const chromiumChoice = await resolveChromium()
  const params = { ...p, chromium: `${chromiumChoice.source}: ${chromiumChoice.executablePath}` }
  const outDir = mkdtempSync(join(tmpdir(), 'marketchat-lighthouse-'))
  const profileDir = mkdtempSync(join(tmpdir(), 'marketchat-lighthouse-profile-'))
  const previous = process.env.VITE_USE_EMULATORS
  process.env.VITE_USE_EMULATORS = 'true'
  let preview: ChildProcess | undefined
  const users: BenchUser[] = []
  const port = await freePort()
  // A persistent context: Lighthouse opens its tabs in the same profile, so they are signed in.
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumChoice.executablePath,
    args: [...chromiumChoice.args, `--remote-debugging-port=${port}`],
    locale: 'en-US',
  })
  try {
    await buildApp(outDir)
    if (previous === undefined) delete process.env.VITE_USE_EMULATORS
    else process.env.VITE_USE_EMULATORS = previous
    preview = await startPreview(outDir, p.previewPort)
    const base = `http://127.0.0.1:${p.previewPort}`
    users.push(...(await benchUsers(1)))
    const me = users[0] as BenchUser
    const item = db.collection('items').doc()
    await item.set(
      itemData(me.uid, 'available', {
        sellerName: me.username,
        title: 'Desk lamp',
        description: 'Warm light, adjustable arm.',
        price: 15000,
      }),
    )
    const tab = await context.newPage()
    await tab.goto(`${base}/login`)
    await tab.getByLabel('Email').fill(me.auth.currentUser?.email ?? '')
    await tab.getByLabel('Password', { exact: true }).fill('secret123')
    await tab.getByRole('button', { name: 'Log in' }).click()
    await tab.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 })

    const pages = { lobby: '/', market: '/market', item: `/items/${item.id}` }
    const rows: Row[] = []
    for (const [name, path] of Object.entries(pages)) {
      for (const formFactor of ['mobile', 'desktop'] as const) {
        const result = await lighthouse(
          `${base}${path}`,
          {
            port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: [...categories],
            // Keep the session's IndexedDB (Firebase Auth): the pages need a signed-in user.
            disableStorageReset: true,
          },
          formFactor === 'desktop' ? desktopConfig : undefined,
        )
        const lhr = result?.lhr
        if (!lhr) throw new Error(`Lighthouse returned nothing for ${path}`)
        const scores = Object.fromEntries(
          categories.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
        )
        const failing = Object.values(lhr.audits)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
          .map((a) => a.id)
        rows.push({
          name: `${name} (${formFactor}) ${path}`,
          unit: 'x',
          counts: scores,
          target: 'accessibility, best-practices, seo ≥ 95',
          note: failing.length ? `failing audits: ${failing.join(', ')}` : undefined,
        })
        console.log(
          `lighthouse: ${name} ${formFactor}: ${categories.map((c) => `${c} ${scores[c]}`).join(', ')}`,
        )
      }
    }
    return {
      scenario: 'lighthouse',
      status: 'ok',
      params,
      method:
        'Lighthouse (npm) against a signed-in Chromium profile (storage kept), production build served by vite preview; default mobile config (simulated throttling) and the desktop config.',
      rows,
    }
  } finally {
    if (previous === undefined) delete process.env.VITE_USE_EMULATORS
    else process.env.VITE_USE_EMULATORS = previous
    await context.close()
    preview?.kill('SIGTERM')
    await closeAll(users)
    rmSync(outDir, { recursive: true, force: true })
    rmSync(profileDir, { recursive: true, force: true })
  }
}
