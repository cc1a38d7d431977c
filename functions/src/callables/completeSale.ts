import { callable } from '../callable'
import { parseCompleteSale } from '../domain/inputs'
import { valueOrInvalid } from '../errors'
import { completeSaleTx } from '../services/deals'

/** Marks the caller's item sold to a buyer from its chat (or to nobody here) and records the deal. */
export const completeSale = callable(async (caller, data) =>
  completeSaleTx(caller.uid, valueOrInvalid(parseCompleteSale(data))),
)
