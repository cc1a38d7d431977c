// `npm run bench [-- --duration 10 --only delivery,cost]`: compiles the functions, starts the
// Auth, Firestore and Functions emulators in one `firebase emulators:exec` (scripts/emulators.mjs,
// the same resolution as `npm start`) and runs bench/main.ts inside it, loaded through Vite's
// module runner, which compiles the TypeScript. A scenario that needs more processes (delivery's
// receivers) starts this file again with MARKETCHAT_BENCH_ENTRY naming its module.
import { spawn, spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { root } from '../scripts/lib/emulator-env.mjs'

const args = process.argv.slice(2)

if (process.env.MARKETCHAT_BENCH_INSIDE === '1') {
  const { runnerImport } = await import('vite')
  const entry = process.env.MARKETCHAT_BENCH_ENTRY ?? 'bench/main.ts'
  const { module } = await runnerImport(join(root, entry), {
    configFile: false,
    logLevel: 'error',
    // The aliases of vite.config.ts, for client modules the bench uses (src/lib/messageFeed.ts).
    resolve: {
      alias: {
        '@': join(root, 'src'),
        '@domain': join(root, 'functions', 'src', 'domain'),
      },
    },
  })
  const benchArgs = JSON.parse(process.env.MARKETCHAT_BENCH_ARGS ?? '[]')
  process.exitCode = await module.main(benchArgs)
  // Firestore clients and gRPC channels may keep handles open; the run is over.
  process.exit()
} else {
  const built = spawnSync('npm', ['run', 'build', '-w', 'functions'], {
    cwd: root,
    stdio: 'inherit',
  })
  if (built.status !== 0) process.exit(built.status ?? 1)
  // scripts/emulators.mjs runs the command in `firebase emulators:exec` with emulatorEnv().
  const child = spawn(
    process.execPath,
    [join(root, 'scripts', 'emulators.mjs'), 'exec', 'node bench/run.mjs'],
    {
      cwd: root,
      env: {
        ...process.env,
        MARKETCHAT_BENCH_INSIDE: '1',
        MARKETCHAT_BENCH_ARGS: JSON.stringify(args),
      },
      stdio: ['inherit', 'pipe', 'inherit'],
    },
  )
  // The Functions emulator logs a debug line per callable request; 200-call scenarios drown in it.
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.includes('callable-request-verification')) console.log(line)
  })
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
  for (const sig of /** @type {const} */ (['SIGINT', 'SIGTERM']))
    process.on(sig, () => child.kill(sig))
}
