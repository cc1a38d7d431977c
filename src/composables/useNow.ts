import { onScopeDispose, ref } from 'vue'

/** The current time in ms, refreshed every `intervalMs` while the owning scope lives. */
export function useNow(intervalMs: number) {
  const now = ref(Date.now())
  const timer = setInterval(() => (now.value = Date.now()), intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return now
}
