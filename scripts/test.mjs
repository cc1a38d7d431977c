// `npm test [-- suite ...]`: runs every suite (or the ones named) even when one fails, writes
// each suite's output to .cache/test/<suite>.log and the emulators' to .cache/test/emulators.log,
// prints the tail of the log of each suite that failed, then one table, the tests that failed or
// passed only when retried (vitest.config.ts, playwright.config.ts), and the total time; exits
// non-zero if anything failed. The emulator suites (rules, functions, e2e) run inside one
// `firebase emulators:exec` (this script again, with --emulated). New test files are picked up by
// the globs in vitest.config.ts and playwright.config.ts.
import { spawn } from 'node:child_process'
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { root } from './lib/emulator-env.mjs'

const outDir = join(root, '.cache', 'test')
const resultsDir = join(outDir, 'results')
const bin = (/** @type {string} */ name) => join(root, 'node_modules', '.bin', name)
const vitestJson = (/** @type {string} */ file) => [
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${file}`,
]

/**
 * @typedef {{ passed: number, failed: number, skipped: number, failures: string[], flakes: string[] }} Counts
 * `flakes`: tests that failed, then passed when retried (counted as passed).
 * @typedef {Counts & { suite: string, seconds: number, log: string, note?: string }} Result
 * @typedef {{ name: string, emulated: boolean, alongside?: boolean, run: (log: string) => Promise<Counts> }} Suite
 */

/** @type {Suite[]} */
const suites = [
  { name: 'lint', emulated: false, run: (log) => check(log, 'npm', ['run', 'lint']) },
  { name: 'typecheck', emulated: false, run: (log) => check(log, 'npm', ['run', 'typecheck']) },
  { name: 'unit', emulated: false, run: (log) => vitest(log, ['--project', 'unit'], 'unit') },
  // The Functions emulator loads functions/lib: compiled before the emulator suites.
  {
    name: 'build',
    emulated: false,
    run: (log) => check(log, 'npm', ['run', 'build', '-w', 'functions']),
  },
  // The rules and functions suites use separate projects (tests/support/emulators.ts), so they
  // run side by side; e2e uses the functions suite's project and runs after both.
  { name: 'rules', emulated: true, alongside: true, run: rules },
  {
    name: 'functions',
    emulated: true,
    alongside: true,
    run: (log) => vitest(log, ['--project', 'functions'], 'functions'),
  },
  { name: 'e2e', emulated: true, run: e2e },
]

/**
 * Runs a command with its output appended to `log`; resolves to its exit code. Lines the inner
 * run marks as progress are shown instead of logged.
 * @param {string} log
 * @param {string} command
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @returns {Promise<number>}
 */
function exec(log, command, args, env = {}) {
  return new Promise((resolve) => {
    const out = createWriteStream(log, { flags: 'a' })
    out.write(`$ ${command} ${args.join(' ')}\n`)
    const child = spawn(command, args, {
      cwd: root,
      env: { ...withoutColor(process.env), NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.startsWith(progressMark)) console.log(line.slice(progressMark.length))
      else out.write(`${line}\n`)
    })
    child.stderr.pipe(out, { end: false })
    child.on('close', (code) => out.end(() => resolve(code ?? 1)))
  })
}

/**
 * Logs are read in files: no colour codes.
 * @param {NodeJS.ProcessEnv} env
 */
function withoutColor(env) {
  const rest = { ...env }
  delete rest.FORCE_COLOR
  return rest
}

const progressMark = '@@marketchat-test@@ '
const inner = process.argv[2] === '--emulated'
/** A progress line for the person watching (from inside emulators:exec, through the outer run). */
const progress = (/** @type {string} */ line) =>
  console.log(inner ? `${progressMark}${line}` : line)

/**
 * A command that passes or fails as a whole.
 * @param {string} log
 * @param {string} command
 * @param {string[]} args
 * @returns {Promise<Counts>}
 */
async function check(log, command, args) {
  const ok = (await exec(log, command, args)) === 0
  return {
    passed: ok ? 1 : 0,
    failed: ok ? 0 : 1,
    skipped: 0,
    failures: ok ? [] : [args.join(' ')],
    flakes: [],
  }
}

/**
 * Counts from vitest's JSON report; a file that failed to load counts as one failure.
 * @param {string} file
 * @returns {Counts | undefined}
 */
function vitestCounts(file) {
  if (!existsSync(file)) return undefined
  const report = JSON.parse(readFileSync(file, 'utf8'))
  /** @type {string[]} */
  const failures = []
  /** @type {string[]} */
  const flakes = []
  for (const result of report.testResults) {
    /** @type {{ status: string, fullName: string, failureMessages: string[] }[]} */
    const tests = result.assertionResults
    const failedTests = tests.filter((t) => t.status === 'failed')
    for (const t of failedTests) failures.push(`${t.fullName}: ${firstLine(t.failureMessages[0])}`)
    // A retried test that passed keeps the errors of its failed tries.
    for (const t of tests.filter((t) => t.status === 'passed' && t.failureMessages.length))
      flakes.push(`${t.fullName}: ${firstLine(t.failureMessages[0])}`)
    if (result.status === 'failed' && failedTests.length === 0)
      failures.push(`${result.name}: ${firstLine(result.message)}`)
  }
  return {
    passed: report.numPassedTests,
    failed: Math.max(report.numFailedTests, failures.length),
    skipped: report.numPendingTests + report.numTodoTests,
    failures,
    flakes,
  }
}

/**
 * @param {string} log
 * @param {string[]} args
 * @param {string} name
 */
async function vitest(log, args, name) {
  const json = join(resultsDir, `${name}.vitest.json`)
  const code = await exec(log, bin('vitest'), ['run', ...args, ...vitestJson(json)])
  return withExitCode(vitestCounts(json), code)
}

/**
 * A failing exit code with no failed test (a crash, a hook) still fails the suite.
 * @param {Counts | undefined} counts
 * @param {number} code
 * @returns {Counts}
 */
function withExitCode(counts, code) {
  const c = counts ?? { passed: 0, failed: 0, skipped: 0, failures: [], flakes: [] }
  if (code !== 0 && c.failed === 0)
    return { ...c, failed: 1, failures: [...c.failures, `exited with code ${code}`] }
  return c
}

/**
 * The rules files one at a time (scripts/rules-coverage.mjs), then the coverage check.
 * @param {string} log
 */
async function rules(log) {
  const dir = join(resultsDir, 'rules')
  rmSync(dir, { recursive: true, force: true })
  const code = await exec(log, process.execPath, [join(root, 'scripts', 'rules-coverage.mjs')], {
    RULES_JSON_DIR: dir,
  })
  /** @type {Counts} */
  const total = { passed: 0, failed: 0, skipped: 0, failures: [], flakes: [] }
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    const c = vitestCounts(join(dir, file))
    if (!c) continue
    total.passed += c.passed
    total.failed += c.failed
    total.skipped += c.skipped
    total.failures.push(...c.failures)
    total.flakes.push(...c.flakes)
  }
  return withExitCode(total, code)
}

/** @param {string} log */
async function e2e(log) {
  const json = join(resultsDir, 'e2e.playwright.json')
  const code = await exec(log, bin('playwright'), ['test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: json,
  })
  if (!existsSync(json)) return withExitCode(undefined, code)
  const report = JSON.parse(readFileSync(json, 'utf8'))
  /** @type {string[]} */
  const failures = []
  /** @type {string[]} */
  const flakes = []
  /** @typedef {{ title: string, suites?: PwSuite[], specs?: { title: string, tests: { status: string, results: { error?: { message?: string } }[] }[] }[] }} PwSuite */
  /**
   * @param {PwSuite} suite
   * @param {string[]} path
   */
  const walk = (suite, path) => {
    for (const s of suite.suites ?? []) walk(s, [...path, s.title])
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        const name = [...path, spec.title].join(' › ')
        if (t.status === 'unexpected')
          failures.push(`${name}: ${firstLine(t.results.at(-1)?.error?.message)}`)
        if (t.status === 'flaky') flakes.push(`${name}: ${firstLine(t.results[0]?.error?.message)}`)
      }
    }
  }
  for (const s of report.suites ?? []) walk(s, [s.title])
  for (const e of report.errors ?? []) failures.push(firstLine(e.message))
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = report.stats ?? {}
  return withExitCode(
    {
      passed: expected + flaky,
      failed: Math.max(unexpected, failures.length),
      skipped,
      failures,
      flakes,
    },
    code,
  )
}

/** @param {unknown} text */
function firstLine(text) {
  const plain = String(text ?? '').replace(/\u001b\[[0-9;]*m/g, '')
  const lines = plain.split('\n').filter((l) => l.trim())
  // Vitest's JSON report gives a timeout as STACK_TRACE_ERROR and a stack, nothing else.
  if (lines[0]?.includes('STACK_TRACE_ERROR') && lines.slice(1).every((l) => /^\s*at /.test(l))) {
    const where = lines.map((l) => /(tests\/[^\s:)]+:\d+)/.exec(l)?.[1]).find(Boolean)
    return `timed out${where ? ` (${where})` : ''}`
  }
  return lines.find((l) => !l.includes('STACK_TRACE_ERROR')) ?? ''
}

/**
 * Runs the suites, each into its own log, and writes each result to results/<suite>.json.
 * @param {Suite[]} list
 */
async function runSuites(list) {
  for (const suite of list) {
    const file = suite.name
    const log = join(outDir, `${file}.log`)
    rmSync(log, { force: true })
    const start = Date.now()
    progress(`… ${suite.name}`)
    let counts
    try {
      counts = await suite.run(log)
    } catch (error) {
      counts = { passed: 0, failed: 1, skipped: 0, failures: [String(error)], flakes: [] }
    }
    const seconds = (Date.now() - start) / 1000
    /** @type {Result} */
    const result = { suite: suite.name, seconds, log, ...counts }
    writeFileSync(join(resultsDir, `${file}.json`), JSON.stringify(result))
    const verdict = counts.failed ? `✗ ${counts.failed} failed` : `✓ ${counts.passed} passed`
    progress(`${verdict}: ${suite.name} (${seconds.toFixed(0)} s)`)
  }
}

/**
 * @param {string} file
 * @param {number} lines
 */
function tail(file, lines) {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines)
}

const relative = (/** @type {string} */ file) => file.replace(root, '')

if (inner) {
  // Inside emulators:exec: run the emulator suites named in MARKETCHAT_SUITES.
  const names = (process.env.MARKETCHAT_SUITES ?? '').split(',')
  const chosen = suites.filter((s) => names.includes(s.name))
  await Promise.all(chosen.filter((s) => s.alongside).map((s) => runSuites([s])))
  await runSuites(chosen.filter((s) => !s.alongside))
  process.exit(0)
}

const started = Date.now()
const wanted = process.argv.slice(2)
const unknown = wanted.filter((n) => !suites.some((s) => s.name === n))
if (unknown.length) {
  console.error(
    `unknown suite ${unknown.join(', ')}; suites: ${suites.map((s) => s.name).join(', ')}`,
  )
  process.exit(2)
}
const selected = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites
mkdirSync(outDir, { recursive: true })
rmSync(resultsDir, { recursive: true, force: true })
mkdirSync(resultsDir, { recursive: true })
console.log(`Logs: ${relative(outDir)}/`)

// The build comes first (the Functions emulator loads its output); lint, types and unit tests
// then run while the emulators start and their suites run.
const build = selected.filter((s) => s.name === 'build')
await runSuites(build)
const checks = runSuites(selected.filter((s) => !s.emulated && !build.includes(s)))
const emulated = selected.filter((s) => s.emulated)
const emulatorLog = join(outDir, 'emulators.log')
let emulatorsFailed = false
if (emulated.length) {
  rmSync(emulatorLog, { force: true })
  console.log('emulators: starting (Auth, Firestore, Functions)')
  const code = await exec(
    emulatorLog,
    process.execPath,
    [join(root, 'scripts', 'emulators.mjs'), 'exec', `node scripts/test.mjs --emulated`],
    { MARKETCHAT_SUITES: emulated.map((s) => s.name).join(',') },
  )
  emulatorsFailed = code !== 0
}
await checks

/** @type {Result[]} */
const results = selected.map((s) => {
  const file = join(resultsDir, `${s.name}.json`)
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'))
  return {
    suite: s.name,
    passed: 0,
    failed: 1,
    skipped: 0,
    seconds: 0,
    log: emulatorLog,
    failures: ['did not run: the emulators did not start'],
    flakes: [],
  }
})

// The logs first and the failed tests last, so that the end of the output (all a CI page may
// keep) names what failed.
for (const r of results.filter((r) => r.failed)) {
  console.log(`\n━━ ${r.suite} failed ━━`)
  console.log(`── last 40 lines of ${relative(r.log)}`)
  for (const line of tail(r.log, 40)) console.log(line)
  if (emulated.some((s) => s.name === r.suite) && r.log !== emulatorLog) {
    console.log(`── last 40 lines of ${relative(emulatorLog)}`)
    for (const line of tail(emulatorLog, 40)) console.log(line)
  }
}

const pad = (/** @type {unknown} */ s, /** @type {number} */ n) => String(s).padEnd(n)
const lpad = (/** @type {unknown} */ s, /** @type {number} */ n) => String(s).padStart(n)
const width = Math.max(...results.map((r) => r.suite.length), 5)
console.log(
  `\n${pad('suite', width)}  ${lpad('passed', 6)}  ${lpad('failed', 6)}  ${lpad('skipped', 7)}  ${lpad('retried', 7)}  ${lpad('seconds', 7)}`,
)
for (const r of results) {
  console.log(
    `${pad(r.suite, width)}  ${lpad(r.passed, 6)}  ${lpad(r.failed, 6)}  ${lpad(r.skipped, 7)}  ${lpad(r.flakes.length, 7)}  ${lpad(r.seconds.toFixed(0), 7)}`,
  )
}
for (const r of results.filter((r) => r.flakes.length)) {
  console.log(`\n${r.suite}, passed when retried (flaky: worth a look):`)
  for (const f of r.flakes.slice(0, 15)) console.log(`  ↻ ${f}`)
}
for (const r of results.filter((r) => r.failed)) {
  console.log(`\n${r.suite}, failed:`)
  for (const f of r.failures.slice(0, 15)) console.log(`  ✗ ${f}`)
  if (r.failures.length > 15) console.log(`  … and ${r.failures.length - 15} more`)
}
const failed = results.some((r) => r.failed) || emulatorsFailed
const total = (Date.now() - started) / 1000
console.log(
  `\n${failed ? 'FAILED' : 'PASSED'} in ${Math.floor(total / 60)} min ${Math.round(total % 60)} s (logs: ${relative(outDir)}/)`,
)
process.exit(failed ? 1 : 0)
