// Finds a Firestore emulator that can start on this machine (see shared/EMULATORS.md) and
// returns the environment `firebase emulators:*` needs. Order: explicit
// FIRESTORE_EMULATOR_BINARY_PATH, a jar firebase-tools already cached, the Google Cloud CLI jar
// wrapped in a launcher jar, else firebase-tools' own download (machines with internet).
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'

export const root = new URL('../..', import.meta.url).pathname
export const projectId = 'demo-marketchat'
const cloudSdkJar =
  '/usr/lib/google-cloud-sdk/platform/cloud-firestore-emulator/cloud-firestore-emulator.jar'
const mainClass = 'com.google.cloud.datastore.emulator.firestore.CloudFirestore'

/** Stops the process with one sentence saying what to install. */
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

function launcherForCloudSdkJar() {
  const dir = join(root, '.cache', 'firestore-launcher')
  const launcher = join(dir, 'launcher.jar')
  if (existsSync(launcher)) return launcher
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'MANIFEST.MF'),
    `Manifest-Version: 1.0\nMain-Class: ${mainClass}\nClass-Path: file:${cloudSdkJar}\n`,
  )
  try {
    execFileSync('jar', ['cfm', launcher, 'MANIFEST.MF'], { cwd: dir, stdio: 'ignore' })
  } catch {
    fail(
      'Could not build the Firestore emulator launcher: install a JDK (apt-get install openjdk-17-jdk-headless).',
    )
  }
  return launcher
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
