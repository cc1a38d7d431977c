// Firestore for the modules that read and write it. Those modules are reached only from lazily
// loaded pages and components, so Firestore's code arrives with them, not in the entry chunk.
import { loadFirestore } from '@/firebase'

export const db = await loadFirestore()
