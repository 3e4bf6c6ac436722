// Character-level reading shared by the filter and PATCH path parsers: one cursor
// over the text, and every syntax error raised with the position it happened at.

import type { ScimType } from '../types.ts'

/**
 * A filter or path that does not follow RFC 7644 section 3.4.2.2 (Figure 1) or
 * section 3.5.2. `position` is the 0-based index into the text where reading
 * failed; a server answers such input with 400 and `scimType`.
 */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError'
  readonly code = 'SCIM_FILTER_SYNTAX'
  readonly position: number
  readonly text: string
  readonly scimType: Extract<ScimType, 'invalidFilter' | 'invalidPath'>

  constructor(message: string, text: string, position: number, scimType: 'invalidFilter' | 'invalidPath') {
    super(`${message} (at position ${position} in ${JSON.stringify(text)})`)
    this.position = position
    this.text = text
    this.scimType = scimType
  }
}

/** Where a word ends: spaces, grouping characters, quotes and the end of text. */
const DELIMITERS = new Set([' ', '(', ')', '[', ']', '"'])

export class Scanner {
  readonly text: string
  readonly scimType: 'invalidFilter' | 'invalidPath'
  pos = 0

  constructor(text: string, scimType: 'invalidFilter' | 'invalidPath') {
    this.text = text
    this.scimType = scimType
  }

  atEnd(): boolean {
    return this.pos >= this.text.length
  }

  peek(): string {
    return this.text.charAt(this.pos)
  }

  /** Consumes a run of SP and returns how many there were. */
  spaces(): number {
    const start = this.pos
    while (this.text.charAt(this.pos) === ' ') this.pos++
    return this.pos - start
  }

  /** Consumes `char` or fails with `message`. */
  expect(char: string, message: string, at = this.pos): void {
    if (this.peek() !== char) this.fail(message, at)
    this.pos++
  }

  /** Reads up to the next delimiter without consuming it; '' when a delimiter is next. */
  word(): string {
    const start = this.pos
    while (!this.atEnd() && !DELIMITERS.has(this.peek())) this.pos++
    return this.text.slice(start, this.pos)
  }

  /** The word at the cursor, without consuming it. */
  peekWord(): string {
    const start = this.pos
    const found = this.word()
    this.pos = start
    return found
  }

  /** Consumes `keyword` (case-insensitive, RFC 5234 section 2.3) when it is the next whole word. */
  keyword(keyword: string): boolean {
    if (this.peekWord().toLowerCase() !== keyword) return false
    this.pos += keyword.length
    return true
  }

  /** Consumes the sticky `pattern` at the cursor and returns the match, or undefined. */
  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.pos
    const found = pattern.exec(this.text)
    if (!found) return undefined
    this.pos += found[0].length
    return found[0]
  }

  /** True when the cursor is at a point where a token may end. */
  atDelimiter(): boolean {
    return this.atEnd() || DELIMITERS.has(this.peek())
  }

  /** A short quote of what is at `at`, for messages. */
  describe(at = this.pos): string {
    if (at >= this.text.length) return 'the end of the filter'
    const rest = this.text.slice(at)
    return JSON.stringify(rest.length > 20 ? `${rest.slice(0, 20)}…` : rest)
  }

  fail(message: string, at = this.pos): never {
    throw new FilterSyntaxError(message, this.text, at, this.scimType)
  }
}
