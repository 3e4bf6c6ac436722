import type { Dialect } from '../report/model.ts'

// Malformed filters sent on every run, whatever the seed, before the generated ones: each
// breaks the filter grammar of RFC 7644 3.4.2.2 in one common way, so a server that answers
// any of them with 200 is caught every time rather than with some seeds only.

export interface MalformedCase {
  readonly malformation: string
  readonly text: string
}

export function malformedCorpus(dialect: Dialect): MalformedCase[] {
  return [
    // Entra sends `externalId eq jyoung` unquoted and expects it tolerated, so only the RFC
    // dialect may call an unquoted value malformed.
    ...(dialect === 'rfc' ? [{ malformation: 'an unquoted value', text: 'userName eq bjensen' }] : []),
    { malformation: 'a missing value', text: 'userName eq' },
    { malformation: 'unbalanced parentheses', text: '(userName eq "bjensen"' },
    { malformation: 'an unknown operator', text: 'userName xq "bjensen"' },
    { malformation: 'a trailing and', text: 'userName eq "bjensen" and' },
    { malformation: 'an attribute path with an empty segment', text: 'name..givenName eq "Barbara"' },
  ]
}
