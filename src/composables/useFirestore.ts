// Firestore listeners as reactive state, the vuefire way: a `null` source means "do not
// subscribe yet"; a changed source resubscribes; the listener ends with the owning scope.
import {
  type DocumentReference,
  type Query,
  type Unsubscribe,
  onSnapshot,
} from 'firebase/firestore'
import {
  type MaybeRefOrGetter,
  type Ref,
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
} from 'vue'

export type WithId<T> = T & { id: string }

export interface Binding<T> {
  data: Ref<T>
  pending: Ref<boolean>
  error: Ref<unknown>
}

function bind<S, T>(
  source: MaybeRefOrGetter<S | null>,
  initial: T,
  subscribe: (source: S, next: (value: T) => void, fail: (error: unknown) => void) => Unsubscribe,
): Binding<T> {
  const data = shallowRef(initial) as Ref<T>
  const pending = ref(true)
  const error = shallowRef<unknown>(null)
  let stop: Unsubscribe | null = null

  watch(
    () => toValue(source),
    (current) => {
      stop?.()
      stop = null
      error.value = null
      if (current === null) {
        data.value = initial
        pending.value = true
        return
      }
      pending.value = true
      stop = subscribe(
        current,
        (value) => {
          data.value = value
          pending.value = false
        },
        (e) => {
          error.value = e
          pending.value = false
        },
      )
    },
    { immediate: true },
  )
  onScopeDispose(() => stop?.())
  return { data, pending, error }
}

/** Live documents of a query, each with its id. */
export function useCollection<T>(query: MaybeRefOrGetter<Query | null>): Binding<WithId<T>[]> {
  return bind(query, [] as WithId<T>[], (q, next, fail) =>
    onSnapshot(q, (snap) => next(snap.docs.map((d) => ({ ...(d.data() as T), id: d.id }))), fail),
  )
}

/** A live document with its id, or null while it does not exist. */
export function useDocument<T>(
  ref: MaybeRefOrGetter<DocumentReference | null>,
): Binding<WithId<T> | null> {
  return bind(ref, null as WithId<T> | null, (r, next, fail) =>
    onSnapshot(
      r,
      (snap) => next(snap.exists() ? { ...(snap.data() as T), id: snap.id } : null),
      fail,
    ),
  )
}
