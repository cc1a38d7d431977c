// Favourite notices (users/{uid}/notices/{itemId}, written by the onFavoriteItemUpdated
// function): the query the app listens to and the two writes the owner may make.
import { collection, deleteDoc, doc, limit, orderBy, query, updateDoc } from 'firebase/firestore'
import { NOTICE_PAGE_SIZE } from '@domain/notices'
import { db } from '@/lib/db'

/** My newest notices (the rules refuse a limit over NOTICES_QUERY_LIMIT_MAX). */
export const myNoticesQuery = (uid: string) =>
  query(collection(db, 'users', uid, 'notices'), orderBy('at', 'desc'), limit(NOTICE_PAGE_SIZE))

/** Marks one of my notices read. */
export function markNoticeRead(uid: string, itemId: string): Promise<void> {
  return updateDoc(doc(db, 'users', uid, 'notices', itemId), { read: true })
}

/** Deletes one of my notices. */
export function deleteNotice(uid: string, itemId: string): Promise<void> {
  return deleteDoc(doc(db, 'users', uid, 'notices', itemId))
}
