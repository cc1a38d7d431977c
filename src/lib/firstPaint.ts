// Parts of the app a page's own content does not need (the chat notice, the navigation badges,
// an item chat's seller actions) wait until the first page has painted its content, so their
// code and reads do not delay it: bench/budgets.json counts the JS fetched before a room's
// first message, and tests/e2e/chat.spec.ts checks that nothing else is.
import { readonly, ref } from 'vue'

const painted = ref(false)

/** True once the first page of the visit has painted its content. */
export const contentPainted = readonly(painted)

/** The page's content is in the DOM: flips `contentPainted` once the browser has painted it. */
export function markContentPainted(): void {
  if (painted.value) return
  requestAnimationFrame(() => setTimeout(() => (painted.value = true)))
}
