// Reports of people and messages (reports/{id}): written once, read back only by the reporter.
import { doc, getDoc, serverTimestamp, setDoc } from 'firebase/firestore'
import { type ReportReason, reportId } from '@domain/chat'
import { db } from '@/lib/db'

/**
 * Reports a person (and maybe one of their messages) met in `roomId`, once: 'already' when this
 * account had reported it before (the rules refuse a second report of the same thing).
 */
export async function report(
  reporterId: string,
  input: {
    targetUid: string
    roomId: string
    messageId: string | null
    reason: ReportReason
    note: string
  },
): Promise<'sent' | 'already'> {
  const ref = doc(db, 'reports', reportId(reporterId, input))
  try {
    await setDoc(ref, { reporterId, ...input, createdAt: serverTimestamp() })
    return 'sent'
  } catch (error) {
    // The reporter may read their own report: it exists, so this was a second report.
    if ((await getDoc(ref).catch(() => null))?.exists()) return 'already'
    throw error
  }
}
