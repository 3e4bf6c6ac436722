// Conditional requests with ETags (RFC 7644 section 3.14, RFC 7232 sections 3.1
// and 3.2). SCIM versions are weak tags, so tags compare weakly: W/"3" and "3" match.

import type { StoredResource } from './store.ts'
import { versionTag } from './representation.ts'
import { ScimProblem } from './response.ts'

function opaque(tag: string): string {
  return tag.trim().replace(/^W\//i, '')
}

function listMatches(header: string, entry: StoredResource): boolean {
  const current = opaque(versionTag(entry))
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === current)
}

/** If-Match on PUT, PATCH and DELETE: a stale version changes nothing and answers 412. */
export function requireIfMatch(headers: Record<string, string>, entry: StoredResource): void {
  const header = headers['if-match']
  if (header === undefined || header.trim() === '') return
  if (!listMatches(header, entry)) {
    throw new ScimProblem(412, `The resource has version ${versionTag(entry)}; the request's If-Match does not match it.`)
  }
}

/** If-None-Match on GET: true when the client's copy is current (answer 304). */
export function notModified(headers: Record<string, string>, entry: StoredResource): boolean {
  const header = headers['if-none-match']
  return header !== undefined && header.trim() !== '' && listMatches(header, entry)
}
