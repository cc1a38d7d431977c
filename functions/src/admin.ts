// The one place the Admin SDK is initialised.
import { getApp, getApps, initializeApp } from 'firebase-admin/app'
import { getAuth } from 'firebase-admin/auth'
import { getFirestore } from 'firebase-admin/firestore'

const app = getApps().length > 0 ? getApp() : initializeApp()

export const db = getFirestore(app)
export const adminAuth = getAuth(app)
