/** Firestore reserves document ids of the form `__…__`; writing one fails the whole transaction. */
export function isReservedDocumentId(id: string): boolean {
  return /^__.*__$/.test(id)
}
