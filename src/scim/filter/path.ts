// RFC 7644 section 3.4.2.2 (Figure 1):
//   attrPath  = [URI ":"] ATTRNAME *1subAttr
//   ATTRNAME  = ALPHA *(nameChar)
//   nameChar  = "-" / "_" / DIGIT / ALPHA
//   subAttr   = "." ATTRNAME
// URI is RFC 3986 Appendix A; in SCIM it is a schema URN, which contains ':' and
// '.' itself, so the URI ends at the last ':' of the attribute path.

import type { AttrPath } from './ast.ts'
import { Scanner } from './scanner.ts'

/**
 * RFC 7643 section 2.1 gives the ATTRNAME rule; "$ref" (section 2.4) is the one
 * name the core schemas use outside it (members.$ref, manager.$ref), so a path
 * naming it is accepted too.
 */
const ATTRNAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/
/** RFC 3986 section 3.1: scheme ":" ... (a schema URI always has its scheme). */
const URI = /^[A-Za-z][A-Za-z0-9+.-]*:\S+$/

export function isAttrName(name: string): boolean {
  return ATTRNAME.test(name)
}

/** Reads an attrPath at the cursor; it ends at a space, bracket, parenthesis or quote. */
export function readAttrPath(scanner: Scanner): AttrPath {
  const start = scanner.pos
  const token = scanner.word()
  if (token === '') scanner.fail(`Expected an attribute name but found ${scanner.describe()}`)
  const colon = token.lastIndexOf(':')
  const uri = colon === -1 ? undefined : token.slice(0, colon)
  const names = token.slice(colon + 1)
  const nameAt = start + colon + 1
  if (uri !== undefined && !URI.test(uri)) {
    scanner.fail(`"${uri}" is not a schema URI: a URI-qualified name looks like urn:ietf:params:scim:schemas:core:2.0:User:userName`, start)
  }
  const dot = names.indexOf('.')
  const attr = dot === -1 ? names : names.slice(0, dot)
  const sub = dot === -1 ? undefined : names.slice(dot + 1)
  checkName(scanner, attr, nameAt)
  if (sub !== undefined) checkName(scanner, sub, nameAt + dot + 1)
  return { ...(uri !== undefined ? { uri } : {}), attr, ...(sub !== undefined ? { sub } : {}) }
}

function checkName(scanner: Scanner, name: string, at: number): void {
  if (ATTRNAME.test(name)) return
  if (name.includes('.')) {
    scanner.fail(`"${name}" has more than one sub-attribute level; a path names at most attribute.subAttribute`, at)
  }
  scanner.fail(
    `"${name}" is not a valid attribute name: names start with a letter and contain only letters, digits, "-" and "_" (RFC 7643 section 2.1)`,
    at,
  )
}

/** Parses a whole string as one attrPath (as in sortBy, attributes, or a filter's left side). */
export function parseAttrPath(text: string): AttrPath {
  const scanner = new Scanner(text, 'invalidPath')
  const path = readAttrPath(scanner)
  if (!scanner.atEnd()) scanner.fail(`Unexpected ${scanner.describe()} after the attribute path`)
  return path
}
