// Chat features shared by client, functions and rules tests (issue 13): reactions, replies,
// reports. firestore.rules repeats these lists; tests/rules/limits.test.ts proves they agree.
import { REPLY_SNIPPET_MAX_LENGTH } from './limits'

/** Reaction keys (field names under a message's `reactions`) and the emoji each shows. */
export const REACTIONS = {
  like: '👍',
  love: '❤️',
  laugh: '😂',
  wow: '😮',
  sad: '😢',
  pray: '🙏',
} as const
export type ReactionKey = keyof typeof REACTIONS
export const REACTION_KEYS = Object.keys(REACTIONS) as ReactionKey[]

/** Why a person or message is reported. */
export const REPORT_REASONS = ['spam', 'abuse', 'scam', 'other'] as const
export type ReportReason = (typeof REPORT_REASONS)[number]

/**
 * The id of a report: one per reporter and message (or, with no message, per reporter and
 * person in the room), so the reports one account can write are bounded by what it saw.
 * firestore.rules builds the same.
 */
export function reportId(
  reporterId: string,
  report: { roomId: string; messageId: string | null; targetUid: string },
): string {
  return `${reporterId}_${report.roomId}_${report.messageId ?? report.targetUid}`
}

/**
 * The quoted start of a message a reply stores: at most REPLY_SNIPPET_MAX_LENGTH UTF-16 units
 * (so within the rules' limit however they count), never splitting a character.
 */
export function replySnippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= REPLY_SNIPPET_MAX_LENGTH) return flat
  let out = ''
  for (const char of flat) {
    if (out.length + char.length > REPLY_SNIPPET_MAX_LENGTH - 1) break
    out += char
  }
  return out + '…'
}
