// Builds the client with the project's vite.config.ts into a folder and measures, from Vite's
// manifest, the gzip size of the entry chunk and of every chunk needed to show the first message
// of a room: the entry's static imports, the room page's chunk and its static imports, and any
// non-page chunk those load lazily (such as a lazily imported Firestore).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'
import { root } from './paths'

export interface Budgets {
  entryKbGzip: number
  firstMessageKbGzip: number
  roomRoute: string
}

export const budgets = JSON.parse(
  readFileSync(join(root, 'bench', 'budgets.json'), 'utf8'),
) as Budgets

interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
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

/** `vite build` of the app into `outDir` (emptied), silently. */
export async function buildApp(outDir: string): Promise<void> {
  // Vite's module runner (which loads the bench) sets NODE_ENV=development, and a build run with
  // it bundles Vue's development code: measure the production build users get.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      root,
      mode: 'production',
      configFile: join(root, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir, emptyOutDir: true, manifest: true },
    })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
  }
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
  const add = (key: string) => {
    const chunk = manifest[key]
    if (!chunk || needed.has(key)) return
    needed.add(key)
    for (const dep of chunk.imports ?? []) add(dep)
    for (const dep of chunk.dynamicImports ?? []) if (!dep.startsWith('src/pages/')) add(dep)
  }
  add(entryKey)
  if (roomPage) add(roomPage)
  const firstMessage = [...needed].filter((k) => manifest[k]?.file.endsWith('.js')).map(size)
  const allJs = Object.keys(manifest)
    .filter((k) => manifest[k]?.file.endsWith('.js'))
    .map(size)
  const total = (chunks: ChunkSize[]) => kb(chunks.reduce((n, c) => n + c.kbGzip * 1000, 0))
  return {
    entry: size(entryKey),
    firstMessage,
    firstMessageKbGzip: total(firstMessage),
    roomPage: roomPage && manifest[roomPage] ? roomPage : null,
    allJsKbGzip: total(allJs),
  }
}
