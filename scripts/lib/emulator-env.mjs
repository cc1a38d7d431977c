// Finds a Firestore emulator that can start on this machine (see shared/EMULATORS.md) and
// returns the environment `firebase emulators:*` needs. Order: explicit
// FIRESTORE_EMULATOR_BINARY_PATH, a jar firebase-tools already cached, the Google Cloud CLI jar
// wrapped in a launcher jar, else firebase-tools' own download (machines with internet).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'

export const root = new URL('../..', import.meta.url).pathname
export const projectId = 'demo-marketchat'
/** The rules suite's own project (tests/support/emulators.ts): it runs beside the functions suite. */
export const rulesProjectId = 'demo-marketchat-rules'
const cloudSdkJar =
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar'
const mainClass = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore'

/**
 * Stops the process with one sentence saying what to install.
 * @param {string} sentence
 * @returns {never}
 */
function fail(sentence) {
  console.error(`\nmarketchat: ${sentence}\n`)
  process.exit(1)
}

function hasJava() {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

function cachedJar() {
  const dir = join(homedir(), '.cache', 'firebase', 'emulators')
  if (!existsSync(dir)) return undefined
  const jar = readdirSync(dir)
    .filter((f) => /^cloud-firestore-emulator-v[\d.]+\.jar$/.test(f))
    .sort()
    .pop()
  return jar ? join(dir, jar) : undefined
}

/**
 * A jar holding only a manifest that names the Cloud CLI jar's main class and puts that jar on the
 * class path (its own manifest has no Main-Class, and firebase-tools runs `java -jar`). A jar is a
 * zip: written here so that a Java runtime is enough, no JDK `jar` tool needed.
 */
function launcherForCloudSdkJar() {
  const dir = join(root, '.cache', 'firestore-launcher')
  const launcher = join(dir, 'launcher.jar')
  if (existsSync(launcher)) return launcher
  mkdirSync(dir, { recursive: true })
  const manifest = `Manifest-Version: 1.0\r\nMain-Class: ${mainClass}\r\nClass-Path: file:${cloudSdkJar}\r\n\r\n`
  // Written beside and renamed into place: test runs starting at once never read half a file.
  const partial = `${launcher}.${process.pid}`
  writeFileSync(partial, zipOneFile('META-INF/MANIFEST.MF', Buffer.from(manifest)))
  renameSync(partial, launcher)
  return launcher
}

/**
 * A zip archive with one stored (uncompressed) file.
 * @param {string} name
 * @param {Buffer} data
 */
function zipOneFile(name, data) {
  const fileName = Buffer.from(name)
  const crc = crc32(data)
  const local = Buffer.alloc(30)
  local.writeUInt32LE(0x04034b50, 0) // local file header
  local.writeUInt16LE(10, 4) // version needed: 1.0
  local.writeUInt16LE(0x21, 12) // date: 1980-01-01
  local.writeUInt32LE(crc, 14)
  local.writeUInt32LE(data.length, 18)
  local.writeUInt32LE(data.length, 22)
  local.writeUInt16LE(fileName.length, 26)
  const central = Buffer.alloc(46)
  central.writeUInt32LE(0x02014b50, 0) // central directory header
  central.writeUInt16LE(20, 4)
  central.writeUInt16LE(10, 6)
  central.writeUInt16LE(0x21, 14)
  central.writeUInt32LE(crc, 16)
  central.writeUInt32LE(data.length, 20)
  central.writeUInt32LE(data.length, 24)
  central.writeUInt16LE(fileName.length, 28)
  const centralOffset = local.length + fileName.length + data.length
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0) // end of central directory
  end.writeUInt16LE(1, 8)
  end.writeUInt16LE(1, 10)
  end.writeUInt32LE(central.length + fileName.length, 12)
  end.writeUInt32LE(centralOffset, 16)
  return Buffer.concat([local, fileName, data, central, fileName, end])
}

/** Environment for `firebase emulators:start|exec`, or exits with what to install. */
export function emulatorEnv() {
  if (!hasJava()) {
    fail(
      'Java is required by the Firestore emulator: install it (apt-get install openjdk-17-jre-headless).',
    )
  }
  const env = {
    ...process.env,
    FUNCTIONS_DISCOVERY_TIMEOUT: process.env.FUNCTIONS_DISCOVERY_TIMEOUT ?? '60',
  }
  const explicit = process.env.FIRESTORE_EMULATOR_BINARY_PATH
  if (explicit) {
    if (!existsSync(explicit))
      fail(`FIRESTORE_EMULATOR_BINARY_PATH points to ${explicit}, which does not exist.`)
    return env
  }
  const cached = cachedJar()
  if (cached) return env
  if (existsSync(cloudSdkJar))
    return { ...env, FIRESTORE_EMULATOR_BINARY_PATH: launcherForCloudSdkJar() }
  if (process.env.MARKETCHAT_OFFLINE === '1') {
    fail(
      'No Firestore emulator found: install the Google Cloud CLI component (apt-get install google-cloud-cli-firestore-emulator).',
    )
  }
  return env
}

/** firebase-tools' CLI, run with this Node (no reliance on the .bin shim's mode). */
export const firebaseCli = join(root, 'node_modules', 'firebase-tools', 'lib', 'bin', 'firebase.js')
