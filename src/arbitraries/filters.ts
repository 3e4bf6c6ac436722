// Filters for the property checks, built after the grammar they produce:
// RFC 7644 section 3.4.2.2, Figure 1:
//
//   FILTER    = attrExp / logExp / valuePath / *1"not" "(" FILTER ")"
//   valuePath = attrPath "[" valFilter "]"
//   valFilter = attrExp / logExp / *1"not" "(" valFilter ")"
//   attrExp   = (attrPath SP "pr") / (attrPath SP compareOp SP compValue)
//   logExp    = FILTER SP ("and" / "or") SP FILTER
//   compValue = false / null / true / number / string
//   compareOp = "eq" / "ne" / "co" / "sw" / "ew" / "gt" / "lt" / "ge" / "le"
//
// Two levels: `entra` is exactly what Entra sends (attrExp with "eq", joined by "and");
// `rfc` is the whole grammar. Attributes are the profile's filterable ones and values
// come from the dataset as the server stored it, so most filters match something.
// Entra writes a typed value as emails[type eq "work"].value eq "v"; that is not in
// the grammar, so it is generated as the equivalent emails[type eq "work" and value eq "v"].

import fc from 'fast-check'
import type { AttrPath, CompareOperator, Filter } from '../scim/filter/ast.ts'
import { parseFilter, parsePatchPath } from '../scim/filter/parse.ts'
import { formatFilter } from '../scim/filter/format.ts'
import type { AttributeDefinition } from '../scim/schema-model.ts'
import type { MappedAttribute } from '../profile.ts'
import type { JsonObject, JsonValue, ScimResource } from '../scim/types.ts'
import { evaluateFilter, type AttributeLookup } from '../scim/filter/evaluate.ts'

export type FilterLevel = 'entra' | 'rfc'

/** One attribute a filter can compare, with the distinct values the dataset holds for it. */
export interface FilterTarget {
  /** The profile's path, for messages. */
  readonly label: string
  /** Relative to the element when `within` is set. */
  readonly path: AttrPath
  /** The multi-valued attribute and the selection Entra's path names, e.g. emails and type eq "work". */
  readonly within?: { readonly path: AttrPath; readonly filter: Filter }
  readonly definition: AttributeDefinition | undefined
  readonly values: readonly (string | number | boolean)[]
}

/**
 * The profile's filterable attributes that hold values in `resources` (read back from the server).
 * In the rfc grammar a complex attribute is compared through its "value" sub-attribute: RFC 7644
 * 3.4.2.2, "For complex attributes, a fully qualified sub-attribute MUST be specified using
 * standard attribute notation"; only Entra writes `members eq "<id>"`.
 */
export function filterTargets(mapped: readonly MappedAttribute[], resources: readonly ScimResource[], lookup: AttributeLookup, grammar: FilterLevel = 'entra'): FilterTarget[] {
  return mapped.filter((m) => m.filterable).flatMap((m): FilterTarget[] => {
    const parsed = parsePatchPath(m.path)
    if (parsed.kind === 'valuePath' && parsed.sub === undefined) return []
    const qualified = (path: AttrPath): AttrPath => (grammar === 'rfc' && path.sub === undefined && lookup(path)?.type === 'complex' ? { ...path, sub: 'value' } : path)
    const target: Omit<FilterTarget, 'values'> = parsed.kind === 'attr'
      ? { label: m.path, path: qualified(parsed.path), definition: lookup(qualified(parsed.path)) }
      : { label: m.path, path: { attr: parsed.sub! }, within: { path: parsed.path, filter: parsed.filter }, definition: lookup({ ...parsed.path, sub: parsed.sub! }) }
    const values = [...new Set(resources.flatMap((r) => valuesAt(r, target, lookup)))]
    return values.length === 0 ? [] : [{ ...target, values }]
  })
}

/** The comparable values a target names in one resource; a complex multi-valued attribute stands for its "value". */
function valuesAt(resource: ScimResource, target: Omit<FilterTarget, 'values'>, lookup: AttributeLookup): (string | number | boolean)[] {
  let holders: JsonValue[] = [resource]
  if (target.within) {
    const within = target.within
    const elements = list(read(read(resource, within.path.uri), within.path.attr))
    const inner: AttributeLookup = (p) => lookup({ ...within.path, sub: p.attr })
    holders = elements.filter((e) => isObject(e) && evaluateFilter(within.filter, e as ScimResource, inner))
  } else if (target.path.uri !== undefined) {
    holders = [read(resource, target.path.uri) ?? null]
  }
  return holders
    .flatMap((h) => list(read(h, target.path.attr)))
    .flatMap((v) => (target.path.sub !== undefined ? list(read(v, target.path.sub)) : isObject(v) ? list(read(v, 'value')) : [v]))
    .filter((v): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
}

/** RFC 7643 section 2.1: attribute names are case-insensitive. */
function read(holder: JsonValue | undefined, name: string | undefined): JsonValue | undefined {
  if (name === undefined) return holder
  if (!isObject(holder)) return undefined
  const key = Object.keys(holder).find((k) => k.toLowerCase() === name.toLowerCase())
  return key === undefined ? undefined : holder[key]
}

const list = (value: JsonValue | undefined): JsonValue[] => (value === undefined ? [] : Array.isArray(value) ? value : [value])
const isObject = (value: JsonValue | undefined): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value)

const ORDERING: readonly CompareOperator[] = ['gt', 'ge', 'lt', 'le']
const ORDERED_TYPES = new Set(['string', 'dateTime', 'integer', 'decimal', 'reference'])

/** The tail of a value no resource holds. Built once: building it parses the pattern, and the trees below ask for it per leaf. */
const noneSuffix = fc.stringMatching(/^[a-z0-9]{3,8}$/)

/** `<target> eq <value>`: a dataset value (in mixed case where the attribute ignores case) or one that matches nothing. */
function eqLeaf(target: FilterTarget, marker: string): fc.Arbitrary<Filter> {
  const absent = typeof target.values[0] === 'string' ? [noneSuffix.map((s) => `${marker}none-${s}`)] : []
  const value = fc.oneof({ arbitrary: fc.constantFrom(...target.values), weight: 4 }, ...absent.map((arbitrary) => ({ arbitrary, weight: 1 })))
  return value.chain((v) => spelled(target, v, marker)).map((v) => onTarget(target, { kind: 'compare', path: target.path, op: 'eq', value: v }))
}

/** Any operator the attribute's type allows, with a value cut from a dataset value. */
function rfcLeaf(target: FilterTarget, marker: string): fc.Arbitrary<Filter> {
  const type = target.definition?.type ?? 'string'
  const stringOps: CompareOperator[] = ['ne', 'co', 'sw', 'ew', ...(ORDERED_TYPES.has(type) ? ORDERING : [])]
  const compared = fc.record({ op: fc.constantFrom(...stringOps), value: fc.constantFrom(...target.values), cut: fc.nat(), length: fc.nat() })
    .chain(({ op, value, cut, length }) => spelled(target, typeof value === 'string' ? excerpt(op, value, cut, length) : value, marker)
      .map((v): Filter => onTarget(target, defined({ kind: 'compare', path: target.path, op: typeof value === 'string' ? op : 'ne', value: v }))))
  const present = fc.constant(onTarget(target, { kind: 'present', path: target.path }))
  return fc.oneof(eqLeaf(target, marker), compared, present)
}

/**
 * RFC 7644 3.4.2.2 does not say how an absent attribute compares under ne, gt, ge, lt or le,
 * so such a comparison is only generated behind `pr`: `externalId pr and externalId ne "X"`
 * is false, not undefined, for a resource without an externalId.
 */
function defined(leaf: Extract<Filter, { kind: 'compare' }>): Filter {
  if (['eq', 'co', 'sw', 'ew'].includes(leaf.op)) return leaf
  return { kind: 'and', left: { kind: 'present', path: leaf.path }, right: leaf }
}

/** The part of a value an operator compares with: a substring for co, a prefix for sw, a suffix for ew. */
function excerpt(op: CompareOperator, value: string, cut: number, length: number): string {
  if (value.length < 2) return value
  const size = 1 + (length % (value.length - 1))
  if (op === 'sw') return value.slice(0, size)
  if (op === 'ew') return value.slice(value.length - size)
  if (op === 'co') {
    const start = cut % (value.length - size + 1)
    return value.slice(start, start + size)
  }
  return value
}

/**
 * RFC 7643 section 2.1: where the attribute is not caseExact, any spelling must match.
 * The marker keeps its case: it holds the run's random prefix, and mixing its case would
 * make the same seed generate (and shrink) differently from one run to the next.
 */
function spelled(target: FilterTarget, value: string | number | boolean, marker: string): fc.Arbitrary<string | number | boolean> {
  if (typeof value !== 'string' || target.definition?.caseExact === true) return fc.constant(value)
  const kept = value.toLowerCase().startsWith(marker.toLowerCase()) ? value.slice(0, marker.length) : ''
  const rest = value.slice(kept.length)
  // Toggles by position, not by character class (as fc.mixedCase does), so the random hex
  // in a cut-off prefix cannot change which toggles are drawn; shrinks toward the value as stored.
  return fc.bigInt({ min: 0n, max: (1n << BigInt(rest.length)) - 1n }).map((bits) =>
    kept + [...rest].map((c, i) => ((bits >> BigInt(i)) & 1n ? toggle(c) : c)).join(''))
}

const toggle = (c: string): string => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())

function onTarget(target: FilterTarget, leaf: Filter): Filter {
  if (!target.within) return leaf
  return { kind: 'valuePath', path: target.within.path, filter: { kind: 'and', left: target.within.filter, right: leaf } }
}

/** Entra level: one eq comparison, or (less often, as Entra sends it) two joined by "and". */
export function entraFilter(targets: readonly FilterTarget[], marker: string): fc.Arbitrary<Filter> {
  const leaf = fc.oneof(...targets.map((t) => eqLeaf(t, marker)))
  const both = fc.tuple(leaf, leaf).map(([left, right]): Filter => ({ kind: 'and', left, right }))
  return fc.oneof({ withCrossShrink: true }, { arbitrary: leaf, weight: 3 }, { arbitrary: both, weight: 1 })
}

/** RFC level: the whole grammar, nested up to `depth` logical operators, AND-ed with the dataset scope. */
export function rfcFilter(targets: readonly FilterTarget[], marker: string, scope: Filter, depth = 2): fc.Arbitrary<Filter> {
  return rfcTree(targets, marker, depth).map((filter): Filter => ({ kind: 'and', left: scope, right: filter }))
}

function rfcTree(targets: readonly FilterTarget[], marker: string, depth: number): fc.Arbitrary<Filter> {
  const leaf = fc.oneof(...targets.map((t) => rfcLeaf(t, marker)))
  if (depth === 0) return leaf
  const sub = rfcTree(targets, marker, depth - 1)
  // Cross-shrinking lets a failing "and"/"or"/"not" shrink down to a single comparison.
  return fc.oneof(
    { withCrossShrink: true },
    { arbitrary: leaf, weight: 3 },
    { arbitrary: fc.tuple(sub, sub).map(([left, right]): Filter => ({ kind: 'and', left, right })), weight: 1 },
    { arbitrary: fc.tuple(sub, sub).map(([left, right]): Filter => ({ kind: 'or', left, right })), weight: 1 },
    { arbitrary: sub.map((filter): Filter => ({ kind: 'not', filter })), weight: 1 },
  )
}

/** `<attr> sw "<marker>"`: the clause that confines a filter to the dataset. */
export function scopeFilter(attr: string, marker: string): Filter {
  return { kind: 'compare', path: { attr }, op: 'sw', value: marker }
}

/**
 * True when the filter can only match resources of this dataset: one of its top-level
 * "and" terms compares (eq, sw, co) with a value containing the marker. Only then can
 * totalResults be held to the number of dataset matches, on a tenant with other data.
 */
export function isScoped(filter: Filter, marker: string): boolean {
  const wanted = marker.toLowerCase()
  switch (filter.kind) {
    case 'and':
      return isScoped(filter.left, marker) || isScoped(filter.right, marker)
    case 'valuePath':
      return isScoped(filter.filter, marker)
    case 'compare':
      return ['eq', 'sw', 'co'].includes(filter.op) && typeof filter.value === 'string' && filter.value.toLowerCase().includes(wanted)
    default:
      return false
  }
}

export type Malformation = 'open-parenthesis' | 'close-parenthesis' | 'open-bracket' | 'close-bracket' | 'unknown-operator' | 'unterminated-string' | 'unquoted-string'

export interface MalformedFilter {
  readonly malformation: Malformation
  readonly text: string
}

const UNKNOWN_OPERATORS = ['eqq', 'like', '=', '==', 'equals', 'contains', 'EQUALS'] as const

const MALFORMATIONS: readonly Malformation[] = ['open-parenthesis', 'close-parenthesis', 'open-bracket', 'close-bracket', 'unknown-operator', 'unterminated-string', 'unquoted-string']

/**
 * A valid Entra-level filter broken one way; only texts the RFC grammar rejects are kept
 * (RFC 7644 section 3.4.2.2, invalidFilter). Under Entra's dialects an unquoted value is
 * not malformed: Entra sends `externalId eq jyoung` and expects it tolerated
 *, so a server that answers it is right.
 */
export function malformedFilter(valid: fc.Arbitrary<Filter>, dialect: 'rfc' | 'entra' | 'entra-flag'): fc.Arbitrary<MalformedFilter> {
  const malformation = fc.constantFrom<Malformation>(...MALFORMATIONS.filter((m) => dialect === 'rfc' || m !== 'unquoted-string'))
  return fc.tuple(valid, malformation, fc.constantFrom(...UNKNOWN_OPERATORS))
    .map(([filter, kind, operator]) => ({ malformation: kind, text: malform(formatFilter(filter), kind, operator) }))
    .filter(({ text }) => !parses(text))
}

function malform(text: string, kind: Malformation, operator: string): string {
  switch (kind) {
    case 'open-parenthesis': return `(${text}`
    case 'close-parenthesis': return `${text})`
    case 'open-bracket': return text.replace(/ eq /i, '[ eq ')
    case 'close-bracket': return `${text}]`
    case 'unknown-operator': return text.replace(/ eq /i, ` ${operator} `)
    case 'unterminated-string': return text.slice(0, text.lastIndexOf('"'))
    case 'unquoted-string': return text.replace(/"([^"\\]*)"$/, (_, inner: string) => `${inner}x-`)
  }
}

function parses(text: string): boolean {
  try {
    parseFilter(text)
    return true
  } catch {
    return false
  }
}
