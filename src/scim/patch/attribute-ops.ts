// add, replace and remove on a path without a value filter: "attr", "attr.sub",
// "urn:...:attr" (RFC 7644 sections 3.5.2.1, 3.5.2.2, 3.5.2.3).

import type { JsonObject, JsonValue, ScimResource } from '../types.ts'
import type { PatchDialect } from './context.ts'
import type { Target } from './target.ts'
import { assertImmutableKept, assertRemovable, assertWritable } from './mutability.ts'
import { enforcePrimary } from './primary.ts'
import { mergeComplex, readSlot, setMember, writeSlot } from './slot.ts'
import { coerceValue, containsValue, findKey, isObject } from './values.ts'

export function addOrReplaceAttribute(resource: ScimResource, op: 'add' | 'replace', target: Target, value: JsonValue, dialect: PatchDialect): void {
  const { attribute, label } = target
  assertWritable(attribute, label)
  if (target.sub) return setSubAttribute(resource, op, target, value, dialect)
  const before = readSlot(resource, target)
  const coerced = coerceValue(attribute, value, dialect, label)
  let after: JsonValue | undefined
  if (coerced === undefined) {
    // null, [] or Entra's "" for the manager: unassigned (RFC 7643 section 2.5).
    // Adding nothing changes nothing; replacing with nothing unassigns.
    if (op === 'add') return
    assertRemovable(attribute, label)
  } else if (Array.isArray(coerced)) {
    after = op === 'add' && Array.isArray(before) ? appendDistinct(before, coerced, label) : replaceAll(coerced, label)
  } else if (isObject(coerced)) {
    // A complex value: "Sub-attributes that are not specified in the 'value'
    // parameter are left unchanged" (3.5.2.3); add replaces those given (3.5.2.1).
    after = mergeComplex(before, coerced)
  } else {
    after = coerced
  }
  assertImmutableKept(attribute, before, after, label)
  writeSlot(resource, target, after)
}

/** 3.5.2.1: "a new value is added", and an identical one already there is not added again. */
function appendDistinct(before: readonly JsonValue[], additions: readonly JsonValue[], label: string): JsonValue[] {
  const after = [...before]
  const touched = new Set<number>()
  for (const item of additions) {
    if (after.some((existing) => containsValue(existing, item))) continue
    touched.add(after.push(item) - 1)
  }
  enforcePrimary(after, touched, label)
  return after
}

/** 3.5.2.3: "the attribute and all values are replaced". */
function replaceAll(items: JsonValue[], label: string): JsonValue[] {
  enforcePrimary(items, new Set(items.keys()), label)
  return items
}

function setSubAttribute(resource: ScimResource, op: 'add' | 'replace', target: Target, value: JsonValue, dialect: PatchDialect): void {
  const { attribute, label } = target
  const sub = target.sub!
  assertWritable(sub, label)
  const parent = readSlot(resource, target)
  const current = isObject(parent) ? parent : undefined
  const key = current && findKey(current, sub.name)
  const before = current && key !== undefined ? current[key] : undefined
  const coerced = coerceValue(sub, value, dialect, label)
  if (coerced === undefined) {
    if (op === 'add') return
    assertRemovable(sub, label)
  }
  assertImmutableKept(sub, before, coerced, label)
  const next: JsonObject = { ...current }
  setMember(next, sub.name, coerced)
  const after = Object.keys(next).length === 0 ? undefined : next
  assertImmutableKept(attribute, parent, after, label)
  writeSlot(resource, target, after)
}

/**
 * 3.5.2.2: the attribute (or sub-attribute) and its values are removed. In the
 * entra dialect a "value" array on a multi-valued attribute removes only the
 * listed values: Entra removes group members as
 * {"op":"Remove","path":"members","value":[{"value":id}]}.
 * The RFC defines no "value" for remove, so the rfc dialect ignores it and removes
 * every value, as a spec-literal server does.
 */
export function removeAttribute(resource: ScimResource, target: Target, value: JsonValue | undefined, dialect: PatchDialect): void {
  const { attribute, label } = target
  const before = readSlot(resource, target)
  if (target.sub) {
    assertWritable(attribute, label)
    assertRemovable(target.sub, label)
    if (!isObject(before)) return
    const next: JsonObject = { ...before }
    setMember(next, target.sub.name, undefined)
    const after = Object.keys(next).length === 0 ? undefined : next
    assertImmutableKept(attribute, before, after, label)
    return writeSlot(resource, target, after)
  }
  if (dialect === 'entra' && attribute.multiValued && value !== undefined && value !== null) {
    return removeListedValues(resource, target, value, before)
  }
  assertRemovable(attribute, label)
  assertImmutableKept(attribute, before, undefined, label)
  writeSlot(resource, target, undefined)
}

function removeListedValues(resource: ScimResource, target: Target, value: JsonValue, before: JsonValue | undefined): void {
  const { attribute, label } = target
  assertWritable(attribute, label)
  const listed = coerceValue(attribute, value, 'entra', label)
  if (!Array.isArray(listed) || !Array.isArray(before)) return
  const remaining = before.filter((element) => !listed.some((item) => containsValue(element, item)))
  const after = remaining.length === 0 ? undefined : remaining
  if (after === undefined) assertRemovable(attribute, label)
  assertImmutableKept(attribute, before, after, label)
  writeSlot(resource, target, after)
}
