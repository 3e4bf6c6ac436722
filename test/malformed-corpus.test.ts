import { describe, expect, it } from 'vitest'
import { malformedCorpus } from '../src/arbitraries/malformed-corpus.ts'
import { parseFilter } from '../src/scim/filter/parse.ts'

// Every filter of the fixed corpus must be malformed by the grammar of RFC 7644 3.4.2.2, or a
// server that answers it with 200 would be right and the check would raise a false alarm.

describe('the fixed malformed-filter corpus', () => {
  it.each(['rfc', 'entra', 'entra-flag'] as const)('holds only filters the %s grammar refuses', (dialect) => {
    for (const { text } of malformedCorpus(dialect)) expect(() => parseFilter(text), text).toThrow()
  })

  it('covers the six malformations the issue names, the unquoted value in the RFC dialect only', () => {
    expect(malformedCorpus('rfc').map((c) => c.malformation)).toEqual([
      'an unquoted value', 'a missing value', 'unbalanced parentheses', 'an unknown operator', 'a trailing and', 'an attribute path with an empty segment',
    ])
    expect(malformedCorpus('entra').some((c) => c.malformation === 'an unquoted value')).toBe(false)
  })
})
