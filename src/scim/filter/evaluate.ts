// The filter oracle: does a resource match a filter, by RFC 7644 section 3.4.2.2?
// The same function is the reference server's matcher, so the suite and the server
// cannot disagree about what a filter means.

import type { AttrPath, CompareOperator, CompareValue, Filter } from './ast.ts'
import type { AttributeDefinition } from '../schema-model.ts'
import type { JsonObject, JsonValue, ScimResource } from '../types.ts'
import { checkOrdering, compareOne, FilterEvaluationError } from './compare.ts'
import { formatAttrPath } from './format.ts'

export { FilterEvaluationError } from './compare.ts'

/**
 * The definition of what a path names: the sub-attribute's when the path has one,
 * else the attribute's; undefined when the schema does not know it. Unknown
 * attributes are compared as strings with caseExact false (RFC 7643 section 2.4).
 */
export type AttributeLookup = (path: AttrPath) => AttributeDefinition | undefined

/** Where a filter's attribute paths are read from: the resource, or one value of a value path. */
interface Scope {
  readonly read: (path: AttrPath) => JsonValue | undefined
  readonly define: (path: AttrPath) => AttributeDefinition | undefined
}

/** Throws FilterEvaluationError (scimType invalidFilter) for a semantically invalid filter. */
export function evaluateFilter(filter: Filter, resource: ScimResource, lookup: AttributeLookup): boolean {
  const scope: Scope = { read: (path) => valueOf(container(resource, path.uri), path.attr), define: lookup }
  return evaluate(filter, scope)
}

function evaluate(filter: Filter, scope: Scope): boolean {
  switch (filter.kind) {
    case 'and':
      return evaluate(filter.left, scope) && evaluate(filter.right, scope)
    case 'or':
      return evaluate(filter.left, scope) || evaluate(filter.right, scope)
    case 'not':
      return !evaluate(filter.filter, scope)
    case 'present':
      return isPresent(selectValues(scope, filter.path, false).values)
    case 'compare':
      return compare(scope, filter.path, filter.op, filter.value)
    case 'valuePath':
      return matchValuePath(scope, filter.path, filter.filter)
  }
}

/**
 * RFC 7644 section 3.4.2.2: a multi-valued attribute matches if any of its values
 * matches. "ne" is a criterion like any other, so it matches when some value differs,
 * and an absent attribute is "not equal" to anything. `eq null` matches an absent
 * (or null) attribute and `ne null` a present one, as in JSON.
 */
function compare(scope: Scope, path: AttrPath, op: CompareOperator, expected: CompareValue): boolean {
  const { values, definition } = selectValues(scope, path, true)
  checkOrdering(op, expected, definition, formatAttrPath(path))
  const present = values.filter((value) => value !== null)
  if (expected === null && (op === 'eq' || op === 'ne')) return (present.length === 0) === (op === 'eq')
  if (present.length === 0) return op === 'ne'
  return present.some((value) => compareOne(op, value, expected, definition))
}

/** RFC 7644 section 3.4.2.2 valuePath: the inner filter is applied to each value on its own. */
function matchValuePath(scope: Scope, path: AttrPath, inner: Filter): boolean {
  const { values } = selectValues(scope, path, false)
  return values.some((value) => {
    if (!isObject(value)) return false
    const element: Scope = {
      read: (innerPath) => valueOf(value, innerPath.attr),
      define: (innerPath) =>
        innerPath.sub === undefined ? scope.define({ ...withoutSub(path), sub: innerPath.attr }) : undefined,
    }
    return evaluate(inner, element)
  })
}

interface Selection {
  readonly values: readonly JsonValue[]
  readonly definition: AttributeDefinition | undefined
}

/**
 * The values a path names, multi-valued attributes flattened. With `toValue`, a
 * complex multi-valued attribute without a sub-attribute stands for its "value"
 * sub-attribute (RFC 7644 section 3.4.2.2 example: emails co "example.com"); a
 * single complex attribute cannot be compared without naming a sub-attribute.
 */
function selectValues(scope: Scope, path: AttrPath, toValue: boolean): Selection {
  const raw = scope.read(path)
  const attribute = scope.define(withoutSub(path))
  if (path.sub !== undefined) {
    const sub = path.sub
    return { values: asList(raw).flatMap((item) => asList(valueOf(item, sub))), definition: scope.define(path) }
  }
  const items = asList(raw)
  const complex = attribute ? attribute.type === 'complex' : items.some(isObject)
  if (!toValue || !complex) return { values: items, definition: attribute }
  const multiValued = attribute ? attribute.multiValued : Array.isArray(raw)
  if (!multiValued) {
    if (attribute) {
      throw new FilterEvaluationError(`"${formatAttrPath(path)}" is a complex attribute; compare one of its sub-attributes, as in name.familyName (RFC 7644 section 3.4.2.2)`)
    }
    return { values: [], definition: undefined }
  }
  return {
    values: items.flatMap((item) => (isObject(item) ? asList(valueOf(item, 'value')) : [item])),
    definition: scope.define({ ...path, sub: 'value' }),
  }
}

/**
 * Extension attributes sit under their schema URN (RFC 7643 section 3.3); a core
 * schema URN on a core attribute names the top level. An extension the resource
 * has no values for holds nothing.
 */
function container(resource: ScimResource, uri: string | undefined): JsonValue | undefined {
  if (uri === undefined) return resource
  const extension = valueOf(resource, uri)
  if (isObject(extension)) return extension
  return /:extension:/i.test(uri) ? undefined : resource
}

/** RFC 7643 section 2.1: attribute names (and schema URNs) are case-insensitive. */
function valueOf(holder: JsonValue | undefined, name: string): JsonValue | undefined {
  if (!isObject(holder)) return undefined
  if (Object.hasOwn(holder, name)) return holder[name]
  const wanted = name.toLowerCase()
  const key = Object.keys(holder).find((candidate) => candidate.toLowerCase() === wanted)
  return key === undefined ? undefined : holder[key]
}

/** RFC 7644 section 3.4.2.2 "pr": null, "", [] and {} are not values. */
function isPresent(values: readonly JsonValue[]): boolean {
  return values.some((value) => {
    if (value === null || value === '') return false
    if (Array.isArray(value)) return isPresent(value)
    if (isObject(value)) return isPresent(Object.values(value))
    return true
  })
}

function asList(value: JsonValue | undefined): JsonValue[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function withoutSub(path: AttrPath): AttrPath {
  return path.uri === undefined ? { attr: path.attr } : { uri: path.uri, attr: path.attr }
}
