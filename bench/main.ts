// Runs the scenarios inside `firebase emulators:exec` (started by bench/run.mjs), prints a table
// and writes bench/results/latest.json and bench/results/summary.md.
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { root } from './lib/paths'
import type { Row, ScenarioResult } from './lib/result'
import { now } from './lib/stats'
import { browser } from './scenarios/browser'
import { bundle } from './scenarios/bundle'
import { callables } from './scenarios/callables'
import { cost } from './scenarios/cost'
import { type Listen, delivery } from './scenarios/delivery'
import { lighthouseScores } from './scenarios/lighthouse'
import { summary } from './scenarios/summary'

const SCENARIOS = [
  'delivery',
  'summary',
  'cost',
  'callables',
  'browser',
  'bundle',
  'lighthouse',
] as const
type Scenario = (typeof SCENARIOS)[number]

export interface BenchOptions {
  only: Scenario[]
  durationSeconds: number
  clientCounts: number[]
  messagesPerSecond: number
  historyMessages: number
  calls: number
  runs: number
  senders: number
  listen: Listen
  /** Delivery's receiver processes; undefined: the scenario's default for each client count. */
  procs: number | undefined
  /** followMessages' reopenAfter for `--listen feed`; undefined: its default. */
  reopenAfter: number | undefined
}

const LISTENS: Listen[] = ['window', 'newer', 'feed']

/** `--duration 10 --only delivery,cost --clients 2,50 --rate 5 --history 10000 --calls 200 --runs 20 --senders 50 --listen feed --procs 3 --reopen-after 10` */
export function parseArgs(args: string[]): BenchOptions {
  const value = (name: string) => {
    const i = args.indexOf(`--${name}`)
    return i >= 0 ? args[i + 1] : undefined
  }
  const number = (name: string, fallback: number) => {
    const raw = value(name)
    const n = raw === undefined ? fallback : Number(raw)
    if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} needs a positive number`)
    return n
  }
  const optional = (name: string) =>
    value(name) === undefined ? undefined : Math.round(number(name, 1))
  const listen = (value('listen') ?? 'feed') as Listen
  if (!LISTENS.includes(listen)) throw new Error(`--listen is one of ${LISTENS.join(', ')}`)
  const only = (value('only')?.split(',') ?? [...SCENARIOS]) as Scenario[]
  for (const name of only) {
    if (!SCENARIOS.includes(name))
      throw new Error(`unknown scenario ${name}: ${SCENARIOS.join(', ')}`)
  }
  return {
    only,
    durationSeconds: number('duration', 60),
    clientCounts: (value('clients') ?? '2,50').split(',').map(Number),
    messagesPerSecond: number('rate', 5),
    historyMessages: number('history', 10_000),
    calls: number('calls', 200),
    runs: number('runs', 20),
    senders: number('senders', 50),
    listen,
    procs: optional('procs'),
    reopenAfter: optional('reopen-after'),
  }
}

function machine() {
  const cpu = cpus()
  return {
    cpus: cpu.length,
    cpuModel: cpu[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1e9),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  }
}

function cell(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : String(value)
}

function countsText(counts: Row['counts']): string {
  return counts
    ? Object.entries(counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')
    : ''
}

/** Markdown table of every row of every scenario. */
export function table(results: ScenarioResult[]): string {
  const lines = [
    '| scenario | measure | unit | p50 | p95 | p99 | max | n / value | counts | target | note |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ]
  for (const r of results) {
    if (r.status !== 'ok') {
      lines.push(`| ${r.scenario} | **${r.status}**: ${r.reason ?? ''} | | | | | | | | | |`)
      continue
    }
    for (const row of r.rows) {
      const s = row.summary
      const n = row.value !== undefined ? cell(row.value) : cell(s?.count)
      lines.push(
        `| ${r.scenario} | ${row.name} | ${row.unit} | ${cell(s?.p50)} | ${cell(s?.p95)} | ${cell(s?.p99)} | ${cell(s?.max)} | ${n} | ${countsText(row.counts)} | ${row.target ?? ''} | ${row.note ?? ''} |`,
      )
    }
  }
  return lines.join('\n')
}

async function runScenario(name: Scenario, o: BenchOptions): Promise<ScenarioResult> {
  const started = now()
  let result: ScenarioResult
  try {
    if (name === 'delivery') {
      result = await delivery(o.clientCounts, {
        messagesPerSecond: o.messagesPerSecond,
        durationSeconds: o.durationSeconds,
        graceSeconds: 10,
        listen: o.listen,
        procs: o.procs,
        reopenAfter: o.reopenAfter,
      })
    } else if (name === 'summary') {
      result = await summary({ senders: o.senders, seconds: 10 })
    } else if (name === 'cost') {
      result = await cost({
        sendMemberCounts: [2, 50],
        openMemberCounts: [2, 100],
        historyMessages: o.historyMessages,
        myChatsRooms: 100,
      })
    } else if (name === 'callables') {
      result = await callables({ calls: o.calls, warmup: 5, concurrentJoins: 30 })
    } else if (name === 'browser') {
      result = await browser({
        runs: o.runs,
        switches: o.runs,
        previewPort: 4173,
        historyMessages: 60,
      })
    } else if (name === 'lighthouse') {
      result = await lighthouseScores({ previewPort: 4174 })
    } else {
      result = await bundle()
    }
  } catch (error) {
    console.error(error)
    result = {
      scenario: name,
      status: 'failed',
      reason: error instanceof Error ? error.message : String(error),
      params: {},
      rows: [],
    }
  }
  result.seconds = Math.round((now() - started) / 100) / 10
  const line = result.status === 'ok' ? `${result.seconds} s` : `${result.status}: ${result.reason}`
  console.log(`bench: ${name} — ${line}`)
  return result
}

/** Runs the chosen scenarios; returns the process exit code (1 if a scenario failed). */
export async function main(args: string[]): Promise<number> {
  const options = parseArgs(args)
  const results: ScenarioResult[] = []
  for (const name of options.only) results.push(await runScenario(name, options))
  const report = { date: new Date().toISOString(), machine: machine(), options, results }
  const dir = join(root, 'bench', 'results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`)
  const m = report.machine
  const summary = [
    `# marketchat bench — ${report.date}`,
    '',
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}. ` +
      `Everything (emulators, clients, relay, browser) on this one machine.`,
    '',
    `Options: ${JSON.stringify(options)}`,
    '',
    table(results),
    '',
    ...results.flatMap((r) => [
      `- **${r.scenario}** (${r.seconds ?? '?'} s) params \`${JSON.stringify(r.params)}\`` +
        (r.method ? ` — ${r.method}` : ''),
    ]),
    '',
  ].join('\n')
  writeFileSync(join(dir, 'summary.md'), summary)
  console.log(`\n${table(results)}\n`)
  console.log('bench: wrote bench/results/latest.json and bench/results/summary.md')
  return results.some((r) => r.status === 'failed') ? 1 : 0
}
