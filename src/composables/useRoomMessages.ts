// The messages of a room: the newest page, then every message written or changed since, live
// (src/lib/messageFeed.ts); older pages on demand; the sender's own messages and changes from the
// moment they are made (a new message pending until the server confirms it, failed with retry
// when the write is refused).
import {
  type Bytes,
  type DocumentSnapshot,
  type Unsubscribe,
  getDocFromServer,
  getDocs,
} from 'firebase/firestore'
import {
  type MaybeRefOrGetter,
  computed,
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  triggerRef,
  watch,
} from 'vue'
import { MESSAGE_PAGE_SIZE } from '@domain/limits'
import type { MessageKind, ReplyTo, SystemEvent } from '@domain/types'
import { type EncodedPhoto, readRoomPhoto, thumbBlob } from '@/lib/photos'
import { type HistoryBound, followMessages, olderMessagesQuery } from '@/lib/messageFeed'
import {
  SendTooSoonError,
  messageRef,
  messagesOf,
  sendMessage,
  sendPhotoMessage,
} from '@/lib/rooms'

/** The photo of a photo message: its thumbnail now, the full photo when `load` is called. */
export interface ChatPhoto {
  width: number
  height: number
  thumb: Blob
  load: () => Promise<Blob | null>
}

export interface ChatMessage {
  id: string
  kind: MessageKind
  text: string
  senderId: string
  senderName: string
  createdAt: Date
  deleted: boolean
  event?: SystemEvent
  actorName?: string
  /** `sold` by completeSale: the buyer and their name then (null or absent: sold outside). */
  buyerId?: string | null
  buyerName?: string | null
  pending: boolean
  failed: boolean
  replyTo?: ReplyTo
  /** Reaction key → uids. */
  reactions: Record<string, string[]>
  edited: boolean
  photo?: ChatPhoto
}

/** Photos being sent from this page, by message id: shown from memory, kept for a retry. */
const outgoing = new Map<string, EncodedPhoto>()

function chatPhoto(photo: EncodedPhoto): ChatPhoto {
  return {
    width: photo.width,
    height: photo.height,
    thumb: photo.thumb,
    load: async () => photo.blob,
  }
}

/** A stored photo message's photo: the thumbnail it carries, the full photo read on demand. */
function storedPhoto(
  snap: DocumentSnapshot,
  photo: { width: number; height: number; thumb: Bytes },
): ChatPhoto {
  const local = outgoing.get(snap.id)
  if (local) return chatPhoto(local)
  const roomId = snap.ref.parent.parent?.id ?? ''
  return {
    width: photo.width,
    height: photo.height,
    thumb: thumbBlob(photo.thumb),
    load: () => readRoomPhoto(roomId, snap.id),
  }
}

function toMessage(snap: DocumentSnapshot): ChatMessage {
  const data = snap.data({ serverTimestamps: 'estimate' }) ?? {}
  return {
    id: snap.id,
    kind: data.kind,
    text: data.text ?? '',
    senderId: data.senderId,
    senderName: data.senderName,
    createdAt: data.createdAt?.toDate?.() ?? new Date(),
    deleted: !!data.deletedAt,
    event: data.event,
    actorName: data.actorName,
    buyerId: data.buyerId,
    buyerName: data.buyerName,
    pending: snap.metadata.hasPendingWrites,
    failed: false,
    replyTo: data.replyTo,
    reactions: data.reactions ?? {},
    edited: !!data.editedAt,
    photo: data.photo ? storedPhoto(snap, data.photo) : undefined,
  }
}

/** Order of system events written in one transaction (same time): created before joined. */
const EVENT_RANK: Record<string, number> = { created: 0, joined: 1 }
const rank = (m: ChatMessage) => (m.kind === 'system' ? (EVENT_RANK[m.event ?? ''] ?? 2) : 2)

/**
 * Live messages of `roomId` (null: not a member, nothing is read), from `since` on (undefined:
 * the bound is not known yet, nothing is read).
 */
export function useRoomMessages(
  roomId: MaybeRefOrGetter<string | null>,
  since: MaybeRefOrGetter<HistoryBound | undefined> = null,
) {
  const byId = shallowRef(new Map<string, ChatMessage>())
  const loading = ref(true)
  const error = shallowRef<unknown>(null)
  const hasOlder = ref(false)
  const loadingOlder = ref(false)
  /** Set when a send was refused for being too fast: how long to wait, in ms. */
  const tooSoon = ref<{ retryAfterMs: number; at: number } | null>(null)
  let oldest: DocumentSnapshot | null = null
  let stop: Unsubscribe | null = null

  function put(message: ChatMessage) {
    byId.value.set(message.id, message)
  }

  const source = computed(() => {
    const id = toValue(roomId)
    const bound = toValue(since)
    return id === null || bound === undefined ? null : { id, bound }
  })

  watch(
    // The room too: a member whose history bound is not known yet is still loading.
    () => `${toValue(roomId)}|${source.value ? (source.value.bound?.toMillis() ?? '') : 'wait'}`,
    () => {
      const current = source.value
      const id = current?.id ?? null
      stop?.()
      stop = null
      byId.value = new Map()
      oldest = null
      hasOlder.value = false
      error.value = null
      loading.value = toValue(roomId) !== null
      if (id === null) return
      stop = followMessages(messagesOf(id), current?.bound ?? null, {
        page(docs) {
          docs.forEach((d) => put(toMessage(d)))
          oldest = docs[docs.length - 1] ?? null
          hasOlder.value = docs.length >= MESSAGE_PAGE_SIZE
          loading.value = false
          triggerRef(byId)
        },
        changed(docs) {
          // A change to a message older than those shown waits until its page is loaded.
          const from: number = oldest?.get('createdAt')?.toMillis() ?? 0
          for (const d of docs) {
            const message = toMessage(d)
            if (byId.value.has(d.id) || message.createdAt.getTime() >= from) put(message)
          }
          triggerRef(byId)
        },
        error(e) {
          error.value = e
          loading.value = false
        },
      })
    },
    { immediate: true },
  )
  onScopeDispose(() => stop?.())

  /** Loads the page before the oldest message shown. */
  async function loadOlder() {
    const current = source.value
    if (!current || !oldest || loadingOlder.value || !hasOlder.value) return
    loadingOlder.value = true
    try {
      const snap = await getDocs(olderMessagesQuery(messagesOf(current.id), oldest, current.bound))
      snap.docs.forEach((d) => put(toMessage(d)))
      oldest = snap.docs[snap.docs.length - 1] ?? oldest
      hasOlder.value = snap.size >= MESSAGE_PAGE_SIZE
      triggerRef(byId)
    } finally {
      loadingOlder.value = false
    }
  }

  function write(
    id: string,
    messageId: string | null,
    sender: { uid: string; username: string },
    text: string,
    replyTo?: ReplyTo,
    photo?: EncodedPhoto,
  ) {
    const ref = messageRef(id, messageId ?? undefined)
    if (photo) outgoing.set(ref.id, photo)
    // Shown at once: the live query sees the message only once the server has it.
    const shown = byId.value.get(ref.id) ?? {
      id: ref.id,
      kind: photo ? 'photo' : 'text',
      text,
      senderId: sender.uid,
      senderName: sender.username,
      createdAt: new Date(),
      deleted: false,
      reactions: {},
      edited: false,
      replyTo,
      photo: photo ? chatPhoto(photo) : undefined,
      pending: true,
      failed: false,
    }
    put({ ...shown, pending: true, failed: false })
    triggerRef(byId)
    const sent = photo
      ? sendPhotoMessage(ref, sender.uid, sender.username, photo, text)
      : sendMessage(ref, sender.uid, sender.username, text, replyTo)
    sent.then(
      async () => {
        outgoing.delete(ref.id)
        // The live query may have delivered it already; if not yet, read it once, as stored.
        if (!byId.value.get(ref.id)?.pending) return
        const snap = await getDocFromServer(ref).catch(() => null)
        if (snap?.exists() && byId.value.get(ref.id)?.pending) {
          put(toMessage(snap))
          triggerRef(byId)
        }
      },
      (e: unknown) => {
        if (e instanceof SendTooSoonError)
          tooSoon.value = { retryAfterMs: e.retryAfterMs, at: Date.now() }
        put({ ...(byId.value.get(ref.id) ?? shown), pending: false, failed: true })
        triggerRef(byId)
      },
    )
  }

  /** Sends a text message, maybe a reply; it shows at once as pending. */
  function send(sender: { uid: string; username: string }, text: string, replyTo?: ReplyTo) {
    const id = toValue(roomId)
    if (id) write(id, null, sender, text, replyTo)
  }

  /** Sends a photo with an optional caption; it shows at once as pending. */
  function sendPhoto(sender: { uid: string; username: string }, photo: EncodedPhoto, caption = '') {
    const id = toValue(roomId)
    if (id) write(id, null, sender, caption, undefined, photo)
  }

  /** Sends a failed message again under the same id. */
  function retry(sender: { uid: string; username: string }, messageId: string) {
    const id = toValue(roomId)
    const message = byId.value.get(messageId)
    if (!id || !message) return
    put({ ...message, failed: false, pending: true })
    triggerRef(byId)
    write(id, messageId, sender, message.text, message.replyTo, outgoing.get(messageId))
  }

  /**
   * Shows `patch` on a message at once while `write` changes it (an edit, deletion or reaction);
   * the stored message replaces it when the server has the change, the old one comes back when
   * the write is refused (and the error is rethrown).
   */
  async function change(
    messageId: string,
    patch: Partial<ChatMessage>,
    write: () => Promise<void>,
  ) {
    const before = byId.value.get(messageId)
    if (!before) return write()
    const patched = { ...before, ...patch }
    put(patched)
    triggerRef(byId)
    try {
      await write()
    } catch (e) {
      if (byId.value.get(messageId) === patched) {
        put(before)
        triggerRef(byId)
      }
      throw e
    }
  }

  /** Drops a failed message. */
  function discard(messageId: string) {
    outgoing.delete(messageId)
    byId.value.delete(messageId)
    triggerRef(byId)
  }

  const messages = computed(() =>
    [...byId.value.values()].sort(
      (a, b) =>
        a.createdAt.getTime() - b.createdAt.getTime() ||
        rank(a) - rank(b) ||
        (a.id < b.id ? -1 : 1),
    ),
  )

  return {
    messages,
    loading,
    error,
    hasOlder,
    loadingOlder,
    loadOlder,
    send,
    sendPhoto,
    retry,
    change,
    discard,
    tooSoon,
  }
}
