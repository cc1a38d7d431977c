// Scenario 5: the production bundle's gzip sizes against bench/budgets.json.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { budgets, buildApp, measureBuild } from '../lib/bundle'
import type { ScenarioResult } from '../lib/result'

export async function bundle(): Promise<ScenarioResult> {
  const outDir = mkdtempSync(join(tmpdir(), 'marketchat-bundle-'))
  try {
    await buildApp(outDir)
    const report = measureBuild(outDir)
    return {
      scenario: 'bundle',
      status: 'ok',
      params: { budgets, roomPage: report.roomPage ?? 'route not built yet' },
      method:
        "vite build with the project's vite.config.ts; gzip (zlib default level) of each chunk; first-message JS = entry + static imports + the room page's chunks + non-page lazy chunks they load, from Vite's manifest.",
      rows: [
        {
          name: `entry chunk (${report.entry.file})`,
          unit: 'KB gzip',
          value: report.entry.kbGzip,
          counts: { kbMinified: report.entry.kb },
          target: `≤ ${budgets.entryKbGzip}`,
        },
        {
          name: 'all JS before the first message',
          unit: 'KB gzip',
          value: report.firstMessageKbGzip,
          counts: { chunks: report.firstMessage.length },
          target: `≤ ${budgets.firstMessageKbGzip}`,
          note: report.roomPage
            ? `room page: ${report.roomPage}`
            : `route ${budgets.roomRoute} not in the router yet: entry and its imports only`,
        },
        { name: 'all JS in the build', unit: 'KB gzip', value: report.allJsKbGzip },
      ],
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}
