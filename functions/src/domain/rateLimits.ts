// Rate limits as pure arithmetic, shared by the functions (sliding logs of action times) and the
// client and rules (the message send log, a ring of the last MESSAGES_PER_WINDOW send times).
import { MESSAGES_PER_WINDOW, MESSAGE_WINDOW_MS } from './limits'

/**
 * The action times of `log` still inside the window that ends at `now`, oldest first. Times
 * after `now` count too: a concurrent call that began later (or ran on a server whose clock is
 * ahead) may commit first, and leaving its action out let one more in (seen: 11 buyers let into
 * an item chat that takes 10 per window, when 40 calls came at once).
 */
export function withinWindow(
  log: readonly number[] | undefined,
  now: number,
  windowMs: number,
): number[] {
  return (log ?? []).filter((at) => at > now - windowMs).sort((a, b) => a - b)
}

/**
 * Milliseconds until one more action fits `max` per `windowMs` (0: it fits now). `log` holds
 * the times of earlier actions.
 */
export function waitForSlot(
  log: readonly number[] | undefined,
  now: number,
  max: number,
  windowMs: number,
): number {
  const inWindow = withinWindow(log, now, windowMs)
  if (inWindow.length < max) return 0
  const oldestThatMustExpire = inWindow[inWindow.length - max] ?? now
  return oldestThatMustExpire + windowMs - now
}

/** The log after one more action at `now`, keeping only what the window still needs. */
export function logAction(
  log: readonly number[] | undefined,
  now: number,
  max: number,
  windowMs: number,
): number[] {
  return [...withinWindow(log, now, windowMs), now].sort((a, b) => a - b).slice(-max)
}

/**
 * `rooms/{roomId}/sendLog/{uid}`: the times of a member's last MESSAGES_PER_WINDOW messages in a
 * ring (`at0`…`at4`), the next slot to write and the id of the message the latest write allowed.
 * firestore.rules allow a message only together with the write of its slot, and that write only
 * when the time in the slot (the send five messages ago) is MESSAGE_WINDOW_MS old.
 */
export interface SendLog<T = unknown> {
  slot: number
  messageId: string
  at0?: T
  at1?: T
  at2?: T
  at3?: T
  at4?: T
}

export type SendSlotField = 'at0' | 'at1' | 'at2' | 'at3' | 'at4'

/** The ring field of `slot`. */
export function sendSlotField(slot: number): SendSlotField {
  return `at${slot % MESSAGES_PER_WINDOW}` as SendSlotField
}

/**
 * Where the next message goes in the ring and how long the sender must wait first (0: now).
 * `millisOf` reads a stored time (the SDKs' timestamps differ).
 */
export function nextSend<T>(
  log: ({ slot: number } & Partial<Record<SendSlotField, T | null>>) | undefined,
  now: number,
  millisOf: (at: T) => number,
): { slot: number; field: SendSlotField; nextSlot: number; waitMs: number } {
  const slot = log ? log.slot % MESSAGES_PER_WINDOW : 0
  const field = sendSlotField(slot)
  const previous = log?.[field]
  const waitMs = previous == null ? 0 : Math.max(0, millisOf(previous) + MESSAGE_WINDOW_MS - now)
  return { slot, field, nextSlot: (slot + 1) % MESSAGES_PER_WINDOW, waitMs }
}
