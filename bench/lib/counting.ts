// Counting document reads and writes as they happen (issue 6 asks for counted, not computed):
// - client reads: every document the bench's clients receive from the server, through the
//   wrappers below (how Firestore bills: a query's documents, at least 1 per query; a listener's
//   later added/changed documents; a count() aggregation 1 per 1000 index entries);
// - rules reads: `get()`/`exists()` evaluations in the Firestore emulator's rule-coverage report;
// - writes: every document created, changed or deleted, seen by Admin SDK listeners on every
//   collection of shared/DESIGN.md (client and function writes alike).
import type { QuerySnapshot as AdminSnapshot } from 'firebase-admin/firestore'
import {
  type DocumentReference,
  type DocumentSnapshot,
  type Query,
  type QueryDocumentSnapshot,
  type Unsubscribe,
  getCountFromServer,
  getDoc,
  onSnapshot,
  snapshotEqual,
} from 'firebase/firestore'
import { db } from '../../functions/src/admin'
import { firestoreHost, projectId } from '../../tests/support/emulators'
import { now, sleep } from './stats'

/** Client-side document reads received from the server. */
export class ReadCounter {
  reads = 0
  private readonly unsubscribes: Unsubscribe[] = []

  /** Live listeners opened so far (and not yet stopped). */
  get listeners(): number {
    return this.unsubscribes.length
  }

  async getDoc(ref: DocumentReference) {
    const snap = await getDoc(ref)
    this.reads += 1
    return snap
  }

  /** count() with a limit, as rules require on messages: 1 read per 1000 index entries. */
  async count(q: Query) {
    const snap = await getCountFromServer(q)
    const count = snap.data().count
    this.reads += Math.max(1, Math.ceil(count / 1000))
    return count
  }

  /** A live listener; resolves with the first server snapshot's documents. Stopped by `stop()`. */
  listen(q: Query): Promise<QueryDocumentSnapshot[]> {
    return new Promise((resolve, reject) => {
      let first = true
      this.unsubscribes.push(
        onSnapshot(
          q,
          { includeMetadataChanges: false },
          (snap) => {
            if (snap.metadata.fromCache || snap.metadata.hasPendingWrites) return
            if (first) {
              first = false
              this.reads += Math.max(1, snap.size)
              resolve(snap.docs)
              return
            }
            this.reads += snap.docChanges().filter((c) => c.type !== 'removed').length
          },
          reject,
        ),
      )
    })
  }

  /** A live document listener; resolves with the first server snapshot. */
  listenDoc(ref: DocumentReference): Promise<DocumentSnapshot> {
    return new Promise((resolve, reject) => {
      let last: DocumentSnapshot | null = null
      this.unsubscribes.push(
        onSnapshot(
          ref,
          // With metadata changes: a document already in the cache (an earlier listener's) comes
          // first from the cache, and the server's answer may then change only the metadata.
          { includeMetadataChanges: true },
          (snap) => {
            if (snap.metadata.fromCache || (last && snapshotEqual(snap, last))) return
            this.reads += 1
            if (!last) resolve(snap)
            last = snap
          },
          reject,
        ),
      )
    })
  }

  stop() {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe()
  }
}

/** `rooms/abc/messages/xyz` -> `rooms/{id}/messages/{id}`. */
export function pathPattern(path: string): string {
  return path
    .split('/')
    .map((part, i) => (i % 2 === 1 ? '{id}' : part))
    .join('/')
}

/** Every document write in the database, as seen by Admin SDK listeners. */
export class WriteObserver {
  private readonly events: { at: number; path: string }[] = []
  private readonly unsubscribes: (() => void)[] = []
  private lastEventAt = 0

  async start() {
    const queries = [
      db.collection('rooms'),
      db.collection('users'),
      db.collection('usernames'),
      db.collection('items'),
      db.collectionGroup('members'),
      db.collectionGroup('messages'),
      db.collectionGroup('private'),
      db.collectionGroup('state'),
    ]
    await Promise.all(
      queries.map(
        (q) =>
          new Promise<void>((ready, fail) => {
            let first = true
            this.unsubscribes.push(
              q.onSnapshot((snap: AdminSnapshot) => {
                if (first) {
                  first = false
                  ready()
                  return
                }
                const at = now()
                this.lastEventAt = at
                for (const change of snap.docChanges())
                  this.events.push({ at, path: change.doc.ref.path })
              }, fail),
            )
          }),
      ),
    )
  }

  /** Waits until no write has been seen for `quietMs` (triggers finish), at most `maxMs`. */
  async quiet(quietMs = 1500, maxMs = 30_000) {
    const until = now() + maxMs
    while (now() < until && now() - this.lastEventAt < quietMs) await sleep(100)
  }

  mark(): number {
    return this.events.length
  }

  /** Writes since the mark, grouped by path pattern. */
  since(mark: number): Record<string, number> {
    const byPattern: Record<string, number> = {}
    for (const { path } of this.events.slice(mark)) {
      const key = pathPattern(path)
      byPattern[key] = (byPattern[key] ?? 0) + 1
    }
    return byPattern
  }

  stop() {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe()
  }
}

interface CoverageNode {
  sourcePosition?: { currentOffset?: number; endOffset?: number }
  values?: { count?: number }[]
  children?: CoverageNode[]
}
interface CoverageReport {
  rules?: { files?: { content?: string }[] }
  report?: CoverageNode[]
}

/**
 * How many `get()` / `exists()` calls the rules have evaluated so far, from the emulator's
 * rule-coverage report. Firestore bills these as reads (one per distinct document per request).
 */
export async function rulesReads(): Promise<number> {
  const res = await fetch(
    `http://${firestoreHost()}/emulator/v1/projects/${projectId}:ruleCoverage`,
  )
  if (!res.ok) throw new Error(`ruleCoverage: ${res.status}`)
  const coverage = (await res.json()) as CoverageReport
  const source = coverage.rules?.files?.[0]?.content ?? ''
  let total = 0
  const visit = (node: CoverageNode) => {
    const { currentOffset, endOffset } = node.sourcePosition ?? {}
    if (currentOffset !== undefined && endOffset !== undefined) {
      const text = source.slice(currentOffset, endOffset)
      if (/^(get|exists)\(/.test(text)) {
        for (const v of node.values ?? []) total += v.count ?? 0
      }
    }
    for (const child of node.children ?? []) visit(child)
  }
  for (const node of coverage.report ?? []) visit(node)
  return total
}
