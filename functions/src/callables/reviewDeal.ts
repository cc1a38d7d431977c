import { callable } from '../callable'
import { parseReviewDeal } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { reviewDealTx } from '../services/reviews'

/** The caller's one review of the other party of a deal (double-blind, within 14 days). */
export const reviewDeal = callable(async (caller, data) =>
  reviewDealTx(caller.uid, valueOrInvalid(parseReviewDeal(data))),
)
