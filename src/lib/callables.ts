// Typed wrappers for the callables. Contention (`aborted`) is retried with backoff before the
// error reaches the caller.
import type {
  ClaimUsernameResult,
  CompleteSaleResult,
  LeaveRoomResult,
  RoomIdResult,
} from '@domain/types'
import type { ReviewDealResult } from '@domain/reviews'
import type {
  ClaimUsernameInput,
  CompleteSaleInput,
  ReviewDealInput,
  SetFavoriteInput,
  UidInput,
  JoinRoomInput,
  OpenItemRoomInput,
  RoomIdInput,
} from '@domain/inputs'
import { loadFunctions } from '@/firebase'
import { errorCode } from './errors'

const RETRY_DELAYS_MS = [250, 600, 1200, 2500]

async function call<I, O>(name: string, data: I): Promise<O> {
  const [{ httpsCallable }, functions] = await Promise.all([
    import('firebase/functions'),
    loadFunctions(),
  ])
  const fn = httpsCallable<I, O>(functions, name)
  for (let attempt = 0; ; attempt++) {
    try {
      return (await fn(data)).data
    } catch (error) {
      const delay = RETRY_DELAYS_MS[attempt]
      if (errorCode(error) !== 'aborted' || delay === undefined) throw error
      await new Promise((resolve) => setTimeout(resolve, delay * (0.75 + Math.random() / 2)))
    }
  }
}

export const callClaimUsername = (data: ClaimUsernameInput) =>
  call<ClaimUsernameInput, ClaimUsernameResult>('claimUsername', data)

export const callCreateRoom = (data: { title: string; capacity?: number; password?: string }) =>
  call<typeof data, RoomIdResult>('createRoom', data)

export const callJoinRoom = (data: { roomId: string; password?: string }) =>
  call<Partial<JoinRoomInput>, RoomIdResult>('joinRoom', data)

export const callLeaveRoom = (data: RoomIdInput) =>
  call<RoomIdInput, LeaveRoomResult>('leaveRoom', data)

export const callOpenItemRoom = (data: OpenItemRoomInput) =>
  call<OpenItemRoomInput, RoomIdResult>('openItemRoom', data)

export const callDeleteAccount = () =>
  call<Record<string, never>, { deleted: true }>('deleteAccount', {})

export const callCompleteSale = (data: CompleteSaleInput) =>
  call<CompleteSaleInput, CompleteSaleResult>('completeSale', data)

export const callReviewDeal = (data: ReviewDealInput) =>
  call<ReviewDealInput, ReviewDealResult>('reviewDeal', data)

export const callRefreshTrust = (data: UidInput) =>
  call<UidInput, { refreshed: boolean }>('refreshTrust', data)

export const callSetFavorite = (data: SetFavoriteInput) =>
  call<SetFavoriteInput, { on: boolean }>('setFavorite', data)
