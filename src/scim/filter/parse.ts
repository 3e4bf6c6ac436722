// RFC 7644 section 3.4.2.2, Figure 1 (ABNF of SCIM filters):
//
//   FILTER    = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
//   valuePath = attrPath "[" valFilter "]"
//               ; FILTER uses sub-attributes of a parent attrPath
//   valFilter = attrExp / logExp / *1"not" "(" valFilter ")"
//   attrExp   = (attrPath SP "pr") /
//               (attrPath SP compareOp SP compValue)
//   logExp    = FILTER SP ("and" / "or") SP FILTER
//   compValue = false / null / true / number / string
//               ; rules from JSON (RFC 7159)
//   compareOp = "eq" / "ne" / "co" / "sw" / "ew" / "gt" / "lt" / "ge" / "le"
//   attrPath  = [URI ":"] ATTRNAME *1subAttr      (read in path.ts)
//
// Precedence: grouping, then "not" over "and" over "or"; and/or associate to the left.
// RFC 5234 section 2.3: quoted ABNF strings are case-insensitive, so "AND", "Eq" and
// "NOT" are valid; the JSON literals true/false/null are %x rules and stay lowercase.
// Where the text departs from the ABNF, on purpose:
// - "not (" may have a space before "(" (the RFC's own example does; errata 7319).
// - Runs of spaces count as one SP; spaces inside () and [] and around the whole
//   filter are allowed.
// - A valuePath inside a valFilter is refused: its attributes are sub-attributes,
//   which cannot be complex themselves (RFC 7643 section 2.3.8).
//
// RFC 7644 section 3.5.2, the PATCH path: PATH = attrPath / valuePath [subAttr]

import type { AttrPath, CompareOperator, CompareValue, Filter } from './ast.ts'
import type { PatchPath } from '../patch/path-ast.ts'
import { Scanner } from './scanner.ts'
import { isAttrName, readAttrPath } from './path.ts'

export { FilterSyntaxError } from './scanner.ts'
export { parseAttrPath } from './path.ts'

const COMPARE_OPERATORS: readonly CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le']

// RFC 8259 section 6 and 7 (RFC 7159 as cited by 7644): numbers and strings.
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y

/** Parses a filter query parameter; throws FilterSyntaxError (scimType invalidFilter). */
export function parseFilter(text: string): Filter {
  const scanner = new Scanner(text, 'invalidFilter')
  scanner.spaces()
  if (scanner.atEnd()) scanner.fail('The filter is empty')
  const filter = readOr(scanner, false)
  scanner.spaces()
  if (!scanner.atEnd()) failTrailing(scanner)
  return filter
}

/** Parses a PATCH operation's "path"; throws FilterSyntaxError (scimType invalidPath). */
export function parsePatchPath(text: string): PatchPath {
  const scanner = new Scanner(text, 'invalidPath')
  if (scanner.atEnd()) scanner.fail('The path is empty')
  const path = readAttrPath(scanner)
  if (scanner.peek() !== '[') {
    if (!scanner.atEnd()) scanner.fail(`Unexpected ${scanner.describe()} after the attribute path`)
    return { kind: 'attr', path }
  }
  const filter = readValueFilter(scanner)
  if (scanner.atEnd()) return { kind: 'valuePath', path, filter }
  const dotAt = scanner.pos
  scanner.expect('.', `Expected "." and a sub-attribute or the end of the path after "]", found ${scanner.describe()}`)
  const sub = scanner.word()
  const extraDot = sub.indexOf('.')
  if (extraDot !== -1) scanner.fail('A path names at most one sub-attribute after "]"', dotAt + 1 + extraDot)
  if (!isAttrName(sub)) scanner.fail(`Expected a sub-attribute name after "]." but found ${scanner.describe(dotAt + 1)}`, dotAt + 1)
  if (!scanner.atEnd()) scanner.fail(`Unexpected ${scanner.describe()} after the sub-attribute`)
  return { kind: 'valuePath', path, filter, sub }
}

function readOr(scanner: Scanner, inValuePath: boolean): Filter {
  let left = readAnd(scanner, inValuePath)
  while (readLogical(scanner, 'or')) left = { kind: 'or', left, right: readAnd(scanner, inValuePath) }
  return left
}

function readAnd(scanner: Scanner, inValuePath: boolean): Filter {
  let left = readUnary(scanner, inValuePath)
  while (readLogical(scanner, 'and')) left = { kind: 'and', left, right: readUnary(scanner, inValuePath) }
  return left
}

/** Consumes SP keyword SP when it comes next; otherwise leaves the cursor where it was. */
function readLogical(scanner: Scanner, keyword: 'and' | 'or'): boolean {
  const start = scanner.pos
  if (scanner.spaces() === 0 || !scanner.keyword(keyword)) {
    scanner.pos = start
    return false
  }
  if (scanner.spaces() === 0 || scanner.atEnd()) scanner.fail(`Expected a space and a filter after "${keyword}"`)
  return true
}

function readUnary(scanner: Scanner, inValuePath: boolean): Filter {
  if (scanner.peek() === '(') return readGroup(scanner, inValuePath)
  const start = scanner.pos
  if (scanner.keyword('not')) {
    scanner.spaces()
    if (scanner.peek() === '(') return { kind: 'not', filter: readGroup(scanner, inValuePath) }
    if (!startsOperator(scanner)) scanner.fail('"not" must be followed by a filter in parentheses, as in not (title pr)', start)
    scanner.pos = start // an attribute that happens to be called "not"
  }
  return readAttrExpOrValuePath(scanner, inValuePath)
}

function startsOperator(scanner: Scanner): boolean {
  const word = scanner.peekWord().toLowerCase()
  return word === 'pr' || (COMPARE_OPERATORS as readonly string[]).includes(word)
}

function readGroup(scanner: Scanner, inValuePath: boolean): Filter {
  return readEnclosed(scanner, inValuePath, '(', ')')
}

function readValueFilter(scanner: Scanner): Filter {
  return readEnclosed(scanner, true, '[', ']')
}

/** "(" FILTER ")" or "[" valFilter "]": the cursor is on the opening character. */
function readEnclosed(scanner: Scanner, inValuePath: boolean, open: '(' | '[', close: ')' | ']'): Filter {
  const openAt = scanner.pos
  scanner.pos++
  scanner.spaces()
  const filter = readOr(scanner, inValuePath)
  scanner.spaces()
  scanner.expect(close, `Missing "${close}" to close the "${open}" at position ${openAt}; found ${scanner.describe()}`)
  return filter
}

/**
 * Not RFC grammar, but what Entra documents and sends for matching (Microsoft's Entra SCIM
 * documentation): `emails[type eq "work"].value eq "x"`. It is read as the RFC form
 * `emails[type eq "work" and value eq "x"]`, which means the same.
 */
function readEntraSubComparison(scanner: Scanner): Filter {
  scanner.pos++
  const subAt = scanner.pos
  const sub = scanner.word()
  if (!isAttrName(sub)) scanner.fail(`Expected a sub-attribute name after "].", found ${scanner.describe(subAt)}`, subAt)
  if (scanner.spaces() === 0) scanner.fail(`Expected a space and an operator after "${sub}", found ${scanner.describe()}`)
  return readOperatorAndValue(scanner, { attr: sub })
}

function readAttrExpOrValuePath(scanner: Scanner, inValuePath: boolean): Filter {
  const pathAt = scanner.pos
  const path = readAttrPath(scanner)
  if (scanner.peek() === '[') {
    if (inValuePath) scanner.fail('A value filter cannot contain another value filter ([...] inside [...])')
    const filter = readValueFilter(scanner)
    if (scanner.peek() !== '.') return { kind: 'valuePath', path, filter }
    return { kind: 'valuePath', path, filter: { kind: 'and', left: filter, right: readEntraSubComparison(scanner) } }
  }
  if (scanner.spaces() === 0) {
    scanner.fail(`Expected a space and an operator after the attribute "${scanner.text.slice(pathAt, scanner.pos)}", found ${scanner.describe()}`)
  }
  return readOperatorAndValue(scanner, path)
}

/** compareOp SP compValue, or "pr", after an attribute path and its space. */
function readOperatorAndValue(scanner: Scanner, path: AttrPath): Filter {
  const opAt = scanner.pos
  const written = scanner.word()
  const op = written.toLowerCase()
  if (op === 'pr') return { kind: 'present', path }
  if (!(COMPARE_OPERATORS as readonly string[]).includes(op)) {
    const found = written === '' ? scanner.describe(opAt) : JSON.stringify(written)
    scanner.fail(`Unknown operator ${found}; expected one of eq, ne, co, sw, ew, gt, lt, ge, le, pr`, opAt)
  }
  if (scanner.spaces() === 0) scanner.fail(`Expected a space and a value after "${op}", found ${scanner.describe()}`)
  return { kind: 'compare', path, op: op as CompareOperator, value: readCompValue(scanner) }
}

function readCompValue(scanner: Scanner): CompareValue {
  const start = scanner.pos
  const value = readJsonValue(scanner)
  if (!scanner.atDelimiter() || scanner.peek() === '"') {
    scanner.fail(`The value at position ${start} runs into ${scanner.describe()}; expected a space, ")" or "]" after it`)
  }
  return value
}

function readJsonValue(scanner: Scanner): CompareValue {
  const start = scanner.pos
  if (scanner.peek() === '"') {
    const literal = scanner.match(STRING)
    if (literal !== undefined) return JSON.parse(literal) as string
    const close = scanner.text.indexOf('"', start + 1)
    if (close === -1) scanner.fail(`Missing closing quote for the string that starts at position ${start}`, start)
    scanner.fail('The string contains an invalid escape or a control character; strings follow JSON (RFC 7159 section 7)', start)
  }
  const number = scanner.match(NUMBER)
  if (number !== undefined) return Number(number)
  const word = scanner.word()
  if (word === 'true') return true
  if (word === 'false') return false
  if (word === 'null') return null
  if (word === '') scanner.fail(`Expected a value (a "quoted string", a number, true, false or null) but found ${scanner.describe(start)}`, start)
  return scanner.fail(`${JSON.stringify(word)} is not a value: strings need double quotes, and true, false and null are lowercase`, start)
}

function failTrailing(scanner: Scanner): never {
  const char = scanner.peek()
  if (char === ')') scanner.fail('Unexpected ")" with no matching "("')
  if (char === ']') scanner.fail('Unexpected "]" with no matching "["')
  return scanner.fail(`Unexpected ${scanner.describe()} after a complete filter; expected "and", "or" or the end`)
}
