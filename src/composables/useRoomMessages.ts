// The messages of a room: the newest page live, older pages on demand, and the sender's own
// messages from the moment they are written (pending until the server confirms, failed with
// retry when the write is refused).
import {
  type DocumentSnapshot,
  type QueryDocumentSnapshot,
  type Unsubscribe,
  getDocs,
  onSnapshot,
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
import type { MessageKind, SystemEvent } from '@domain/types'
import { latestMessagesQuery, messageRef, olderMessagesQuery, sendMessage } from '@/lib/rooms'

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
  pending: boolean
  failed: boolean
}

function toMessage(snap: QueryDocumentSnapshot): ChatMessage {
  const data = snap.data({ serverTimestamps: 'estimate' })
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
    pending: snap.metadata.hasPendingWrites,
    failed: false,
  }
}

/** Live messages of `roomId` (null: not a member, nothing is read). */
export function useRoomMessages(roomId: MaybeRefOrGetter<string | null>) {
  const byId = shallowRef(new Map<string, ChatMessage>())
  const loading = ref(true)
  const error = shallowRef<unknown>(null)
  const hasOlder = ref(false)
  const loadingOlder = ref(false)
  let oldest: DocumentSnapshot | null = null
  let stop: Unsubscribe | null = null

  function put(message: ChatMessage) {
    byId.value.set(message.id, message)
  }

  watch(
    () => toValue(roomId),
    (id) => {
      stop?.()
      stop = null
      byId.value = new Map()
      oldest = null
      hasOlder.value = false
      error.value = null
      loading.value = id !== null
      if (id === null) return
      let first = true
      stop = onSnapshot(
        latestMessagesQuery(id),
        { includeMetadataChanges: true },
        (snap) => {
          for (const change of snap.docChanges({ includeMetadataChanges: true })) {
            // "removed" means the message fell out of the newest page; it stays shown.
            if (change.type !== 'removed') put(toMessage(change.doc))
          }
          if (first && !snap.metadata.fromCache) {
            first = false
            oldest = snap.docs[snap.docs.length - 1] ?? null
            hasOlder.value = snap.size >= MESSAGE_PAGE_SIZE
          }
          if (!snap.metadata.fromCache || snap.size > 0) loading.value = false
          triggerRef(byId)
        },
        (e) => {
          error.value = e
          loading.value = false
        },
      )
    },
    { immediate: true },
  )
  onScopeDispose(() => stop?.())

  /** Loads the page before the oldest message shown. */
  async function loadOlder() {
    const id = toValue(roomId)
    if (!id || !oldest || loadingOlder.value || !hasOlder.value) return
    loadingOlder.value = true
    try {
      const snap = await getDocs(olderMessagesQuery(id, oldest))
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
  ) {
    const ref = messageRef(id, messageId ?? undefined)
    sendMessage(ref, sender.uid, sender.username, text).catch(() => {
      const current = byId.value.get(ref.id)
      put({
        ...(current ?? {
          id: ref.id,
          kind: 'text',
          text,
          senderId: sender.uid,
          senderName: sender.username,
          createdAt: new Date(),
          deleted: false,
        }),
        pending: false,
        failed: true,
      })
      triggerRef(byId)
    })
  }

  /** Sends a text message; it shows at once as pending. */
  function send(sender: { uid: string; username: string }, text: string) {
    const id = toValue(roomId)
    if (id) write(id, null, sender, text)
  }

  /** Sends a failed message again under the same id. */
  function retry(sender: { uid: string; username: string }, messageId: string) {
    const id = toValue(roomId)
    const message = byId.value.get(messageId)
    if (!id || !message) return
    put({ ...message, failed: false, pending: true })
    triggerRef(byId)
    write(id, messageId, sender, message.text)
  }

  /** Drops a failed message. */
  function discard(messageId: string) {
    byId.value.delete(messageId)
    triggerRef(byId)
  }

  const messages = computed(() =>
    [...byId.value.values()].sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
    ),
  )

  return { messages, loading, error, hasOlder, loadingOlder, loadOlder, send, retry, discard }
}
