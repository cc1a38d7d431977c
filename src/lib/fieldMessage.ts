// The message shown beside a form field for a domain `InputProblem` (functions/src/domain/inputs.ts),
// so every form words the same problem the same way.
import type { InputProblem } from '@domain/inputs'
import type { Translate } from '@/i18n'

/** A text field of `min`–`max` characters, or a number field between `min` and `max`. */
export type FieldBounds =
  | { kind: 'text'; min: number; max: number }
  | { kind: 'number'; min: number | string; max: number | string }

export function fieldMessage(
  t: Translate,
  problem: InputProblem | string | null | undefined,
  bounds: FieldBounds,
): string | null {
  if (!problem) return null
  switch (problem) {
    case 'required':
      return t('field.required')
    case 'too-short':
    case 'too-long':
      return t(`field.${problem}`, bounds)
    case 'blank':
      return t('field.blank')
    case 'invalid-characters':
      return t('field.invalid-characters')
    case 'not-an-integer':
      return t('field.not-an-integer')
    case 'wrong-type':
      return t(bounds.kind === 'number' ? 'field.not-an-integer' : 'field.wrong-type')
    case 'out-of-range':
      if (bounds.kind === 'number') return t('field.out-of-range', bounds)
      return t(bounds.min <= 1 ? 'field.too-long' : 'field.length', bounds)
    default:
      return t('field.wrong-type')
  }
}
