// firestore.rules' text() and the domain's textProblem judge text alike: the rules repeat the
// character classes of functions/src/domain/text.ts, and every sample of tests/support/textSamples
// gets the same verdict from both (written as an item description and, when short, a title).
import { readFileSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { itemDescriptionProblem, itemTitleProblem } from '@domain/inputs'
import { ITEM_TITLE_MAX_LENGTH } from '@domain/limits'
import { COMBINING_MARKS_MAX } from '@domain/text'
import { REFUSED_SAMPLES, VISIBLE_SAMPLES } from '../support/textSamples'
import {
  BIDI_CONTROL_RANGES,
  COMBINING_MARK_RANGES,
  INVISIBLE_RANGES,
  MARK_JOINER_RANGES,
  re2Class,
} from '../support/unicodeRanges'
import {
  as,
  assertFails,
  assertSucceeds,
  forgetListings,
  itemDoc,
  listWithLog,
  profileDoc,
  rulesEnv,
  seed,
} from '../support/rules'

const env = await rulesEnv()
afterAll(() => env.cleanup())
const rules = readFileSync(new URL('../../firestore.rules', import.meta.url), 'utf8')

/** The regex a rules helper function returns: its string literal, backslashes undoubled. */
function rulesClass(name: string): string {
  const start = rules.indexOf(`function ${name}()`)
  const body = rules.slice(start, rules.indexOf(';', start))
  return [...body.matchAll(/'([^']*)'/g)]
    .map((m) => m[1])
    .join('')
    .replaceAll('\\\\', '\\')
}

describe('firestore.rules spells the character sets of functions/src/domain/text.ts as ranges', () => {
  it('invisible characters, bidi controls, mark joiners and combining marks', () => {
    expect(rulesClass('invisibleOrBidi')).toBe(
      `(?s)${re2Class(INVISIBLE_RANGES)}+|.*${re2Class(BIDI_CONTROL_RANGES)}.*`,
    )
    expect(rulesClass('stackedMarks')).toBe(
      `(?s).*(?:M${re2Class(MARK_JOINER_RANGES)}*){${COMBINING_MARKS_MAX + 1}}.*`,
    )
    expect(rulesClass('bmpCombiningMark')).toBe(
      re2Class(COMBINING_MARK_RANGES.filter(([lo]) => lo <= 0xffff)),
    )
    expect(rulesClass('astralCombiningMark')).toBe(
      re2Class(COMBINING_MARK_RANGES.filter(([lo]) => lo > 0xffff)),
    )
  })
})

describe('text(): the rules and textProblem agree on every sample', () => {
  beforeAll(async () => {
    await env.clearFirestore()
    await seed(env, { 'users/owner': profileDoc('Owner') })
  })

  const samples = [...VISIBLE_SAMPLES, ...REFUSED_SAMPLES]

  /** Samples on which the rules (an item written with `field` = sample) and `problem` differ. */
  async function disagreements(
    field: 'title' | 'description',
    texts: readonly string[],
    problem: (text: string) => unknown,
  ): Promise<string[]> {
    const db = as(env, 'owner')
    const found: string[] = []
    for (const [i, text] of texts.entries()) {
      const domainOk = problem(text) === null
      // Each sample is a new listing: the seller's listing window is reset for it.
      await forgetListings(env, 'owner')
      const rulesOk = await listWithLog(
        db,
        'owner',
        `items/${field}${i}`,
        itemDoc({ [field]: text }),
      ).then(
        () => true,
        () => false,
      )
      if (domainOk !== rulesOk)
        found.push(`${JSON.stringify(text)}: domain ${domainOk}, rules ${rulesOk}`)
    }
    return found
  }

  // About 140 writes each, one after another: 3–6 s at load 10, over the suite's 20 s timeout
  // at load 15 (twice, retried and all).
  const SAMPLES_TIMEOUT_MS = 90_000

  it('item descriptions', { timeout: SAMPLES_TIMEOUT_MS }, async () => {
    expect(await disagreements('description', samples, itemDescriptionProblem)).toEqual([])
    expect(samples.filter((s) => itemDescriptionProblem(s) === null)).toEqual(VISIBLE_SAMPLES)
  })

  it('item titles', { timeout: SAMPLES_TIMEOUT_MS }, async () => {
    const short = samples.filter((s) => s.length <= ITEM_TITLE_MAX_LENGTH)
    expect(await disagreements('title', short, itemTitleProblem)).toEqual([])
  })

  it('an empty description is allowed, an invisible one is not', async () => {
    const db = as(env, 'owner')
    await assertSucceeds(listWithLog(db, 'owner', 'items/empty', itemDoc({ description: '' })))
    await assertFails(listWithLog(db, 'owner', 'items/zw', itemDoc({ description: '\u200b' })))
  })
})
