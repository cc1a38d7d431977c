// `node scripts/rules-coverage.mjs` (inside emulators:exec): runs the rules suite one file at a
// time and saves the Firestore emulator's rule-coverage report after each file — the emulator
// starts a new report whenever a test file loads the rules — then runs
// tests/rules/coverage.test.ts, which merges the reports and fails on any allow expression not
// evaluated both true and false.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { root, rulesProjectId } from './lib/emulator-env.mjs'

const host = process.env.FIRESTORE_EMULATOR_HOST
if (!host) {
  console.error('FIRESTORE_EMULATOR_HOST is not set: run this inside emulators:exec')
  process.exit(2)
}
const reports = join(root, 'tests/reports/rule-coverage')
rmSync(reports, { recursive: true, force: true })
mkdirSync(reports, { recursive: true })

// scripts/test.mjs asks for a JSON report per file in RULES_JSON_DIR, to count the results.
const jsonDir = process.env.RULES_JSON_DIR
/**
 * @param {string[]} files
 * @param {Record<string, string>} env
 */
const vitest = (files, env = {}) => {
  const name = String(files[0])
    .replace(/^.*\//, '')
    .replace(/\.test\.ts$/, '')
  const reporters = jsonDir
    ? [
        '--reporter=default',
        '--reporter=json',
        `--outputFile.json=${join(jsonDir, `${name}.json`)}`,
      ]
    : []
  const vitestBin = join(root, 'node_modules', '.bin', 'vitest')
  return (
    spawnSync(vitestBin, ['run', '--project', 'rules', ...reporters, ...files], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    }).status === 0
  )
}

const files = readdirSync(join(root, 'tests/rules'))
  .filter((f) => f.endsWith('.test.ts') && f !== 'coverage.test.ts')
  .sort()
let ok = true
for (const file of files) {
  ok = vitest([`tests/rules/${file}`]) && ok
  const url = `http://${host}/emulator/v1/projects/${rulesProjectId}:ruleCoverage`
  const res = await fetch(url)
  writeFileSync(join(reports, file.replace(/\.test\.ts$/, '.json')), await res.text())
}
ok = vitest(['tests/rules/coverage.test.ts'], { RULE_COVERAGE_DIR: reports }) && ok
process.exit(ok ? 0 : 1)
