// add, replace and remove on a value selection path: attr[filter] and
// attr[filter].sub (RFC 7644 section 3.5.2, "valuePath [subAttr]").

import type { Filter } from '../filter/ast.ts'
import type { JsonObject, JsonValue, ScimResource } from '../types.ts'
import type { PatchDialect } from './context.ts'
import type { Target } from './target.ts'
import { reject } from './errors.ts'
import { matchesElement } from './element-filter.ts'
import { assertImmutableKept, assertRemovable, assertWritable } from './mutability.ts'
import { enforcePrimary } from './primary.ts'
import { mergeComplex, readSlot, setMember, writeSlot } from './slot.ts'
import { coerceElement, coerceValue, findKey, isObject } from './values.ts'

interface Selection {
  readonly before: JsonValue | undefined
  /** The attribute's values; a single-valued complex attribute (manager[value eq "..."]) is one element. */
  readonly elements: JsonValue[]
  readonly matched: readonly number[]
}

function select(resource: ScimResource, target: Target, dialect: PatchDialect): Selection {
  const before = readSlot(resource, target)
  const elements = before === undefined ? [] : Array.isArray(before) ? [...before] : [before]
  const matched = [...elements.keys()].filter((i) => matchesElement(target, elements[i]!, dialect))
  return { before, elements, matched }
}

function store(resource: ScimResource, target: Target, before: JsonValue | undefined, elements: JsonValue[]): void {
  const after = elements.length === 0 ? undefined : target.attribute.multiValued ? elements : elements[0]
  if (after === undefined) assertRemovable(target.attribute, target.label)
  assertImmutableKept(target.attribute, before, after, target.label)
  writeSlot(resource, target, after)
}

/**
 * Table 9 (RFC 7644 section 3.12): noTarget is for a path whose "filter yields no
 * match". In the entra dialect a remove that finds nothing succeeds unchanged:
 * the member or manager is already gone, which is what Entra asked for.
 */
export function removeSelected(resource: ScimResource, target: Target, dialect: PatchDialect): void {
  const { attribute, label, sub } = target
  assertWritable(attribute, label)
  const { before, elements, matched } = select(resource, target, dialect)
  if (matched.length === 0) {
    if (dialect === 'rfc') reject('noTarget', `"${label}" matches no value to remove`)
    return
  }
  if (!sub) {
    // 3.5.2.2: "the matching records are removed".
    return store(resource, target, before, elements.filter((_, i) => !matched.includes(i)))
  }
  assertRemovable(sub, label)
  for (const i of matched) {
    const element = elements[i]
    if (!isObject(element)) continue
    const next: JsonObject = { ...element }
    setMember(next, sub.name, undefined)
    elements[i] = next
  }
  store(resource, target, before, elements.filter((element) => !isObject(element) || Object.keys(element).length > 0))
}

/**
 * 3.5.2.3: replace changes "all matching record values" (or their sub-attribute);
 * add merges the given sub-attributes into each match (3.5.2.1).
 * With no match, replace is 400 noTarget in the rfc dialect (3.5.2.3, last bullet),
 * while add creates the value (3.5.2.1: "If the target location does not exist, the
 * attribute and value are added"). The new element starts from the filter's "eq"
 * comparisons: Add emails[type eq "work"].value on a user with no work email yields
 * {"type":"work","value":...}, which Entra relies on, and Entra sends Replace and
 * Add alike for this, so the entra dialect creates on replace too
 * (Microsoft's Entra SCIM documentation). A filter that is not a conjunction
 * of "eq" comparisons says nothing to build from: noTarget.
 */
export function addOrReplaceSelected(resource: ScimResource, op: 'add' | 'replace', target: Target, value: JsonValue, dialect: PatchDialect): void {
  const { attribute, label, sub } = target
  assertWritable(attribute, label)
  if (sub) assertWritable(sub, label)
  const update = sub ? coerceValue(sub, value, dialect, label) : coerceElement(attribute, value, dialect, label)
  if (update === undefined && !sub) reject('invalidValue', `"${label}" needs a value to ${op}`)
  const { before, elements, matched } = select(resource, target, dialect)
  const touched = new Set(matched)
  if (matched.length === 0) {
    if (op === 'replace' && dialect === 'rfc') reject('noTarget', `"${label}" matches no value to replace (RFC 7644 section 3.5.2.3)`)
    if (!attribute.multiValued && elements.length > 0) reject('noTarget', `"${label}" does not match the attribute's current value`)
    if (update === undefined) return
    const created = newElement(target, dialect)
    if (sub) setMember(created, sub.name, update)
    elements.push(sub || !isObject(update) ? created : mergeComplex(created, update))
    touched.add(elements.length - 1)
  }
  for (const i of matched) elements[i] = updated(target, op, elements[i]!, update)
  if (attribute.multiValued) enforcePrimary(elements, touched, label)
  store(resource, target, before, elements)
}

function updated(target: Target, op: 'add' | 'replace', element: JsonValue, update: JsonValue | undefined): JsonValue {
  const { sub, label } = target
  if (!sub) {
    if (op === 'add' && isObject(element) && isObject(update)) return mergeComplex(element, update)
    return update!
  }
  if (!isObject(element)) return element
  const key = findKey(element, sub.name)
  assertImmutableKept(sub, key === undefined ? undefined : element[key], update, label)
  const next: JsonObject = { ...element }
  setMember(next, sub.name, update)
  return next
}

function newElement(target: Target, dialect: PatchDialect): JsonObject {
  const seed = target.filter && equalities(target.filter)
  if (!seed || target.attribute.type !== 'complex') {
    reject('noTarget', `"${target.label}" matches no value, and its filter does not say what a new one would hold`)
  }
  const element = coerceElement(target.attribute, seed, dialect, target.label)
  return isObject(element) ? element : {}
}

/** The sub-attribute values a filter of "eq" comparisons joined by "and" requires. */
function equalities(filter: Filter): JsonObject | undefined {
  if (filter.kind === 'compare') {
    if (filter.op !== 'eq' || filter.path.uri !== undefined || filter.path.sub !== undefined) return undefined
    return { [filter.path.attr]: filter.value }
  }
  if (filter.kind !== 'and') return undefined
  const left = equalities(filter.left)
  const right = equalities(filter.right)
  return left && right ? { ...left, ...right } : undefined
}
