// The app's stores, as Pinia's setup stores were: one instance per store for the life of the
// page, made on first use inside a detached effect scope (so its watchers and listeners outlive
// the component that first asked for it), its refs unwrapped. Pinia's plugins, devtools and
// server-side state were unused and cost 2.9 KB gzip before a room's first message.
import { type UnwrapNestedRefs, effectScope, reactive } from 'vue'

/** `useX` of a store: `setup` runs once, on the first call. */
export function defineStore<T extends object>(
  _id: string,
  setup: () => T,
): () => UnwrapNestedRefs<T> {
  let store: UnwrapNestedRefs<T> | undefined
  return () => (store ??= effectScope(true).run(() => reactive(setup())) as UnwrapNestedRefs<T>)
}
