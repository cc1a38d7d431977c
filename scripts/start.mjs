// `npm start`: the whole app on this machine. Builds the functions (then rebuilds them on
// change), starts the Auth, Firestore and Functions emulators, loads the demo data and serves the
// client with Vite. Every child runs in its own process group, so Ctrl-C (or SIGTERM) can stop
// each group whole — the emulators' Java process and function workers included.
import { execFileSync, spawn } from 'node:child_process'
import { createWriteStream, mkdirSync, openSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { join, relative } from 'node:path'
import { createInterface } from 'node:readline'
import { emulatorEnv, firebaseCli, projectId, root } from './lib/emulator-env.mjs'
import { describeAccounts } from './seed/accounts.mjs'

const host = '127.0.0.1'
const ports = { hub: 4400, auth: 9099, firestore: 8080, functions: 5001, vite: 5173 }
const appUrl = `http://${host}:${ports.vite}/`
const logDir = join(root, '.cache', 'start')
const logs = {
  emulators: join(logDir, 'emulators.log'),
  functions: join(logDir, 'functions-watch.log'),
  vite: join(logDir, 'vite.log'),
}
const startedAt = Date.now()
/**
 * @typedef {object} Entry
 * @property {import('node:child_process').ChildProcess} child
 * @property {string | undefined} log
 * @property {boolean} exited
 * @property {boolean} [expectExit]
 */
/** Running children: name -> { child, log, exited }. @type {Map<string, Entry>} */
const children = new Map()
let stopping = false

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms))
const shown = (/** @type {string} */ path) => relative(process.cwd(), path) || path

class StartError extends Error {
  /**
   * @param {string} message
   * @param {string} [log] the log whose tail explains it
   */
  constructor(message, log) {
    super(message)
    this.log = log
  }
}

/**
 * @typedef {{ env?: NodeJS.ProcessEnv, log?: string }} SpawnOptions
 */

/**
 * Spawns a child detached in its own process group; output goes to `log` or a pipe.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {SpawnOptions} options
 * @returns {Entry}
 */
function spawnGroup(name, command, args, { env = process.env, log } = {}) {
  const out = log ? openSync(log, 'w') : 'pipe'
  const child = spawn(command, args, {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  })
  /** @type {Entry} */
  const entry = { child, log, exited: false }
  children.set(name, entry)
  child.on('exit', (code, signal) => {
    entry.exited = true
    if (!stopping && entry.expectExit !== true) {
      console.error(`\nmarketchat: ${name} stopped unexpectedly (${signal ?? `exit ${code}`}).`)
      if (entry.log) printTail(entry.log)
      void stop(1)
    }
  })
  return entry
}

/**
 * Runs a command to its end in its own group; resolves its output, rejects with it on failure.
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {SpawnOptions} options
 * @returns {Promise<string>}
 */
function runToEnd(name, command, args, options = {}) {
  const entry = spawnGroup(name, command, args, options)
  entry.expectExit = true
  let output = ''
  entry.child.stdout?.on('data', (chunk) => (output += chunk))
  entry.child.stderr?.on('data', (chunk) => (output += chunk))
  return new Promise((resolve, reject) => {
    entry.child.on('close', (code) => {
      children.delete(name)
      if (code === 0) resolve(output)
      else reject(new StartError(`${name} failed:\n${output.trim()}`))
    })
  })
}

/**
 * @param {string} log
 * @param {number} lines
 */
function printTail(log, lines = 15) {
  try {
    const tail = readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines)
    console.error(`--- last lines of ${shown(log)} ---\n${tail.join('\n')}\n---`)
  } catch {
    // no log yet
  }
}

/**
 * @param {number} port
 * @returns {Promise<boolean>}
 */
function portFree(port) {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(false))
    server.listen(port, host, () => server.close(() => resolve(true)))
  })
}

async function checkPortsFree() {
  for (const [name, port] of Object.entries(ports)) {
    if (!(await portFree(port))) {
      throw new StartError(
        `port ${port} (${name}) is in use: another \`npm start\` or test run is going; stop it first.`,
      )
    }
  }
}

/**
 * Polls `ready()` until it is true; fails if `entry`'s process ends or time runs out.
 * @param {string} what
 * @param {Entry} entry
 * @param {number} timeoutMs
 * @param {() => Promise<boolean>} ready
 */
async function waitFor(what, entry, timeoutMs, ready) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (entry.exited) throw new StartError(`${what} did not start.`, entry.log)
    try {
      if (await ready()) return
    } catch {
      // not answering yet
    }
    await sleep(250)
  }
  throw new StartError(`${what} did not answer within ${timeoutMs / 1000} s.`, entry.log)
}

/** The emulators are up when the hub lists all three and the functions are loaded. */
async function emulatorsReady() {
  const listed = await (await fetch(`http://${host}:${ports.hub}/emulators`)).json()
  if (!['auth', 'firestore', 'functions'].every((name) => name in listed)) return false
  const { REGION } = await import(
    new URL('../functions/lib/domain/region.js', import.meta.url).href
  )
  // A CORS preflight: answered once the function is loaded, 404 before; runs no function code.
  const res = await fetch(
    `http://${host}:${ports.functions}/${projectId}/${REGION}/claimUsername`,
    {
      method: 'OPTIONS',
      headers: { Origin: appUrl.slice(0, -1), 'Access-Control-Request-Method': 'POST' },
    },
  )
  return res.status !== 404
}

/** `tsc --watch` on the functions; the terminal shows only compile errors and rebuilds. */
function watchFunctions() {
  const entry = spawnGroup('the functions watcher', 'npm', ['run', 'watch', '-w', 'functions'])
  entry.log = logs.functions
  const log = createWriteStream(logs.functions)
  let changed = false
  const { stdout, stderr } = entry.child
  if (!stdout || !stderr) throw new StartError('the functions watcher has no output pipes')
  const lines = createInterface({ input: stdout })
  stderr.pipe(log)
  lines.on('line', (line) => {
    log.write(`${line}\n`)
    if (/File change detected/.test(line)) changed = true
    if (/error TS\d+/.test(line)) console.log(`functions: ${line}`)
    const found = /Found (\d+) errors?/.exec(line)
    if (!found) return
    if (found[1] !== '0') console.log(`functions: ${found[1]} compile error(s), see above.`)
    else if (changed) console.log('functions: rebuilt; the emulator reloads them.')
  })
}

async function main() {
  const env = emulatorEnv() // exits with one sentence if Java or the Firestore emulator is missing
  mkdirSync(logDir, { recursive: true })
  await checkPortsFree()

  console.log('Building the functions…')
  await runToEnd('the functions build', 'npm', ['run', 'build', '-w', 'functions'])

  console.log(`Starting the emulators (Auth, Firestore, Functions; log: ${shown(logs.emulators)})…`)
  const emulators = spawnGroup(
    'the emulators',
    process.execPath,
    [firebaseCli, 'emulators:start', '--project', projectId, '--only', 'auth,firestore,functions'],
    { env, log: logs.emulators },
  )
  await waitFor('The emulators', emulators, 120_000, emulatorsReady)

  const seeded = await runToEnd('the seed', process.execPath, ['scripts/seed.mjs', '--quiet'], {
    env: {
      ...process.env,
      FIREBASE_AUTH_EMULATOR_HOST: `${host}:${ports.auth}`,
      FIRESTORE_EMULATOR_HOST: `${host}:${ports.firestore}`,
      FUNCTIONS_EMULATOR_HOST: `${host}:${ports.functions}`,
    },
  })
  console.log(seeded.trim())

  // Started after the seed: its first full compile makes the emulator reload the functions,
  // which must not happen while the seed is calling them.
  watchFunctions()

  const vite = spawnGroup(
    'Vite',
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), '--host', host],
    { env: { ...process.env, VITE_USE_EMULATORS: 'true' }, log: logs.vite },
  )
  await waitFor('Vite', vite, 60_000, async () => (await fetch(appUrl)).ok)

  const seconds = ((Date.now() - startedAt) / 1000).toFixed(1)
  console.log(
    [
      '',
      `marketchat is running at ${appUrl}  (ready in ${seconds} s)`,
      '',
      describeAccounts(),
      '',
      `Logs: ${shown(logDir)}/ (emulators.log, functions-watch.log, vite.log)`,
      'Ctrl-C stops everything.',
    ].join('\n'),
  )
}

/**
 * Whether `pid` runs (a zombie, dead but not yet reaped, does not count).
 * @param {number} pid
 */
function alive(pid) {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z'
  } catch {
    return true // no /proc (macOS): trust kill(0)
  }
}

/**
 * Every process in our children's groups and everything those started, including processes in
 * other groups (firebase-tools starts Java in a group of its own).
 */
function ourProcesses() {
  const groups = [...children.values()].flatMap(({ child }) => (child.pid ? [child.pid] : []))
  let table = ''
  try {
    table = execFileSync('ps', ['-A', '-o', 'pid=,ppid=,pgid='], { encoding: 'utf8' })
  } catch {
    return { groups, all: groups.filter(alive) }
  }
  const rows = table
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
  const all = new Set(
    rows.filter(([, , pgid]) => groups.includes(Number(pgid))).map(([pid]) => Number(pid)),
  )
  let grew
  do {
    grew = false
    for (const [pid = 0, ppid = 0] of rows) {
      if (all.has(ppid) && !all.has(pid)) {
        all.add(pid)
        grew = true
      }
    }
  } while (grew)
  return { groups, all: [...all].filter(alive) }
}

/**
 * @param {number} pid
 * @param {NodeJS.Signals} signal
 */
function kill(pid, signal) {
  try {
    process.kill(pid, signal)
  } catch {
    // already gone
  }
}

/**
 * Stops every child group politely, waits for all their processes, then forces after 15 s.
 * @param {number} code
 */
async function stop(code) {
  if (stopping) return
  stopping = true
  const { groups, all } = ourProcesses()
  for (const pgid of groups) kill(-pgid, 'SIGTERM')
  const deadline = Date.now() + 15_000
  while (all.some(alive) && Date.now() < deadline) await sleep(200)
  for (const pid of all.filter(alive)) kill(pid, 'SIGKILL')
  children.clear() // all gone: the exit handler has nothing left to kill
  if (code === 0) console.log('Stopped.')
  process.exit(code)
}

function killAllNow() {
  const { groups, all } = ourProcesses()
  for (const pgid of groups) kill(-pgid, 'SIGKILL')
  for (const pid of all) kill(pid, 'SIGKILL')
}

for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM', 'SIGHUP'])) {
  process.on(signal, () => {
    if (stopping) {
      killAllNow() // a second Ctrl-C: no more waiting
      process.exit(130)
    }
    console.log('\nStopping…')
    void stop(0)
  })
}
// Last resort if this script exits any other way: no child group may outlive it.
process.on('exit', killAllNow)

try {
  await main()
} catch (error) {
  if (!stopping) {
    console.error(
      `\nmarketchat: ${error instanceof StartError ? error.message : error instanceof Error ? error.stack : error}`,
    )
    if (error instanceof StartError && error.log) printTail(error.log)
    await stop(1)
  }
}
