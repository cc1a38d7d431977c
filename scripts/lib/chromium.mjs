// The one place that decides which Chromium the browser tests, the bench and Lighthouse drive.
// Order: CHROMIUM_PATH; a Chromium Playwright installed (`npx playwright install chromium`); a
// system Chromium or Chrome; else the build shipped inside the npm package @sparticuz/chromium,
// unpacked once per version into the temp folder (several test runs may start at once: each
// unpacks into a folder of its own and renames it into place, so none sees a half-written one).
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { chromium } from '@playwright/test'
import { root } from './emulator-env.mjs'

/** Flags for every Chromium we launch: headless in a container, no calls home. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
]

const systemPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
]

/**
 * @typedef {object} ChromiumChoice
 * @property {string} executablePath
 * @property {string[]} args
 * @property {'CHROMIUM_PATH' | 'playwright' | 'system' | 'packaged'} source
 */

/** @type {Promise<ChromiumChoice> | undefined} */
let choice

/** The Chromium to launch, with its flags; unpacks the packaged one on first use. */
export function resolveChromium() {
  choice ??= decide()
  return choice
}

/** @returns {Promise<ChromiumChoice>} */
async function decide() {
  const explicit = process.env.CHROMIUM_PATH
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`CHROMIUM_PATH=${explicit} does not exist`)
    return { executablePath: explicit, args: chromiumArgs, source: 'CHROMIUM_PATH' }
  }
  const managed = chromium.executablePath()
  if (existsSync(managed))
    return { executablePath: managed, args: chromiumArgs, source: 'playwright' }
  const system = systemPaths.find((path) => existsSync(path))
  if (system) return { executablePath: system, args: chromiumArgs, source: 'system' }
  return { executablePath: await unpackPackaged(), args: chromiumArgs, source: 'packaged' }
}

/** Unpacks @sparticuz/chromium into <tmp>/marketchat-chromium-<version>-<uid>/ once. */
async function unpackPackaged() {
  const pkg = join(root, 'node_modules', '@sparticuz', 'chromium', 'package.json')
  const { version } = JSON.parse(readFileSync(pkg, 'utf8'))
  const target = join(tmpdir(), `marketchat-chromium-${version}-${userInfo().uid}`)
  const executable = join(target, 'chromium')
  if (existsSync(executable)) return executable
  // The package unpacks into os.tmpdir(); give it a private one.
  const staging = mkdtempSync(`${target}.partial-`)
  try {
    await promisify(execFile)(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const { default: c } = await import('@sparticuz/chromium'); await c.executablePath()",
      ],
      { cwd: root, env: { ...process.env, TMPDIR: staging } },
    )
    renameSync(staging, target)
  } catch (error) {
    rmSync(staging, { recursive: true, force: true })
    // Another process finished first: use its copy.
    if (!existsSync(executable)) throw error
  }
  return executable
}
