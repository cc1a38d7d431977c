// CPU time of the emulators this bench runs inside (Linux /proc): the processes under its
// `firebase emulators:exec` other than the bench's own, grouped as the Firestore emulator (Java)
// and the rest (firebase-tools with Auth and Functions, function workers). Processes that exit
// during a span are not counted; the emulators' own processes live for the whole run.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

interface Proc {
  pid: number
  ppid: number
  /** user + system CPU time, in clock ticks */
  ticks: number
  args: string
}

function read(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')
    return { pid, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), args }
  } catch {
    return undefined // exited meanwhile
  }
}

function processes(): Map<number, Proc> {
  const all = new Map<number, Proc>()
  for (const name of readdirSync('/proc')) {
    const proc = /^\d+$/.test(name) ? read(Number(name)) : undefined
    if (proc) all.set(proc.pid, proc)
  }
  return all
}

let ticksPerSecond: number | undefined

/** CPU ms of the emulators right now: `firestore` (Java) and `other`; undefined off Linux. */
export function emulatorCpuMs(): { firestore: number; other: number } | undefined {
  if (process.platform !== 'linux') return undefined
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK']).toString()) || 100
  const all = processes()
  // From the bench up to the emulators:exec process, noting the branch the bench hangs on.
  let branch = process.pid
  let exec = all.get(process.pid)
  while (exec && !exec.args.includes('emulators:exec')) {
    branch = exec.pid
    exec = all.get(exec.ppid)
  }
  if (!exec) return undefined
  const children = new Map<number, Proc[]>()
  for (const p of all.values()) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p])
  const totals = { firestore: 0, other: exec.ticks }
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      if (child.pid === branch) continue
      totals[child.args.startsWith('java') ? 'firestore' : 'other'] += child.ticks
      walk(child.pid)
    }
  }
  walk(exec.pid)
  const ms = 1000 / ticksPerSecond
  return { firestore: totals.firestore * ms, other: totals.other * ms }
}
