// Scenario 4: a production build (VITE_USE_EMULATORS=true, served by `vite preview`) in Chromium:
// navigation to the first message painted, and room-to-room switch time.
import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { type Page, chromium } from '@playwright/test'
import { resolveChromium } from '../../scripts/lib/chromium.mjs'
import { budgets, buildApp, routeComponent } from '../lib/bundle'
import { jsBeforeFirstMessage } from '../lib/firstMessageJs'
import { root } from '../lib/paths'
import type { ScenarioResult } from '../lib/result'
import { type BenchUser, benchUsers, closeAll, seedRoom } from '../lib/seed'
import { sleep, summarize } from '../lib/stats'

export interface BrowserParams {
  runs: number
  switches: number
  previewPort: number
  historyMessages: number
}

// Runs in the page before its scripts: notes when the first message is painted (two frames after
// the first `[data-testid="message"]` element appears), relative to navigation start.
const firstPaintProbe = `
  window.__firstMessagePaint = null
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-testid="message"]')) return
    observer.disconnect()
    requestAnimationFrame(() => requestAnimationFrame(() => {
      window.__firstMessagePaint = performance.now()
    }))
  }).observe(document, { childList: true, subtree: true })
`

export async function startPreview(outDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'preview',
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(port),
      '--strictPort',
    ],
    { cwd: root, stdio: 'ignore' },
  )
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child
    } catch {
      // not listening yet
    }
    await sleep(100)
  }
  child.kill('SIGTERM')
  throw new Error(`vite preview did not answer on port ${port}`)
}

/** Time until the first message of `marker`'s room is painted after `trigger` runs in the page. */
async function switchTime(page: Page, trigger: string, marker: string): Promise<number> {
  return page.evaluate(
    ([trigger, marker]) =>
      new Promise<number>((resolve, reject) => {
        const start = performance.now()
        const shown = () =>
          [...document.querySelectorAll('[data-testid="message"]')].some((el) =>
            el.textContent?.includes(marker),
          )
        const observer = new MutationObserver(() => {
          if (!shown()) return
          observer.disconnect()
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolve(performance.now() - start)),
          )
        })
        observer.observe(document, { childList: true, subtree: true, characterData: true })
        setTimeout(() => reject(new Error(`room ${marker} not shown after 15 s`)), 15_000)
        new Function(trigger)()
      }),
    [trigger, marker] as const,
  )
}

// Pushes a vue-router-shaped history entry and tells the router, as a click on a RouterLink would.
const pushRoute = (path: string) => `
  const s = history.state || {}
  history.pushState({ ...s, back: s.current, current: '${path}', forward: null,
    position: (s.position || 0) + 1, replaced: false, scroll: null }, '', '${path}')
  dispatchEvent(new PopStateEvent('popstate', { state: history.state }))
`

export async function browser(p: BrowserParams): Promise<ScenarioResult> {
  const chromiumChoice = await resolveChromium()
  const params = {
    ...p,
    chromium: `${chromiumChoice.source}: ${chromiumChoice.executablePath}`,
    build: 'vite build, VITE_USE_EMULATORS=true',
  }
  const page = routeComponent(budgets.roomRoute)
  if (!page || !existsSync(join(root, page))) {
    return {
      scenario: 'browser',
      status: 'skipped',
      reason: `not available yet: route ${budgets.roomRoute} (${page ?? 'not in the router'})`,
      params,
      rows: [],
    }
  }
  const outDir = mkdtempSync(join(tmpdir(), 'marketchat-preview-'))
  const previous = process.env.VITE_USE_EMULATORS
  const restoreEnv = () => {
    if (previous === undefined) delete process.env.VITE_USE_EMULATORS
    else process.env.VITE_USE_EMULATORS = previous
  }
  process.env.VITE_USE_EMULATORS = 'true'
  let preview: ChildProcess | undefined
  const users: BenchUser[] = []
  const browserApp = await chromium.launch({
    executablePath: chromiumChoice.executablePath,
    args: chromiumChoice.args,
  })
  try {
    await buildApp(outDir)
    restoreEnv()
    preview = await startPreview(outDir, p.previewPort)
    const base = `http://127.0.0.1:${p.previewPort}`
    users.push(...(await benchUsers(1)))
    const me = users[0] as BenchUser
    const roomA = await seedRoom({
      owner: me,
      messages: p.historyMessages,
      messageText: (i) => `alpha ${i}`,
    })
    const roomB = await seedRoom({
      owner: me,
      messages: p.historyMessages,
      messageText: (i) => `bravo ${i}`,
    })
    const context = await browserApp.newContext({ locale: 'en-US', baseURL: base })
    await context.addInitScript(firstPaintProbe)
    const tab = await context.newPage()
    await tab.goto('/login')
    await tab.getByLabel('Email').fill(me.auth.currentUser?.email ?? '')
    await tab.getByLabel('Password', { exact: true }).fill('secret123')
    await tab.getByRole('button', { name: 'Log in' }).click()
    await tab.waitForURL((url) => !url.pathname.startsWith('/login'), { timeout: 15_000 })

    // First navigation with the HTTP cache off: every JS file whose fetch started before the
    // first message was in the page (bench/lib/firstMessageJs.ts).
    const scripts = await jsBeforeFirstMessage(tab, `/rooms/${roomA}`)
    await tab.waitForFunction('window.__firstMessagePaint !== null', null, { timeout: 20_000 })
    const cold = (await tab.evaluate('window.__firstMessagePaint')) as number
    const jsKbGzip =
      Math.round(
        scripts.reduce((n, path) => n + gzipSync(readFileSync(join(outDir, path))).length, 0) / 100,
      ) / 10
    const navigate = async () => {
      await tab.goto(`/rooms/${roomA}`)
      await tab.waitForFunction('window.__firstMessagePaint !== null', null, { timeout: 20_000 })
      return (await tab.evaluate('window.__firstMessagePaint')) as number
    }

    const loads: number[] = []
    for (let i = 0; i < p.runs; i++) loads.push(await navigate())

    const switches: number[] = []
    await switchTime(tab, pushRoute(`/rooms/${roomB}`), 'bravo')
    for (let i = 0; i < p.switches; i++) {
      const toA = i % 2 === 0
      switches.push(
        await switchTime(
          tab,
          toA ? 'history.back()' : 'history.forward()',
          toA ? 'alpha' : 'bravo',
        ),
      )
    }
    await context.close()
    return {
      scenario: 'browser',
      status: 'ok',
      params,
      method:
        'Chromium via playwright-core, one signed-in context. Load = page.goto(/rooms/:id) to two animation frames after the first [data-testid=message] exists, from navigation start (performance.now()); the first load with the HTTP cache off (its JS: every .js whose fetch started before the first message was in the DOM, by resource timing), then warm. Switch = SPA navigation between two rooms (history back/forward handled by vue-router) to the first message of the other room painted.',
      rows: [
        {
          name: 'navigation to first message painted',
          unit: 'ms',
          summary: summarize(loads),
          counts: { firstLoadColdCacheMs: Math.round(cold) },
          target: 'p50 ≤ 800',
        },
        {
          name: 'room-to-room switch',
          unit: 'ms',
          summary: summarize(switches),
          target: 'p50 ≤ 150',
        },
        {
          name: 'JS fetched before the first message (browser)',
          unit: 'KB gzip',
          value: jsKbGzip,
          counts: { files: scripts.length },
          target: `≤ ${budgets.firstMessageKbGzip}`,
        },
      ],
    }
  } finally {
    restoreEnv()
    await browserApp.close()
    preview?.kill('SIGTERM')
    await closeAll(users)
    rmSync(outDir, { recursive: true, force: true })
  }
}
