// The filter oracle against RFC 7644 section 3.4.2.2: every example filter the
// section gives (Figure 2's list) as a data table, plus malformed input, precedence,
// case rules, multi-valued attributes, value paths and dateTime comparisons.

import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import type { AttrPath, CompareOperator, CompareValue, Filter } from '../../src/scim/filter/ast.ts'
import { FilterSyntaxError, parseAttrPath, parseFilter, parsePatchPath } from '../../src/scim/filter/parse.ts'
import { formatFilter, formatPatchPath } from '../../src/scim/filter/format.ts'
import { evaluateFilter, FilterEvaluationError } from '../../src/scim/filter/evaluate.ts'
import type { AttributeLookup } from '../../src/scim/filter/evaluate.ts'
import { resolveAttribute } from '../../src/scim/attributes.ts'
import { coreSchemas } from '../../src/scim/core-schemas.ts'
import { SCHEMA_URN } from '../../src/scim/schema-model.ts'
import type { ScimResource } from '../../src/scim/types.ts'

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

// Three users after RFC 7643 section 8.2, chosen so each example selects a known set.
// lastModified instants: jsmith 04:42:33Z < bjensen 04:42:34Z (spelled with
// milliseconds) < awong 04:42:35Z (spelled in -04:00, so its text sorts first).
const bjensen: ScimResource = {
  schemas: [USER_URN, ENTERPRISE_URN],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'BJensen-Ext',
  userName: 'bjensen',
  name: { familyName: "O'Malley-Jensen", givenName: 'Barbara' },
  title: 'Tour Guide',
  userType: 'Employee',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  ims: [{ value: 'babs@foo.com', type: 'xmpp' }],
  meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34.000Z' },
  [ENTERPRISE_URN]: { employeeNumber: '701984', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
}
const jsmith: ScimResource = {
  schemas: [USER_URN],
  id: 'c75ad752-64ae-4823-840d-ffa80929976c',
  userName: 'JSmith',
  name: { familyName: 'Smith' },
  userType: 'Intern',
  active: false,
  emails: [{ value: 'jsmith@example.org', type: 'work' }],
  ims: [{ value: 'jsmith@foo.com', type: 'xmpp' }],
  meta: { resourceType: 'User', lastModified: '2011-05-13T04:42:33Z' },
}
const awong: ScimResource = {
  schemas: [USER_URN],
  id: '9f1e2c7a-0000-4000-8000-000000000003',
  userName: 'awong',
  title: '',
  userType: 'Contractor',
  emails: [{ value: 'awong@example.net', type: 'home' }],
  ims: [{ value: 'awong@foo.com', type: 'aim' }],
  meta: { resourceType: 'User', lastModified: '2011-05-13T00:42:35-04:00' },
}
const users: Record<string, ScimResource> = { bjensen, jsmith, awong }

const lookup: AttributeLookup = (attrPath) => {
  const resolved = resolveAttribute(coreSchemas, SCHEMA_URN.user, attrPath)
  return resolved?.sub ?? resolved?.attribute
}

function selected(filter: string, from: Record<string, ScimResource> = users): string[] {
  const ast = parseFilter(filter)
  return Object.entries(from)
    .filter(([, resource]) => evaluateFilter(ast, resource, lookup))
    .map(([name]) => name)
}

/** Which of bjensen, jsmith, awong each RFC example selects. */
const rfcMatches: Record<string, readonly string[]> = {
  'userName eq "bjensen"': ['bjensen'],
  [`name.familyName co "O'Malley"`]: ['bjensen'],
  'userName sw "J"': ['jsmith'],
  [`${USER_URN}:userName sw "J"`]: ['jsmith'],
  'title pr': ['bjensen'],
  'meta.lastModified gt "2011-05-13T04:42:34Z"': ['awong'],
  'meta.lastModified ge "2011-05-13T04:42:34Z"': ['bjensen', 'awong'],
  'meta.lastModified lt "2011-05-13T04:42:34Z"': ['jsmith'],
  'meta.lastModified le "2011-05-13T04:42:34Z"': ['bjensen', 'jsmith'],
  'title pr and userType eq "Employee"': ['bjensen'],
  'title pr or userType eq "Intern"': ['bjensen', 'jsmith'],
  [`schemas eq "${ENTERPRISE_URN}"`]: ['bjensen'],
  'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")': ['bjensen'],
  'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")': ['awong'],
  'userType eq "Employee" and (emails.type eq "work")': ['bjensen'],
  'userType eq "Employee" and emails[type eq "work" and value co "@example.com"]': ['bjensen'],
  'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]': ['bjensen', 'jsmith'],
}

describe('evaluateFilter: the RFC 7644 section 3.4.2.2 examples', () => {
  test('every example has an expected selection', () => {
    expect(Object.keys(rfcMatches).sort()).toEqual(rfcExamples.map((example) => example.filter).sort())
  })
  test.each(rfcExamples)('$filter', ({ filter, ast }) => {
    expect(selected(filter)).toEqual(rfcMatches[filter])
    expect(selected(formatFilter(ast))).toEqual(rfcMatches[filter])
  })
})

describe('evaluateFilter: RFC semantics', () => {
  test.each([
    // Case: userName caseExact false; id and externalId caseExact true (RFC 7643 sections 3.1, 4.1.1).
    ['userName eq "BJENSEN"', ['bjensen']],
    ['userName ew "SMITH"', ['jsmith']],
    [`id eq "${bjensen.id}"`, ['bjensen']],
    [`id eq "${String(bjensen.id).toUpperCase()}"`, []],
    ['externalId eq "BJensen-Ext"', ['bjensen']],
    ['externalId eq "bjensen-ext"', []],
    ['externalId sw "bjensen"', []],
    // Attribute names and schema URNs are case-insensitive (RFC 7643 section 2.1).
    ['USERNAME eq "bjensen"', ['bjensen']],
    ['Name.FamilyName eq "smith"', ['jsmith']],
    [`${USER_URN.toUpperCase()}:userName eq "awong"`, ['awong']],
    // Extension attributes under their URN key (RFC 7643 section 3.3).
    [`${ENTERPRISE_URN}:employeeNumber eq "701984"`, ['bjensen']],
    [`${ENTERPRISE_URN}:employeeNumber pr`, ['bjensen']],
    [`${ENTERPRISE_URN}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`, ['bjensen']],
    ['employeeNumber pr', []],
    // Booleans by value; "ne" on an absent attribute matches.
    ['active eq true', ['bjensen']],
    ['active eq false', ['jsmith']],
    ['active ne true', ['jsmith', 'awong']],
    ['title ne "Tour Guide"', ['jsmith', 'awong']],
    ['title eq null', ['jsmith']],
    ['title ne null', ['bjensen', 'awong']],
    ['active eq "true"', []],
    // Multi-valued: any value; a complex multi-valued attribute stands for its value.
    ['emails.type eq "home"', ['bjensen', 'awong']],
    ['emails ew ".org"', ['bjensen', 'jsmith']],
    ['emails eq "BABS@JENSEN.ORG"', ['bjensen']],
    ['emails pr', ['bjensen', 'jsmith', 'awong']],
    ['emails.primary eq true', ['bjensen']],
    ['emails[not (type eq "work")]', ['bjensen', 'awong']],
    ['emails[type eq "home" and value ew "example.net"]', ['awong']],
    ['emails[TYPE eq "HOME"]', ['bjensen', 'awong']],
    // Strings order lexicographically after case folding when caseExact is false.
    ['userName gt "b"', ['bjensen', 'jsmith']],
    ['userName lt "JSMITH"', ['bjensen', 'awong']],
    ['userName le "JSMITH"', ['bjensen', 'jsmith', 'awong']],
    // dateTime chronologically, whatever the spelling.
    ['meta.lastModified eq "2011-05-13T00:42:34-04:00"', ['bjensen']],
    ['meta.created lt "2011-01-01T00:00:00Z"', ['bjensen']],
    // Precedence decides the result.
    ['userName eq "awong" or userName eq "bjensen" and title eq "x"', ['awong']],
    ['(userName eq "awong" or userName eq "bjensen") and title pr', ['bjensen']],
    ['not (userName eq "awong") and not (userName eq "jsmith")', ['bjensen']],
  ] as const)('%s', (filter, expected) => {
    expect(selected(filter)).toEqual(expected)
  })

  test('a value path matches within one value, a sub-attribute path across values', () => {
    const crossed: ScimResource = {
      schemas: [USER_URN],
      userName: 'crossed',
      emails: [
        { value: 'crossed@other.test', type: 'work' },
        { value: 'crossed@example.com', type: 'home' },
      ],
    }
    const from = { crossed }
    expect(selected('emails[type eq "work" and value co "@example.com"]', from)).toEqual([])
    expect(selected('emails.type eq "work" and emails.value co "@example.com"', from)).toEqual(['crossed'])
  })

  test('groups: members by value path, sub-attribute and the complex attribute itself', () => {
    const groupLookup: AttributeLookup = (attrPath) => {
      const resolved = resolveAttribute(coreSchemas, SCHEMA_URN.group, attrPath)
      return resolved?.sub ?? resolved?.attribute
    }
    const group: ScimResource = {
      schemas: [SCHEMA_URN.group],
      id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
      displayName: 'Tour Guides',
      members: [{ value: bjensen.id as string, $ref: `https://example.com/v2/Users/${String(bjensen.id)}`, display: 'Babs Jensen' }],
    }
    const matches = (filter: string): boolean => evaluateFilter(parseFilter(filter), group, groupLookup)
    expect(matches('displayName eq "tour guides"')).toBe(true)
    expect(matches(`members[value eq "${String(bjensen.id)}"]`)).toBe(true)
    expect(matches(`members.value eq "${String(bjensen.id)}"`)).toBe(true)
    expect(matches(`members eq "${String(bjensen.id)}"`)).toBe(true)
    expect(matches('members[value eq "someone-else"]')).toBe(false)
    expect(matches('members.$ref ew "/Users/2819c223-7f76-453a-919d-413861904646"')).toBe(true)
    expect(matches('members pr and not (members[display eq "Nobody"])')).toBe(true)
  })

  test('"pr" is false for null, "", [], {} and objects without values', () => {
    const empty: Record<string, ScimResource> = {
      nullTitle: { schemas: [USER_URN], title: null },
      emptyTitle: { schemas: [USER_URN], title: '' },
      noEmails: { schemas: [USER_URN], emails: [] },
      emptyName: { schemas: [USER_URN], name: {} },
      nullName: { schemas: [USER_URN], name: { givenName: null } },
      nullEmail: { schemas: [USER_URN], emails: [{ value: null }] },
    }
    expect(selected('title pr or emails pr or name pr', empty)).toEqual([])
    expect(selected('name.givenName pr or emails.value pr', empty)).toEqual([])
  })

  test('numbers compare by value', () => {
    const counted: Record<string, ScimResource> = {
      three: { schemas: [USER_URN], loginCount: 3 },
      ten: { schemas: [USER_URN], loginCount: 10 },
      text: { schemas: [USER_URN], loginCount: '10' },
    }
    expect(selected('loginCount gt 3', counted)).toEqual(['ten'])
    expect(selected('loginCount le 1e1', counted)).toEqual(['three', 'ten'])
    expect(selected('loginCount eq 10', counted)).toEqual(['ten'])
  })

  test.each([
    ['active gt true', 'boolean attribute'],
    ['active lt "x"', 'boolean attribute'],
    ['name gt "a"', 'complex attribute'],
    ['name eq "Barbara"', 'complex attribute without a sub-attribute'],
    ['userName ge null', 'null has no order'],
    ['userName lt false', 'false has no order'],
  ])('invalidFilter: %s (%s)', (filter) => {
    const ast = parseFilter(filter)
    let caught: unknown
    try {
      evaluateFilter(ast, bjensen, lookup)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(FilterEvaluationError)
    expect((caught as FilterEvaluationError).scimType).toBe('invalidFilter')
  })
})

describe('formatFilter', () => {
  const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_-]{0,6}$/)
  const attrPath = fc.record(
    { uri: fc.constantFrom(USER_URN, ENTERPRISE_URN, 'urn:example:x:1.0:Thing'), attr: name, sub: name },
    { requiredKeys: ['attr'] },
  )
  const value = fc.oneof(fc.string(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null))
  const op = fc.constantFrom<CompareOperator>('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'lt', 'ge', 'le')
  const filters = fc.letrec<{ inner: Filter; filter: Filter }>((tie) => ({
    inner: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.record({ kind: fc.constant('compare' as const), path: attrPath, op, value }),
      fc.record({ kind: fc.constant('present' as const), path: attrPath }),
      fc.record({ kind: fc.constant('and' as const), left: tie('inner'), right: tie('inner') }),
      fc.record({ kind: fc.constant('or' as const), left: tie('inner'), right: tie('inner') }),
      fc.record({ kind: fc.constant('not' as const), filter: tie('inner') }),
    ),
    filter: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      tie('inner'),
      fc.record({ kind: fc.constant('valuePath' as const), path: attrPath, filter: tie('inner') }),
      fc.record({ kind: fc.constant('and' as const), left: tie('filter'), right: tie('filter') }),
      fc.record({ kind: fc.constant('or' as const), left: tie('filter'), right: tie('filter') }),
      fc.record({ kind: fc.constant('not' as const), filter: tie('filter') }),
    ),
  }))

  test('parseFilter(formatFilter(ast)) deep-equals ast for generated filters', () => {
    fc.assert(
      fc.property(filters.filter, (ast) => {
        expect(parseFilter(formatFilter(ast))).toEqual(ast)
      }),
      { numRuns: 500, seed: 7 },
    )
  })

  test('evaluateFilter answers a boolean or FilterEvaluationError for generated filters', () => {
    fc.assert(
      fc.property(filters.filter, (ast) => {
        for (const resource of Object.values(users)) {
          try {
            expect(typeof evaluateFilter(ast, resource, lookup)).toBe('boolean')
          } catch (error) {
            expect(error).toBeInstanceOf(FilterEvaluationError)
          }
        }
      }),
      { numRuns: 300, seed: 11 },
    )
  })

  test.each([
    ['a pr or (b pr or c pr)', or(pr('a'), or(pr('b'), pr('c')))],
    ['(a pr or b pr) and c pr', and(or(pr('a'), pr('b')), pr('c'))],
    ['a pr and (b pr and c pr)', and(pr('a'), and(pr('b'), pr('c')))],
    ['a pr and b pr or c pr and d pr', or(and(pr('a'), pr('b')), and(pr('c'), pr('d')))],
    ['not (a pr and b pr)', not(and(pr('a'), pr('b')))],
    ['a eq "say \\"hi\\"\\n"', cmp('a', 'eq', 'say "hi"\n')],
    ['a eq -0', cmp('a', 'eq', -0)],
  ] as const)('minimal parentheses and JSON strings: %s', (text, ast) => {
    expect(formatFilter(ast)).toBe(text)
  })
})

import { describe as describeEntra, it } from 'vitest'

describeEntra("Entra's documented sub-attribute form", () => {
  it('reads emails[type eq "work"].value eq "x" as emails[type eq "work" and value eq "x"]', () => {
    expect(parseFilter('emails[type eq "work"].value eq "a@example.com"')).toEqual(parseFilter('emails[type eq "work" and value eq "a@example.com"]'))
    expect(parseFilter('emails[type eq "work"].value eq "a@example.com" and active eq true')).toEqual(parseFilter('emails[type eq "work" and value eq "a@example.com"] and active eq true'))
  })

  it('still refuses a dangling sub-attribute without an operator', () => {
    expect(() => parseFilter('emails[type eq "work"].value')).toThrow(FilterSyntaxError)
  })
})
