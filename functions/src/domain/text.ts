// Which text can be seen: used by the callables' parsers and the client forms (through
// textProblem in inputs.ts). firestore.rules' text() repeats these sets as explicit ranges (the
// rules' regex engine knows an older Unicode: its \p{M} misses marks added in Unicode 14), listed
// in tests/support/unicodeRanges.ts; tests prove this runtime's regexes match exactly those code
// points and that the rules judge the same samples alike. Unicode properties here instead of the
// ranges keep ~1 KB of tables out of the first-message bundle; a browser with another Unicode
// version may judge a newly assigned character differently, and then the rules decide.

/** At most this many combining marks on one base character. */
export const COMBINING_MARKS_MAX = 4

/**
 * Text that shows nothing: controls (Cc), format characters (Cf), spaces and separators (Z),
 * every Default_Ignorable_Code_Point (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0,
 * variation selectors, tags, U+034F, …) and the blank braille pattern U+2800.
 */
const INVISIBLE_ONLY = /^[\p{Cc}\p{Cf}\p{Z}\p{Default_Ignorable_Code_Point}\u2800]*$/u
/** Embedding, override and isolate controls: they reorder what follows, so that
 * `https://ex.com/\u202Egpj.exe` reads as `…exe.jpg`. */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u
/** More than COMBINING_MARKS_MAX marks, with only joiners or tags between them. */
const TOO_MANY_MARKS = /(?:\p{M}[\u200C\u200D\u{E0020}-\u{E007F}]*){5}/u

/** Whether `text` shows nothing: empty, or only invisible characters. */
export function isInvisibleText(text: string): boolean {
  return INVISIBLE_ONLY.test(text)
}

/** Whether `text` holds a bidirectional embedding, override or isolate control. */
export function hasBidiControl(text: string): boolean {
  return BIDI_CONTROL.test(text)
}

/** Whether some character of `text` carries more than COMBINING_MARKS_MAX combining marks. */
export function hasTooManyMarks(text: string): boolean {
  return TOO_MANY_MARKS.test(text)
}
