// How a room's messages are followed: the newest page is read once, then one live query over what
// changed since — new messages, edits, reactions and deletions, since every write of a message
// sets its `updatedAt` to the server's time (firestore.rules). A new message is one added
// document for every reader, not a shift of a live window of the newest page. The live query is
// reopened from its newest change once it holds `reopenAfter` new ones, so it stays small: the
// Firestore emulator re-sends a listener's whole result on every change (shared/EMULATORS.md),
// and a reopened query costs a read in production (and one per write in its overlap, below).
// No Vue and no app state here: the bench (bench/scenarios/delivery.ts) follows rooms with it too.
import {
  type CollectionReference,
  type DocumentSnapshot,
  type Query,
  type QueryConstraint,
  type QueryDocumentSnapshot,
  Timestamp,
  type Unsubscribe,
  limit,
  onSnapshot,
  orderBy,
  query,
  startAfter,
  where,
} from 'firebase/firestore'
import { MESSAGE_PAGE_SIZE, MESSAGE_QUERY_LIMIT_MAX } from '@domain/limits'

/**
 * Where a member's history starts: an item room's buyer reads from their `joinedAt` on (the rules
 * refuse queries without this bound); null reads the whole history.
 */
export type HistoryBound = Timestamp | null

/** New changes the live query holds before it is reopened from the newest of them. */
export const FEED_REOPEN_AFTER = 10

/**
 * How far before the newest write it has seen a live query is (re)opened; writes it delivered
 * already are skipped. The Firestore emulator can make a write visible after one stamped later
 * (the bench saw two messages 1 ms older than a third arrive after it, 2026-11-26), and a query
 * opened from the newest would miss them; production serves consistent snapshots.
 */
const REOPEN_OVERLAP_MS = 1_000

const from = (since: HistoryBound): QueryConstraint[] =>
  since ? [where('createdAt', '>=', since)] : []

/** The newest page of messages (newest first). */
export function latestMessagesQuery(messages: CollectionReference, since: HistoryBound): Query {
  return query(messages, ...from(since), orderBy('createdAt', 'desc'), limit(MESSAGE_PAGE_SIZE))
}

/** The page of messages older than `oldest` (newest first). */
export function olderMessagesQuery(
  messages: CollectionReference,
  oldest: DocumentSnapshot,
  since: HistoryBound,
): Query {
  return query(
    messages,
    ...from(since),
    orderBy('createdAt', 'desc'),
    startAfter(oldest),
    limit(MESSAGE_PAGE_SIZE),
  )
}

/** Messages written after `after` (server time), oldest change first. */
export function changedMessagesQuery(
  messages: CollectionReference,
  since: HistoryBound,
  after: Timestamp,
): Query {
  return query(
    messages,
    ...from(since),
    where('updatedAt', '>', after),
    orderBy('updatedAt'),
    limit(MESSAGE_QUERY_LIMIT_MAX),
  )
}

/** The server time of a message's last write (messages written before `updatedAt`: creation). */
function writtenAt(snap: DocumentSnapshot): Timestamp | null {
  const at = snap.get('updatedAt') ?? snap.get('createdAt')
  return at instanceof Timestamp ? at : null
}

/** A message's id and the time of its last write: one delivery. */
function writeKey(snap: DocumentSnapshot): string {
  const at = writtenAt(snap)
  return `${snap.id}@${at?.seconds}.${at?.nanoseconds}`
}

function newest(docs: DocumentSnapshot[], floor: Timestamp): Timestamp {
  let max = floor
  for (const snap of docs) {
    const at = writtenAt(snap)
    if (at && at.toMillis() > max.toMillis()) max = at
  }
  return max
}

export interface FeedHandlers {
  /** The newest page (newest first) as stored; before that, maybe as cached on this device. */
  page(docs: QueryDocumentSnapshot[]): void
  /** Messages added or changed since, as stored (oldest change first). */
  changed(docs: QueryDocumentSnapshot[]): void
  error(error: unknown): void
}

/** Follows the messages of `messages` from `since` on; returns the function that stops it. */
export function followMessages(
  messages: CollectionReference,
  since: HistoryBound,
  on: FeedHandlers,
  reopenAfter = FEED_REOPEN_AFTER,
): Unsubscribe {
  let stopped = false
  let stopLive: Unsubscribe | null = null

  // `updatedAt` is the commit time of a write, so what is written after the newest write a
  // result shows is in the query opened from it (from a little before: REOPEN_OVERLAP_MS).
  // `seen`: the writes the previous result delivered.
  function listen(after: Timestamp, seen: Set<string>) {
    stopLive = onSnapshot(
      changedMessagesQuery(messages, since, after),
      (snap) => {
        const changed = snap
          .docChanges()
          .filter((change) => change.type !== 'removed' && !seen.has(writeKey(change.doc)))
          .map((change) => change.doc)
        if (changed.length) on.changed(changed)
        if (snap.metadata.fromCache) return
        const fresh = snap.docs.filter((d) => !seen.has(writeKey(d))).length
        // A full result may hold only part of what changed: reopen from its newest, no overlap.
        const full = snap.size >= MESSAGE_QUERY_LIMIT_MAX
        if (fresh >= reopenAfter || full) {
          stopLive?.()
          reopen(snap.docs, after, full ? 0 : REOPEN_OVERLAP_MS)
        }
      },
      on.error,
    )
  }
  function reopen(docs: DocumentSnapshot[], floor: Timestamp, overlapMs: number) {
    const from = newest(docs, floor)
    const after = overlapMs ? Timestamp.fromMillis(from.toMillis() - overlapMs) : from
    listen(after, new Set(docs.map(writeKey)))
  }

  // The page is read through a listener, not getDocs: offline, getDocs answers from an empty
  // cache, and the live query would then start from the room's first message.
  const stopPage = onSnapshot(
    latestMessagesQuery(messages, since),
    (snap) => {
      if (snap.metadata.fromCache) {
        if (snap.size > 0) on.page(snap.docs)
        return
      }
      stopPage()
      if (stopped) return
      on.page(snap.docs)
      reopen(snap.docs, since ?? new Timestamp(0, 0), REOPEN_OVERLAP_MS)
    },
    on.error,
  )
  return () => {
    stopped = true
    stopPage()
    stopLive?.()
  }
}
