import { describe, expect, it } from 'vitest'
import { USERNAME_MAX_LENGTH, USERNAME_MIN_LENGTH } from '@domain/limits'
import {
  GUEST_NAME_DIGITS,
  guestUsername,
  isReservedUsername,
  normalizeUsername,
  randomGuestUsername,
  usernameKey,
  usernameProblem,
} from '@domain/usernames'

describe('usernameKey', () => {
  it('folds case: Alice and alice are the same name', () => {
    // The key is a skeleton (issue 9): i and l become one letter, so alice's key is 'allce'.
    expect(usernameKey('Alice')).toBe(usernameKey('alice'))
    expect(usernameKey('ALICE')).toBe(usernameKey('alice'))
  })

  it('folds full-width forms: ａｌｉｃｅ is alice', () => {
    expect(usernameKey('ａｌｉｃｅ')).toBe(usernameKey('alice'))
    expect(usernameKey('ＡＬＩＣＥ')).toBe(usernameKey('alice'))
  })

  it('keeps Hangul as it is', () => {
    expect(usernameKey('홍길동')).toBe('홍길동')
  })

  it('composes decomposed Hangul jamo into the same key', () => {
    const decomposed = '홍길동'.normalize('NFD')
    expect(decomposed).not.toBe('홍길동')
    expect(usernameKey(decomposed)).toBe('홍길동')
  })

  it('is stable when normalised again', () => {
    for (const name of ['Alice', 'ａｌｉｃｅ', '홍길동', 'Bob_99', 'ＡＢＣ１２３']) {
      const key = usernameKey(name)
      expect(usernameKey(key)).toBe(key)
      expect(key.normalize('NFKC')).toBe(key)
    }
  })
})

describe('usernameKey: look-alikes are one name', () => {
  it('maps I/l/1/i, O/0/o, rn/m and vv/w together', () => {
    const same: [string, string][] = [
      ['aIice', 'alice'],
      ['a1ice', 'alice'],
      ['ALlCE', 'alice'],
      ['b0b', 'bob'],
      ['BOB', 'b0b'],
      ['rnaria', 'maria'],
      ['vvill', 'will'],
      ['co0l_1', 'cool_l'],
    ]
    for (const [a, b] of same) expect(usernameKey(a), `${a} ~ ${b}`).toBe(usernameKey(b))
    expect(usernameKey('alice')).toBe('allce')
    expect(usernameKey('bob')).not.toBe(usernameKey('bab'))
    expect(usernameKey('민수')).toBe('민수')
  })
})

describe('usernameProblem', () => {
  it('accepts Latin, Hangul, digits and underscores', () => {
    for (const name of ['alice', 'Bob_99', '홍길동', '김_2', 'ab', '__init']) {
      expect(usernameProblem(name), name).toBeNull()
    }
  })

  it('refuses mixed scripts, including a Cyrillic а that looks Latin', () => {
    expect(usernameProblem('аlice')).toBe('invalid-characters')
    expect(usernameProblem('alice홍')).toBe('mixed-scripts')
  })

  it('refuses spaces, punctuation and emoji', () => {
    for (const name of ['al ice', 'alice!', 'a-b', 'a.b', 'hi😀', 'héllo']) {
      expect(usernameProblem(name), name).toBe('invalid-characters')
    }
  })

  it('refuses reserved names in any case or width', () => {
    for (const name of [
      'admin',
      'ADMIN',
      'ａｄｍｉｎ',
      'System',
      'support',
      'moderator',
      '관리자',
      '운영자',
    ]) {
      expect(usernameProblem(name), name).toBe('reserved')
      expect(isReservedUsername(name)).toBe(true)
    }
  })

  it('refuses the generated guest form unless the server makes it', () => {
    expect(usernameProblem('guest_4821')).toBe('reserved')
    expect(usernameProblem('guest_4821', { allowGuestForm: true })).toBeNull()
    expect(usernameProblem(guestUsername(0.5), { allowGuestForm: true })).toBeNull()
  })

  it('checks length at and past each bound, counted after NFKC', () => {
    expect(usernameProblem('')).toBe('required')
    expect(usernameProblem('   ')).toBe('required')
    expect(usernameProblem('a'.repeat(USERNAME_MIN_LENGTH - 1))).toBe('too-short')
    expect(usernameProblem('a'.repeat(USERNAME_MIN_LENGTH))).toBeNull()
    expect(usernameProblem('a'.repeat(USERNAME_MAX_LENGTH))).toBeNull()
    expect(usernameProblem('a'.repeat(USERNAME_MAX_LENGTH + 1))).toBe('too-long')
    expect(usernameProblem('가'.repeat(USERNAME_MAX_LENGTH))).toBeNull()
    expect(usernameProblem('가'.repeat(USERNAME_MAX_LENGTH + 1))).toBe('too-long')
    // A full-width name is as long as its half-width form.
    expect(usernameProblem('ａ'.repeat(USERNAME_MAX_LENGTH))).toBeNull()
  })

  it('refuses Hangul that is not whole syllables: jamo, halfwidth forms and fillers', () => {
    const parts = [
      'ㅁㅣㄴㅅㅜ', // compatibility jamo, which NFKC would compose into 민수
      'ﾡﾢﾣ', // halfwidth Hangul
      '민수\u3164', // Hangul filler: shows as 민수
      '\u115f민수',
      '민\u1160수',
      '민수\uffa0',
      '\u3164\u3164',
      '민ᄉ',
      'ㄱㄴ',
    ]
    for (const name of parts)
      expect(usernameProblem(name), JSON.stringify(name)).toBe('hangul-jamo')
    // Canonically decomposed syllables (as some keyboards send them) are the same text.
    expect(usernameProblem('홍길동'.normalize('NFD'))).toBeNull()
    expect(usernameProblem('민수')).toBeNull()
  })

  it('refuses look-alike letters NFKC would fold: mathematical, circled, ligatures', () => {
    for (const name of ['𝐚𝐥𝐢𝐜𝐞', 'ⓐⓛⓘⓒⓔ', 'ﬁnn', '㉮나다', 'ℓuke']) {
      expect(usernameProblem(name), name).toBe('invalid-characters')
    }
  })

  it('refuses reserved words with digits or underscores around them, and look-alikes', () => {
    for (const name of [
      'admin_',
      '_system_',
      '관리자1',
      '1관리자',
      'adm1n',
      'ADMlN',
      'r00t',
      'Supp0rt__2',
      'rnod',
      'guest_l23',
    ]) {
      expect(usernameProblem(name), name).toBe('reserved')
      expect(isReservedUsername(name), name).toBe(true)
    }
    for (const name of ['administer', 'admin_kim', 'helper', 'rooted', '관리자님']) {
      expect(usernameProblem(name), name).toBeNull()
    }
  })

  it('refuses names made only of underscores and digits', () => {
    for (const name of ['___', '12345', '_1_2_', '１２３']) {
      expect(usernameProblem(name), name).toBe('no-letters')
    }
  })

  it('trims surrounding spaces before judging', () => {
    expect(normalizeUsername('  alice  ')).toBe('alice')
    expect(usernameProblem('  alice  ')).toBeNull()
  })
})

describe('guest names', () => {
  it('have 9 digits: 10^9 names, all valid for the server to give', () => {
    expect(10 ** GUEST_NAME_DIGITS).toBeGreaterThanOrEqual(1e8)
    expect(guestUsername(0)).toBe('guest_000000000')
    expect(guestUsername(0.999999999999)).toBe('guest_999999999')
    for (const name of [guestUsername(0), guestUsername(0.5), randomGuestUsername()]) {
      expect(name).toMatch(/^guest_\d{9}$/)
      expect(usernameProblem(name, { allowGuestForm: true }), name).toBeNull()
      expect(usernameProblem(name), name).toBe('reserved')
    }
  })

  it('are drawn from the whole range: 2,000 draws, every leading digit, repeats as rare as chance', () => {
    const names = Array.from({ length: 2_000 }, randomGuestUsername)
    // Two equal draws among 2,000 of 10^9 happen once in ~500 runs; two pairs, once in ~500,000.
    expect(new Set(names).size).toBeGreaterThanOrEqual(names.length - 1)
    expect(new Set(names.map((n) => n.charAt(6))).size).toBe(10)
  })
})
