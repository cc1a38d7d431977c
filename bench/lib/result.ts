// The shape every scenario reports, so the table, latest.json and summary.md read the same.
import type { Summary } from './stats'

/** One measured line: what was measured, its unit, samples summarised, and counts. */
export interface Row {
  name: string
  unit: 'ms' | 'reads' | 'writes' | 'KB gzip' | 'x'
  summary?: Summary
  /** A single value (counts, sizes) instead of a distribution. */
  value?: number | null
  counts?: Record<string, number>
  target?: string
  note?: string
}

export interface ScenarioResult {
  scenario: string
  status: 'ok' | 'skipped' | 'failed'
  /** Why the scenario was skipped or failed. */
  reason?: string
  params: Record<string, unknown>
  rows: Row[]
  /** How the numbers were obtained. */
  method?: string
  seconds?: number
}
