// Item search without a search engine: a trigger stores `items/{itemId}.keywords` (every prefix of
// every word of the title and the description, normalised) and the market queries it with
// `array-contains`. Shared by the trigger, the client and the tests.
import { KEYWORD_PREFIX_MAX, KEYWORDS_MAX, SEARCH_WORDS_MAX } from './limits'

/** Case- and width-insensitive form: NFKC (full-width → ASCII, compatibility jamo) + lowercase. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase()
}

/** The words of a text: runs of letters, marks and digits, normalised. */
export function searchWords(text: string): string[] {
  return normalizeSearchText(text)
    .split(/[^\p{L}\p{M}\p{N}]+/u)
    .filter((word) => word.length > 0)
}

function prefixes(word: string): string[] {
  const chars = [...word].slice(0, KEYWORD_PREFIX_MAX)
  return chars.map((_, i) => chars.slice(0, i + 1).join(''))
}

/** The keywords of an item: every prefix of every word, title first, at most KEYWORDS_MAX. */
export function itemKeywords(title: string, description: string): string[] {
  const out = new Set<string>()
  for (const word of [...searchWords(title), ...searchWords(description)]) {
    for (const prefix of prefixes(word)) {
      if (out.size >= KEYWORDS_MAX) return [...out]
      out.add(prefix)
    }
  }
  return [...out]
}

/**
 * The words of a search, as keywords (cut to the indexed prefix length), longest first: the
 * first goes to the query's one `array-contains`, the others narrow the answer on the client.
 */
export function searchTerms(text: string): string[] {
  const terms = [
    ...new Set(searchWords(text).map((w) => [...w].slice(0, KEYWORD_PREFIX_MAX).join(''))),
  ]
  return terms.sort((a, b) => [...b].length - [...a].length).slice(0, SEARCH_WORDS_MAX)
}

/** Whether an item with these keywords matches every term. */
export function matchesAllTerms(keywords: readonly string[] | undefined, terms: readonly string[]) {
  return terms.every((term) => keywords?.includes(term) ?? false)
}
