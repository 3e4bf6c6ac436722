// The filter oracle against RFC 7644 section 3.4.2.2: every example filter the
// section gives (Figure 2's list) as a data table, plus malformed input, precedence,
// case rules, multi-valued attributes, value paths and dateTime comparisons.

import { describe, expect, test } from 'vitest'
import type { AttrPath, CompareOperator, CompareValue, Filter } from '../../src/scim/filter/ast.ts'
import { FilterSyntaxError, parseAttrPath, parseFilter, parsePatchPath } from '../../src/scim/filter/parse.ts'
import { formatFilter, formatPatchPath } from '../../src/scim/filter/format.ts'

const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User'
const ENTERPRISE_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'

function path(text: string): AttrPath {
  return parseAttrPath(text)
}
function cmp(attrPath: string, op: CompareOperator, value: CompareValue): Filter {
  return { kind: 'compare', path: path(attrPath), op, value }
}
function pr(attrPath: string): Filter {
  return { kind: 'present', path: path(attrPath) }
}
function and(left: Filter, right: Filter): Filter {
  return { kind: 'and', left, right }
}
function or(left: Filter, right: Filter): Filter {
  return { kind: 'or', left, right }
}
function not(filter: Filter): Filter {
  return { kind: 'not', filter }
}
function vp(attrPath: string, filter: Filter): Filter {
  return { kind: 'valuePath', path: path(attrPath), filter }
}

/** RFC 7644 section 3.4.2.2, the example filters, in the order the RFC lists them. */
const rfcExamples: readonly { readonly filter: string; readonly ast: Filter }[] = [
  { filter: 'userName eq "bjensen"', ast: cmp('userName', 'eq', 'bjensen') },
  { filter: `name.familyName co "O'Malley"`, ast: cmp('name.familyName', 'co', "O'Malley") },
  { filter: 'userName sw "J"', ast: cmp('userName', 'sw', 'J') },
  {
    filter: `${USER_URN}:userName sw "J"`,
    ast: { kind: 'compare', path: { uri: USER_URN, attr: 'userName' }, op: 'sw', value: 'J' },
  },
  { filter: 'title pr', ast: pr('title') },
  { filter: 'meta.lastModified gt "2011-05-13T04:42:34Z"', ast: cmp('meta.lastModified', 'gt', '2011-05-13T04:42:34Z') },
  { filter: 'meta.lastModified ge "2011-05-13T04:42:34Z"', ast: cmp('meta.lastModified', 'ge', '2011-05-13T04:42:34Z') },
  { filter: 'meta.lastModified lt "2011-05-13T04:42:34Z"', ast: cmp('meta.lastModified', 'lt', '2011-05-13T04:42:34Z') },
  { filter: 'meta.lastModified le "2011-05-13T04:42:34Z"', ast: cmp('meta.lastModified', 'le', '2011-05-13T04:42:34Z') },
  { filter: 'title pr and userType eq "Employee"', ast: and(pr('title'), cmp('userType', 'eq', 'Employee')) },
  { filter: 'title pr or userType eq "Intern"', ast: or(pr('title'), cmp('userType', 'eq', 'Intern')) },
  { filter: `schemas eq "${ENTERPRISE_URN}"`, ast: cmp('schemas', 'eq', ENTERPRISE_URN) },
  {
    filter: 'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    ast: and(cmp('userType', 'eq', 'Employee'), or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org'))),
  },
  {
    filter: 'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
    ast: and(cmp('userType', 'ne', 'Employee'), not(or(cmp('emails', 'co', 'example.com'), cmp('emails.value', 'co', 'example.org')))),
  },
  { filter: 'userType eq "Employee" and (emails.type eq "work")', ast: and(cmp('userType', 'eq', 'Employee'), cmp('emails.type', 'eq', 'work')) },
  {
    filter: 'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]',
    ast: and(cmp('userType', 'eq', 'Employee'), vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com')))),
  },
  {
    filter: 'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
    ast: or(
      vp('emails', and(cmp('type', 'eq', 'work'), cmp('value', 'co', '@example.com'))),
      vp('ims', and(cmp('type', 'eq', 'xmpp'), cmp('value', 'co', '@foo.com'))),
    ),
  },
]

describe('parseFilter: the RFC 7644 section 3.4.2.2 examples', () => {
  test.each(rfcExamples)('$filter', ({ filter, ast }) => {
    expect(parseFilter(filter)).toEqual(ast)
  })
  test.each(rfcExamples)('round trip: $filter', ({ ast }) => {
    expect(parseFilter(formatFilter(ast))).toEqual(ast)
  })
})

describe('parseFilter: grammar details', () => {
  test.each([
    ['"and" binds tighter than "or"', 'a eq 1 or b eq 2 and c eq 3', or(cmp('a', 'eq', 1), and(cmp('b', 'eq', 2), cmp('c', 'eq', 3)))],
    ['"and" binds tighter than "or" (left)', 'a eq 1 and b eq 2 or c eq 3', or(and(cmp('a', 'eq', 1), cmp('b', 'eq', 2)), cmp('c', 'eq', 3))],
    ['grouping overrides precedence', 'a eq 1 and (b eq 2 or c eq 3)', and(cmp('a', 'eq', 1), or(cmp('b', 'eq', 2), cmp('c', 'eq', 3)))],
    ['and/or associate to the left', 'a pr or b pr or c pr', or(or(pr('a'), pr('b')), pr('c'))],
    ['"not" applies to its group only', 'not (a pr) and b pr', and(not(pr('a')), pr('b'))],
    ['"not" without a space', 'not(a pr)', not(pr('a'))],
    ['keywords and operators in any case', 'NOT (a PR) AND b Eq "x" Or c gE 2', or(and(not(pr('a')), cmp('b', 'eq', 'x')), cmp('c', 'ge', 2))],
    ['redundant parentheses', '((userName eq "x"))', cmp('userName', 'eq', 'x')],
    ['attribute case is kept', 'USERNAME eq "x"', cmp('USERNAME', 'eq', 'x')],
    ['JSON escapes in strings', 'a eq "q\\"b\\\\s\\/\\u00e9\\n\\t"', cmp('a', 'eq', 'q"b\\s/é\n\t')],
    ['numbers', 'a eq -1.5e3 or b gt 0', or(cmp('a', 'eq', -1500), cmp('b', 'gt', 0))],
    ['literals', 'a eq true or b eq false or c eq null', or(or(cmp('a', 'eq', true), cmp('b', 'eq', false)), cmp('c', 'eq', null))],
    [
      'URN-qualified extension attribute',
      `${ENTERPRISE_URN}:employeeNumber eq "701984"`,
      { kind: 'compare', path: { uri: ENTERPRISE_URN, attr: 'employeeNumber' }, op: 'eq', value: '701984' },
    ],
    [
      'URN-qualified sub-attribute',
      `${USER_URN}:name.familyName eq "Jensen"`,
      { kind: 'compare', path: { uri: USER_URN, attr: 'name', sub: 'familyName' }, op: 'eq', value: 'Jensen' },
    ],
    ['not inside a value path', 'emails[not (type eq "work")]', vp('emails', not(cmp('type', 'eq', 'work')))],
    ['an attribute called "not"', 'not eq "x"', cmp('not', 'eq', 'x')],
    ['$ref sub-attribute', 'members.$ref pr', pr('members.$ref')],
  ] as const)('%s: %s', (_why, filter, ast) => {
    expect(parseFilter(filter)).toEqual(ast)
    expect(parseFilter(formatFilter(ast))).toEqual(ast)
  })
})

describe('parseFilter: malformed filters throw FilterSyntaxError', () => {
  test.each([
    ['empty', '', 0],
    ['unbalanced "("', '(userName eq "x"', 16],
    ['unbalanced ")"', 'userName eq "x")', 15],
    ['unbalanced "["', 'emails[type eq "work"', 21],
    ['unbalanced "]"', 'emails[type eq "work"]]', 22],
    ['unknown operator', 'userName like "x"', 9],
    ['missing operator', 'userName "x"', 9],
    ['missing value', 'userName eq', 11],
    ['unquoted string', 'userName eq bjensen', 12],
    ['missing closing quote', 'userName eq "bjensen', 12],
    ['invalid escape', 'userName eq "a\\x"', 12],
    ['capitalised literal', 'active eq True', 10],
    ['trailing garbage', 'userName eq "x" garbage', 16],
    ['dangling "and"', 'title pr and', 12],
    ['no space before "and"', 'userName eq "x"and title pr', 15],
    ['"not" without parentheses', 'not userName eq "x"', 0],
    ['value path inside a value path', 'emails[type eq "x" and phones[value eq "1"]]', 29],
    ['sub-attribute after a value path', 'emails[type eq "work"].value eq "x"', 22],
    ['name starting with a digit', '1abc eq "x"', 0],
    ['two sub-attribute levels', 'a.b.c eq 1', 2],
    ['URI without a scheme', 'x:y eq 1', 0],
    ['number run into a word', 'a eq 12abc', 7],
    ['empty group', '()', 1],
    ['pr with a value', 'title pr "x"', 9],
  ])('%s: %s', (_why, filter, position) => {
    let caught: unknown
    try {
      parseFilter(filter)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(FilterSyntaxError)
    const syntaxError = caught as FilterSyntaxError
    expect(syntaxError.scimType).toBe('invalidFilter')
    expect(syntaxError.position).toBe(position)
    expect(syntaxError.message).toContain(`position ${position}`)
  })
})

describe('parsePatchPath: RFC 7644 section 3.5.2 PATH = attrPath / valuePath [subAttr]', () => {
  test.each([
    ['members', { kind: 'attr', path: { attr: 'members' } }],
    ['name.familyName', { kind: 'attr', path: { attr: 'name', sub: 'familyName' } }],
    [
      `${ENTERPRISE_URN}:manager`,
      { kind: 'attr', path: { uri: ENTERPRISE_URN, attr: 'manager' } },
    ],
    ['members[value eq "2819c223-7f76-453a-919d-413861904646"]', {
      kind: 'valuePath', path: { attr: 'members' }, filter: cmp('value', 'eq', '2819c223-7f76-453a-919d-413861904646'),
    }],
    ['emails[type eq "work"].value', { kind: 'valuePath', path: { attr: 'emails' }, filter: cmp('type', 'eq', 'work'), sub: 'value' }],
    ['addresses[type eq "work" and primary eq true].streetAddress', {
      kind: 'valuePath', path: { attr: 'addresses' }, filter: and(cmp('type', 'eq', 'work'), cmp('primary', 'eq', true)), sub: 'streetAddress',
    }],
  ] as const)('%s', (text, expected) => {
    expect(parsePatchPath(text)).toEqual(expected)
    expect(formatPatchPath(expected)).toBe(text)
  })

  test.each([
    ['', 0],
    ['emails[type eq "work"', 21],
    ['emails[type eq "work"]value', 22],
    ['emails[type eq "work"].', 23],
    ['emails[type eq "work"].value.x', 28],
    ['members value', 7],
  ])('invalid path %s', (text, position) => {
    expect(() => parsePatchPath(text)).toThrow(FilterSyntaxError)
    try {
      parsePatchPath(text)
    } catch (error) {
      expect((error as FilterSyntaxError).scimType).toBe('invalidPath')
      expect((error as FilterSyntaxError).position).toBe(position)
    }
  })
})
