// Firestore for the modules that read and write it. Those modules are reached only from lazily
// loaded pages and components, so Firestore's code arrives with them, not in the entry chunk.
import { doc } from 'firebase/firestore'
import { loadFirestore } from '@/firebase'

export const db = await loadFirestore()

/** `items/{itemId}`; here so an item chat's card reads it without the item verbs (./items.ts). */
export const itemDoc = (itemId: string) => doc(db, 'items', itemId)
