// Rule coverage: every allow expression in firestore.rules was evaluated both to true and to false
// by the rules suite. `scripts/rules-coverage.mjs` runs the suite file by file, saves the
// emulator's report after each under tests/reports/rule-coverage/, then runs this test with
// RULE_COVERAGE_DIR set. A literal `if true` / `if false` has nothing to evaluate and is exempt.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

interface Position {
  line: number
  column: number
  currentOffset: number
  endOffset: number
}
interface ExpressionReport {
  sourcePosition: Position
  values?: { value: Record<string, unknown>; count: number }[]
  children?: ExpressionReport[]
}
interface CoverageReport {
  rules: { files: { content: string }[] }
  report: ExpressionReport[]
}

const dir = process.env.RULE_COVERAGE_DIR
const rulesSource = readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8')

/** Each `allow …: if <expression>;` with the line and column (1-based) where the expression starts. */
function allowExpressions(source: string) {
  return [...source.matchAll(/allow\s+([\w\s,]+?):\s*if\s+/g)].map((m) => {
    const start = (m.index ?? 0) + m[0].length
    const line = source.slice(0, start).split('\n').length
    const column = start - source.lastIndexOf('\n', start - 1)
    const expression = source.slice(start, source.indexOf(';', start)).replace(/\s+/g, ' ')
    return { operations: m[1]?.trim() ?? '', line, column, expression }
  })
}

/** Boolean outcomes seen per `line:column`, of the widest expression starting there. */
function outcomes(report: CoverageReport): Map<string, Set<boolean>> {
  const widest = new Map<string, ExpressionReport>()
  const walk = (node: ExpressionReport) => {
    const { line, column, currentOffset, endOffset } = node.sourcePosition
    const key = `${line}:${column}`
    const seen = widest.get(key)
    const width = endOffset - currentOffset
    if (!seen || width > seen.sourcePosition.endOffset - seen.sourcePosition.currentOffset) {
      widest.set(key, node)
    }
    node.children?.forEach(walk)
  }
  report.report.forEach(walk)
  const result = new Map<string, Set<boolean>>()
  for (const [key, node] of widest) {
    const bools = (node.values ?? [])
      .map((v) => v.value.boolValue)
      .filter((b): b is boolean => typeof b === 'boolean')
    result.set(key, new Set(bools))
  }
  return result
}

describe.skipIf(!dir)('rule coverage (run by scripts/rules-coverage.mjs)', () => {
  it('every allow expression in firestore.rules was evaluated both true and false', () => {
    const files = readdirSync(dir as string).filter(
      (f) => f.endsWith('.json') && f !== 'merged.json',
    )
    expect(files.length).toBeGreaterThan(0)
    const merged = new Map<string, Set<boolean>>()
    for (const file of files) {
      const report = JSON.parse(readFileSync(join(dir as string, file), 'utf8')) as CoverageReport
      expect(report.rules.files[0]?.content, `${file} was made with other rules`).toBe(rulesSource)
      for (const [key, seen] of outcomes(report)) {
        const all = merged.get(key) ?? new Set<boolean>()
        seen.forEach((b) => all.add(b))
        merged.set(key, all)
      }
    }
    const summary = allowExpressions(rulesSource).map((a) => {
      const seen = merged.get(`${a.line}:${a.column}`) ?? new Set<boolean>()
      const literal = a.expression === 'true' || a.expression === 'false'
      return { ...a, literal, true: seen.has(true), false: seen.has(false) }
    })
    writeFileSync(join(dir as string, 'merged.json'), JSON.stringify(summary, null, 2))
    const missing = summary
      .filter((a) => !a.literal && !(a.true && a.false))
      .map(
        (a) =>
          `line ${a.line} allow ${a.operations}: never ${a.true ? '' : 'true'}${a.true || a.false ? '' : ' nor '}${a.false ? '' : 'false'} — ${a.expression.slice(0, 80)}`,
      )
    expect(missing).toEqual([])
  })
})
