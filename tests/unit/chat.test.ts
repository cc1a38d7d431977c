import { describe, expect, it } from 'vitest'
import { REACTIONS, REACTION_KEYS, replySnippet } from '@domain/chat'
import { REPLY_SNIPPET_MAX_LENGTH } from '@domain/limits'

describe('chat domain', () => {
  it('replySnippet keeps a short text, flattens whitespace, cuts long ones with an ellipsis', () => {
    expect(replySnippet('  hi\n  there ')).toBe('hi there')
    const long = replySnippet('가'.repeat(500))
    expect(long.length).toBe(REPLY_SNIPPET_MAX_LENGTH)
    expect(long.endsWith('…')).toBe(true)
  })

  it('replySnippet never splits a character made of two UTF-16 units', () => {
    const cut = replySnippet('😀'.repeat(200))
    expect(cut.length).toBeLessThanOrEqual(REPLY_SNIPPET_MAX_LENGTH)
    expect(/\p{Cs}/u.test(cut.replace(/😀/gu, ''))).toBe(false)
  })

  it('has the six reactions of the issue, keyed by field-safe names', () => {
    expect(Object.values(REACTIONS)).toEqual(['👍', '❤️', '😂', '😮', '😢', '🙏'])
    for (const key of REACTION_KEYS) expect(key).toMatch(/^[a-z]+$/)
  })
})
