// Photos as image URLs for templates: object URLs made from Blobs (thumbnails, loaded photos),
// revoked when the Blob changes or the owner goes away.
import { type MaybeRefOrGetter, onScopeDispose, ref, shallowRef, toValue, watch } from 'vue'

/** An object URL for `blob` (null while there is none), revoked when replaced or disposed. */
export function useBlobUrl(blob: MaybeRefOrGetter<Blob | null | undefined>) {
  const url = ref<string | null>(null)
  watch(
    () => toValue(blob),
    (current) => {
      if (url.value) URL.revokeObjectURL(url.value)
      url.value = current ? URL.createObjectURL(current) : null
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    if (url.value) URL.revokeObjectURL(url.value)
  })
  return url
}

/**
 * A stored photo loaded on demand: `load` is null until the photo is wanted (nothing is read),
 * then the photo's URL, with pending and error states.
 */
export function useLoadedPhoto(load: MaybeRefOrGetter<(() => Promise<Blob | null>) | null>) {
  const blob = shallowRef<Blob | null>(null)
  const pending = ref(false)
  const error = shallowRef<unknown>(null)
  let run = 0
  watch(
    () => toValue(load),
    async (current) => {
      const mine = ++run
      blob.value = null
      error.value = null
      pending.value = !!current
      if (!current) return
      try {
        const result = await current()
        if (mine !== run) return
        blob.value = result
        if (!result) error.value = new Error('photo missing')
      } catch (e) {
        if (mine === run) error.value = e
      } finally {
        if (mine === run) pending.value = false
      }
    },
    { immediate: true },
  )
  return { url: useBlobUrl(blob), pending, error }
}

/** One object URL per key (photo id) for a changing list of Blobs; all revoked on dispose. */
export function useBlobUrls() {
  const urls = new Map<string, { blob: Blob; url: string }>()
  function urlFor(key: string, blob: Blob): string {
    const known = urls.get(key)
    if (known?.blob === blob) return known.url
    if (known) URL.revokeObjectURL(known.url)
    const url = URL.createObjectURL(blob)
    urls.set(key, { blob, url })
    return url
  }
  /** Revokes the URLs of keys not in `keep`. */
  function prune(keep: Iterable<string>) {
    const kept = new Set(keep)
    for (const [key, { url }] of urls) {
      if (!kept.has(key)) {
        URL.revokeObjectURL(url)
        urls.delete(key)
      }
    }
  }
  onScopeDispose(() => prune([]))
  return { urlFor, prune }
}
