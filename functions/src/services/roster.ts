// `rooms/{id}/state/roster`: every member's name, colour, role, read mark, typing and presence
// in one document, so the room page reads one document however many members the room has, and
// a member's read, typing or presence write reaches the others as at most one roster change per
// ROSTER_MIN_INTERVAL_MS. The member docs stay the source of truth (membership, rules and the
// callables' transactions depend on them); onMemberWritten rebuilds the roster from them.
//
// Who is listed when a room has more than ROSTER_MEMBERS_MAX members (item rooms have no
// capacity): the owner always, then the members seen most recently (`seenAt`: the join, and
// every read, typing or activity mark, which the rules stamp with the server time). A flood of
// accounts that join and stay "active" as often as the rules allow (joins: 20 a minute per
// account; typing and activity: once per 4 s; read marks: once a second) pushes a member out only
// when ROSTER_MEMBERS_MAX - 1 of those accounts were all seen after that member: 99 accounts
// are the price of hiding anyone, and against 1,000 accounts each seen every 4 s a member must
// have been seen within the last ~0.4 s to stay. What holds whatever the flood: the owner (the
// seller of an item) is listed, the viewer lists themself (the room page adds their own member
// doc), memberCount stays exact (the callables' transactions), and the page says how many it
// does not list. Members left out were all seen at or before `since`, so they have read nothing
// newer: the read counts stay exact for messages after it. The attack shows in the member list
// and ends with the accounts' activity (a rebuild at most ROSTER_MIN_INTERVAL_MS later).
import {
  FieldValue,
  Timestamp,
  type DocumentSnapshot,
  type QuerySnapshot,
  type Transaction,
} from 'firebase-admin/firestore'
import { ROSTER_MEMBERS_MAX, ROSTER_MIN_INTERVAL_MS } from '../domain/limits'
import type { MemberDoc, RoomDoc, RosterDoc, RosterEntry } from '../domain/types'
import { CLOCK_MARGIN_MS, lostRace, sleep, takeLease } from './leases'
import { memberRef, membersOf, roomRef, rosterLeaseRef, rosterRef } from './paths'

/**
 * What the roster shows of a member. Fields a member doc lacks (written by a script or a test
 * with the Admin SDK) become empty: Firestore stores no `undefined`.
 */
export function rosterEntry<T>(member: Partial<MemberDoc<T>>): RosterEntry<T> {
  return {
    username: member.username ?? '',
    color: member.color ?? '',
    role: member.role ?? 'member',
    joinedAt: member.joinedAt ?? null,
    lastReadAt: member.lastReadAt ?? null,
    typingAt: member.typingAt ?? null,
    activeAt: member.activeAt ?? null,
  }
}

/**
 * Creates the roster of a room created in `tx` with its first members, so it exists before
 * anyone opens the room. `asOf` is the commit time: the member docs' own events find it done.
 */
export function createRoster(
  tx: Transaction,
  roomId: string,
  members: Record<string, MemberDoc<FieldValue>>,
): void {
  const entries = Object.entries(members).map(([uid, member]) => [uid, rosterEntry(member)])
  tx.create(rosterRef(roomId), {
    members: Object.fromEntries(entries),
    asOf: FieldValue.serverTimestamp(),
    since: null,
  })
}

/**
 * A member doc write as its trigger sees it: `writtenAt` null when the doc was deleted; `seenAt`
 * the doc's after the write (null: deleted, or a doc from before the field).
 */
export interface MemberChange {
  uid: string
  writtenAt: Timestamp | null
  seenAt?: Timestamp | null
}

/**
 * Whether the roster already shows the change: built after it, or (a deletion) without them, or
 * the write of a member it leaves out who was seen no later than everyone it leaves out (a mark
 * written without `seenAt` by someone who has not been seen for a while changes nothing here,
 * and costs one read instead of a rebuild).
 */
export function covers(
  roster: Partial<RosterDoc<Timestamp>> | undefined,
  change: MemberChange,
): boolean {
  if (!roster?.asOf) return false
  const listed = change.uid in (roster.members ?? {})
  if (change.writtenAt === null) return !listed
  // Admin Timestamps compare through valueOf().
  if (!listed && roster.since && change.seenAt && change.seenAt.valueOf() <= roster.since.valueOf())
    return true
  return roster.asOf.valueOf() >= change.writtenAt.valueOf()
}

const sameTime = (a: Timestamp | null, b: Timestamp | null) =>
  a === null || b === null ? a === b : a.isEqual(b)

function sameMembers(
  a: Record<string, RosterEntry<Timestamp>> | undefined,
  b: Record<string, RosterEntry<Timestamp>>,
): boolean {
  if (!a || Object.keys(a).length !== Object.keys(b).length) return false
  return Object.entries(b).every(([uid, y]) => {
    const x = a[uid]
    return (
      !!x &&
      x.username === y.username &&
      x.color === y.color &&
      x.role === y.role &&
      sameTime(x.joinedAt ?? null, y.joinedAt) &&
      sameTime(x.lastReadAt ?? null, y.lastReadAt) &&
      sameTime(x.typingAt ?? null, y.typingAt) &&
      sameTime(x.activeAt ?? null, y.activeAt)
    )
  })
}

/** What a roster lists, read from the member docs (see the top of this file). */
interface Listed {
  docs: DocumentSnapshot[]
  readTime: Timestamp
  since: Timestamp | null
}

/** The members seen most recently, newest first. */
const recentMembers = (roomId: string) =>
  membersOf(roomId).orderBy('seenAt', 'desc').limit(ROSTER_MEMBERS_MAX).get()

/**
 * The owner and the members seen most recently (`recent`), at most ROSTER_MEMBERS_MAX. Member
 * docs written before `seenAt` existed are not in that order: while the room has more members
 * than it found, they fill the list by doc id (as the roster did before).
 */
async function listMembers(
  roomId: string,
  room: Partial<RoomDoc>,
  recent: QuerySnapshot,
): Promise<Listed> {
  const docs: DocumentSnapshot[] = [...recent.docs]
  const memberCount = room.memberCount ?? 0
  if (docs.length < ROSTER_MEMBERS_MAX && docs.length < memberCount) {
    const listed = new Set(docs.map((d) => d.id))
    const byId = await membersOf(roomId).limit(ROSTER_MEMBERS_MAX).get()
    for (const doc of byId.docs) {
      if (docs.length < ROSTER_MEMBERS_MAX && !listed.has(doc.id)) docs.push(doc)
    }
  }
  const ownerId = room.ownerId
  if (ownerId && !docs.some((d) => d.id === ownerId)) {
    const owner = await memberRef(roomId, ownerId).get()
    if (owner.exists) {
      if (docs.length >= ROSTER_MEMBERS_MAX) docs.pop()
      docs.unshift(owner)
    }
  }
  // Left out: seen no later than the least recently seen member listed by `seenAt`.
  let since: Timestamp | null = null
  if (docs.length < memberCount) {
    for (const doc of docs) {
      const seen = doc.get('seenAt') as Timestamp | undefined
      if (doc.id !== ownerId && seen && (!since || seen.valueOf() < since.valueOf())) since = seen
    }
  }
  return { docs, readTime: recent.readTime, since }
}

/** The roster (and its lease) of a room that is gone: nothing of it may stay behind. */
async function dropOrphan(roomId: string): Promise<void> {
  await Promise.all([rosterRef(roomId).delete(), rosterLeaseRef(roomId).delete()])
}

/** Rounds one call may take (each a lease of about an interval, or a lost write race). */
const ROUNDS_MAX = 10

/**
 * Brings the room's roster up to `change` (and every member write before it), writing it at
 * most once per `intervalMs`: within the interval after the roster's last write, one trigger
 * takes a lease (rooms/{id}/private/roster), waits out the interval and rebuilds the roster from
 * the member docs; the others find the lease held and end, since what the holder reads comes
 * after their writes. The roster is rebuilt from the member docs, never patched from an event,
 * so redelivered and out-of-order events change nothing; `asOf` (the read time of the member
 * docs) lets an event already shown end after one read. Preconditions instead of transactions
 * (the callables' transactions lock the member docs). A room that is gone leaves no roster:
 * checked before and after each write. Returns whether this call wrote the roster.
 */
export async function foldRoster(
  roomId: string,
  change: MemberChange,
  intervalMs = ROSTER_MIN_INTERVAL_MS,
): Promise<boolean> {
  const ref = rosterRef(roomId)
  for (let round = 0; round < ROUNDS_MAX; round++) {
    const roster = await ref.get()
    if (covers(roster.data() as Partial<RosterDoc<Timestamp>> | undefined, change)) return false
    const wait = roster.updateTime ? roster.updateTime.toMillis() + intervalMs - Date.now() : 0
    if (wait > 0) {
      if (!(await takeLease(rosterLeaseRef(roomId), wait))) return false
      await sleep(wait + CLOCK_MARGIN_MS)
      continue
    }
    const [room, recent] = await Promise.all([roomRef(roomId).get(), recentMembers(roomId)])
    if (!room.exists) {
      await dropOrphan(roomId)
      return false
    }
    const members = await listMembers(roomId, room.data() as Partial<RoomDoc>, recent)
    const entries: Record<string, RosterEntry<Timestamp>> = {}
    for (const doc of members.docs)
      entries[doc.id] = rosterEntry(doc.data() as MemberDoc<Timestamp>)
    const current = roster.data() as Partial<RosterDoc<Timestamp>> | undefined
    // Nothing to show (the change came and went, or was shown by a write built earlier).
    if (
      roster.exists &&
      sameMembers(current?.members, entries) &&
      sameTime(current?.since ?? null, members.since)
    )
      return false
    const next: RosterDoc<Timestamp> = {
      members: entries,
      asOf: members.readTime,
      since: members.since,
    }
    try {
      if (roster.exists && roster.updateTime) {
        await ref.update({ ...next }, { lastUpdateTime: roster.updateTime })
      } else {
        await ref.create(next)
      }
    } catch (error) {
      // Written meanwhile, or deleted with its room: read again.
      if (lostRace(error) || (error as { code?: unknown }).code === 5) continue
      throw error
    }
    if (!(await roomRef(roomId).get()).exists) {
      await dropOrphan(roomId)
      return false
    }
    return true
  }
  return false
}

/** The time a member doc write committed, from its trigger's snapshot (null: deleted). */
export function writtenAt(after: { exists: boolean; updateTime?: Timestamp }): Timestamp | null {
  return after.exists ? (after.updateTime ?? Timestamp.now()) : null
}
