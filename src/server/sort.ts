// sortBy / sortOrder (RFC 7644 section 3.4.2.3): strings compare by caseExact,
// a multi-valued attribute sorts by its primary value or else its first value,
// and resources without a value sort last when ascending (first when descending).

import { resolveAttribute, splitUrnPath } from '../scim/attributes.ts'
import type { AttributeDefinition } from '../scim/schema-model.ts'
import type { JsonValue, ScimResource } from '../scim/types.ts'
import { isObject } from './resource-input.ts'
import { schemasOf, type ResourceTypeSpec } from './resource-types.ts'

export interface Sortable {
  readonly resource: ScimResource
  readonly type: ResourceTypeSpec
}

type SortKey = { readonly kind: 'none' } | { readonly kind: 'value'; readonly value: string | number | boolean }

export function sortResources<T extends Sortable>(items: readonly T[], sortBy: string, order: 'ascending' | 'descending'): T[] {
  const keyed = items.map((item, index) => ({ item, index, key: sortKey(item, sortBy) }))
  const direction = order === 'ascending' ? 1 : -1
  keyed.sort((a, b) => {
    const byKey = compareKeys(a.key, b.key) * direction
    return byKey !== 0 ? byKey : a.index - b.index
  })
  return keyed.map((k) => k.item)
}

function compareKeys(a: SortKey, b: SortKey): number {
  if (a.kind === 'none' || b.kind === 'none') return a.kind === b.kind ? 0 : a.kind === 'none' ? 1 : -1
  const x = a.value
  const y = b.value
  if (typeof x === 'string' && typeof y === 'string') return x < y ? -1 : x > y ? 1 : 0
  if (typeof x === typeof y) return Number(x) - Number(y)
  return typeof x < typeof y ? -1 : 1
}

function sortKey({ resource, type }: Sortable, sortBy: string): SortKey {
  const split = splitUrnPath(sortBy, type.extensions.map((e) => e.id))
  const resolved = resolveAttribute(schemasOf(type), type.schema.id, split)
  if (resolved === undefined) return { kind: 'none' }
  const holder = resolved.schemaId === type.schema.id ? resource : resource[resolved.schemaId]
  if (!isObject(holder)) return { kind: 'none' }
  let value: JsonValue | undefined = holder[resolved.attribute.name]
  let definition: AttributeDefinition = resolved.attribute
  if (Array.isArray(value)) value = value.find((v) => isObject(v) && v['primary'] === true) ?? value[0]
  if (definition.type === 'complex') {
    // A complex attribute without a named sub-attribute sorts by its "value" (RFC 7643 section 2.4).
    const sub = resolved.sub ?? definition.subAttributes?.find((s) => s.name === 'value')
    if (sub === undefined || !isObject(value)) return { kind: 'none' }
    value = value[sub.name]
    definition = sub
  }
  return keyOf(definition, value)
}

function keyOf(definition: AttributeDefinition, value: JsonValue | undefined): SortKey {
  if (typeof value === 'string') {
    if (definition.type === 'dateTime') {
      const time = Date.parse(value)
      if (!Number.isNaN(time)) return { kind: 'value', value: time }
    }
    return { kind: 'value', value: definition.caseExact ? value : value.toLowerCase() }
  }
  if (typeof value === 'number' || typeof value === 'boolean') return { kind: 'value', value }
  return { kind: 'none' }
}
