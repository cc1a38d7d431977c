// Where the emulators are, read from the variables `firebase emulators:exec` sets, and ways to
// reset them between tests.
export const projectId = 'demo-marketchat'
/**
 * The rules suite's own project (scripts/lib/emulator-env.mjs says the same): its data, rules and
 * coverage report are apart from the functions suite's, so the two suites run at the same time.
 */
export const rulesProjectId = 'demo-marketchat-rules'

function required(name: string): string {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run this suite inside 'npm run test:emulators'`)
  return value
}

export const firestoreHost = () => required('FIRESTORE_EMULATOR_HOST')
export const authHost = () => required('FIREBASE_AUTH_EMULATOR_HOST')

let functionsOrigin: Promise<string> | undefined
/** Origin of the Functions emulator, asked of the emulator hub. */
export function functionsHost(): Promise<string> {
  functionsOrigin ??= (async () => {
    const hub = required('FIREBASE_EMULATOR_HUB')
    const res = await fetch(`http://${hub}/emulators`)
    const emulators = (await res.json()) as Record<string, { host: string; port: number }>
    const functions = emulators.functions
    if (!functions) throw new Error('The Functions emulator is not running')
    return `${functions.host}:${functions.port}`
  })()
  return functionsOrigin
}

export function splitHost(host: string): { host: string; port: number } {
  const i = host.lastIndexOf(':')
  return { host: host.slice(0, i), port: Number(host.slice(i + 1)) }
}

/**
 * Deletes every Firestore document. Under load the emulator now and then refuses the reset
 * (409 and 500 seen, cause not found); it is tried again, up to 5 times.
 */
export async function clearFirestore(): Promise<void> {
  const url = `http://${firestoreHost()}/emulator/v1/projects/${projectId}/databases/(default)/documents`
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(url, { method: 'DELETE' })
    if (res.ok) return
    if (attempt === 5) throw new Error(`clearFirestore: ${res.status}`)
    await new Promise((resolve) => setTimeout(resolve, 500 * attempt))
  }
}

/** Deletes every Auth user. */
export async function clearAuth(): Promise<void> {
  const res = await fetch(`http://${authHost()}/emulator/v1/projects/${projectId}/accounts`, {
    method: 'DELETE',
  })
  if (!res.ok) throw new Error(`clearAuth: ${res.status}`)
}
