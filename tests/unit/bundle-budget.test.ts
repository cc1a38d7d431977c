import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type BundleReport, budgets, buildApp, measureBuild } from '../../bench/lib/bundle'

describe('bundle budgets (bench/budgets.json)', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'marketchat-budget-'))
  let report: BundleReport

  beforeAll(async () => {
    await buildApp(outDir)
    report = measureBuild(outDir)
  }, 120_000)
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  it('the entry chunk fits its gzip budget', () => {
    expect(report.entry.kbGzip).toBeLessThanOrEqual(budgets.entryKbGzip)
  })

  it('what budgets.json counts as loaded after the first message is lazily loaded', () => {
    expect(report.notLazy).toEqual([])
  })

  it('all JS needed to show the first message fits its gzip budget', () => {
    expect(report.firstMessageKbGzip).toBeLessThanOrEqual(budgets.firstMessageKbGzip)
  })
})
