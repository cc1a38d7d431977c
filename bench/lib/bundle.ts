// Builds the client with the project's vite.config.ts into a folder and measures, from Vite's
// manifest, the gzip size of the entry chunk and of every chunk needed to show the first message
// of a room: the entry's static imports, the room page's chunk and its static imports, and any
// non-page chunk those load lazily (such as a lazily imported Firestore), except the lazy modules
// budgets.json names as loaded only after the first message (on a click, or once the page has
// painted it). tests/e2e/chat.spec.ts checks in the browser that nothing else is fetched before
// the first message.
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { root } from './paths'

export interface Budgets {
  entryKbGzip: number
  firstMessageKbGzip: number
  roomRoute: string
  /** Lazily imported modules (manifest keys) the app loads only after the first message: why. */
  afterFirstMessage: Record<string, string>
  /** Lazy modules of which a page loads one before the first message (the largest is counted). */
  oneOf: string[][]
}

export const budgets = JSON.parse(
  readFileSync(join(root, 'bench', 'budgets.json'), 'utf8'),
) as Budgets

interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
}
type Manifest = Record<string, ManifestChunk>

export interface ChunkSize {
  file: string
  src?: string
  kbGzip: number
  kb: number
}

export interface BundleReport {
  entry: ChunkSize
  /** Chunks needed before the first message, entry included. */
  firstMessage: ChunkSize[]
  /** Lazy chunks left out of `firstMessage` because budgets.json says they load after it. */
  afterFirstMessage: ChunkSize[]
  /** Modules budgets.json names as loaded after the first message that are no lazy chunk. */
  notLazy: string[]
  /** Per `oneOf` group reached: the files a page may fetch instead of the one counted. */
  alternatives: string[][]
  firstMessageKbGzip: number
  /** Source of the room page, or null when the route does not exist yet. */
  roomPage: string | null
  allJsKbGzip: number
}

const kb = (bytes: number) => Math.round(bytes / 100) / 10

/** The component file the router loads for `path`, e.g. `src/pages/RoomPage.vue`. */
export function routeComponent(path: string): string | null {
  const router = readFileSync(join(root, 'src', 'router', 'index.ts'), 'utf8')
  const at = router.indexOf(`'${path}'`)
  if (at < 0) return null
  const match = /import\(\s*['"]@\/([^'"]+)['"]\s*\)/.exec(router.slice(at, at + 400))
  return match ? `src/${match[1]}` : null
}

/**
 * `vite build` of the app into `outDir` (emptied), in a process of its own with
 * NODE_ENV=production: the production build users get. (In-process, the Vue compiler a test
 * runner had already loaded for NODE_ENV=test kept development output, such as `v-if`
 * comment placeholders: 0.3 KB more before the first message.)
 */
export async function buildApp(outDir: string): Promise<void> {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  const args = ['build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn']
  const child = spawn(process.execPath, [vite, ...args], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  if (code !== 0) throw new Error(`vite build failed (exit ${code}): ${stderr}`)
}

/** Sizes of a build in `outDir` made by `buildApp`. */
export function measureBuild(outDir: string): BundleReport {
  const manifest = JSON.parse(
    readFileSync(join(outDir, '.vite', 'manifest.json'), 'utf8'),
  ) as Manifest
  const size = (key: string): ChunkSize => {
    const chunk = manifest[key] as ManifestChunk
    const bytes = readFileSync(join(outDir, chunk.file))
    return {
      file: chunk.file,
      src: chunk.src,
      kbGzip: kb(gzipSync(bytes).length),
      kb: kb(bytes.length),
    }
  }
  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry)
  if (!entryKey) throw new Error('vite build produced no entry chunk')
  const roomPage = routeComponent(budgets.roomRoute)
  const needed = new Set<string>()
  const later = new Set<string>()
  const groups = budgets.oneOf.map((keys) => ({ keys, reached: false }))
  const add = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || needed.has(key)) return
    needed.add(key)
    for (const dep of chunk.imports ?? []) add(dep)
    for (const dep of chunk.dynamicImports ?? []) {
      const group = groups.find((g) => g.keys.includes(dep))
      if (dep.startsWith('src/pages/')) continue
      else if (group) group.reached = true
      else if (dep in budgets.afterFirstMessage) later.add(dep)
      else add(dep)
    }
  }
  add(entryKey)
  if (roomPage) add(roomPage)
  const alternatives: string[][] = []
  for (const group of groups.filter((g) => g.reached)) {
    const present = group.keys.filter((k) => manifest[k])
    const largest = present.reduce((a, b) => (size(b).kbGzip > size(a).kbGzip ? b : a))
    add(largest)
    alternatives.push(present.map((k) => manifest[k]?.file ?? k))
  }
  const js = (keys: Iterable<string>) =>
    [...keys].filter((k) => manifest[k]?.file.endsWith('.js')).map(size)
  const firstMessage = js(needed)
  const allJs = Object.keys(manifest)
    .filter((k) => manifest[k]?.file.endsWith('.js'))
    .map(size)
  const total = (chunks: ChunkSize[]) => kb(chunks.reduce((n, c) => n + c.kbGzip * 1000, 0))
  return {
    entry: size(entryKey),
    firstMessage,
    afterFirstMessage: js([...later].filter((k) => !needed.has(k))),
    notLazy: [...Object.keys(budgets.afterFirstMessage), ...budgets.oneOf.flat()].filter(
      (k) => !manifest[k]?.isDynamicEntry,
    ),
    alternatives,
    firstMessageKbGzip: total(firstMessage),
    roomPage: roomPage && manifest[roomPage] ? roomPage : null,
    allJsKbGzip: total(allJs),
  }
}
