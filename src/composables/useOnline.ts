// Whether the browser has a network connection, shared by everything that shows it.
import { readonly, ref } from 'vue'

const online = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (online.value = true))
  window.addEventListener('offline', () => (online.value = false))
}

/** The connection state (navigator.onLine, kept current by the online/offline events). */
export function useOnline() {
  return readonly(online)
}
