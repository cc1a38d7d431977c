// Whether the browser has a network connection, shared by everything that shows it. It starts
// online and follows the online/offline events: navigator.onLine alone says "offline" on
// machines whose only interface is loopback (the test namespaces here) while Firestore works.
import { readonly, ref } from 'vue'

const online = ref(true)
if (typeof window !== 'undefined') {
  window.addEventListener('online', () => (online.value = true))
  window.addEventListener('offline', () => (online.value = false))
}

/** The connection state, as the online/offline events last reported it. */
export function useOnline() {
  return readonly(online)
}
