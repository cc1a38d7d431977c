// `node scripts/emulators.mjs exec "<command>"`: runs the command inside one
// `firebase emulators:exec` (Auth + Firestore + Functions, project demo-marketchat).
import { spawn } from 'node:child_process'
import { emulatorEnv, firebaseCli, projectId, root } from './lib/emulator-env.mjs'

const [mode, command] = process.argv.slice(2)
if (mode !== 'exec' || !command) {
  console.error('usage: node scripts/emulators.mjs exec "<command>"')
  process.exit(2)
}
const child = spawn(
  process.execPath,
  [
    firebaseCli,
    'emulators:exec',
    '--project',
    projectId,
    '--only',
    'auth,firestore,functions',
    command,
  ],
  { cwd: root, env: emulatorEnv(), stdio: 'inherit' },
)
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM']))
  process.on(sig, () => child.kill(sig))
