// Whether one value of a multi-valued (or complex) attribute satisfies a PATCH
// value filter. The filter's paths name the attribute's sub-attributes
// (RFC 7644 section 3.4.2.2, valuePath), so each value is judged on its own as if
// it were a resource whose attributes are those sub-attributes.

import type { AttrPath, Filter } from '../filter/ast.ts'
import type { AttributeDefinition } from '../schema-model.ts'
import type { JsonValue, ScimResource } from '../types.ts'
import type { PatchDialect } from './context.ts'
import type { Target } from './target.ts'
import { findAttribute } from '../attributes.ts'
import { evaluateFilter, FilterEvaluationError } from '../filter/evaluate.ts'
import { reject } from './errors.ts'
import { isObject } from './values.ts'

export function matchesElement(target: Target, element: JsonValue, dialect: PatchDialect): boolean {
  if (!target.filter) return true
  const { attribute } = target
  // RFC 7643 section 2.4: a simple multi-valued attribute's values are filtered as "value".
  const subject: ScimResource = isObject(element) ? { ...element, schemas: [] } : { schemas: [], value: element }
  const lookup = (path: AttrPath): AttributeDefinition | undefined => {
    if (path.uri !== undefined || path.sub !== undefined) return undefined
    if (attribute.type !== 'complex') return path.attr.toLowerCase() === 'value' ? { ...attribute, name: 'value', multiValued: false } : undefined
    return findAttribute(attribute.subAttributes, path.attr)
  }
  const filter = dialect === 'entra' ? withJsonBooleans(target.filter, lookup) : target.filter
  try {
    return evaluateFilter(filter, subject, lookup)
  } catch (error) {
    // Table 9 (RFC 7644 section 3.12) lists invalidFilter for "PATCH (Path Filter)".
    if (error instanceof FilterEvaluationError) reject('invalidFilter', `"${target.label}": ${error.message}`)
    throw error
  }
}

/** Entra filters on roles[primary eq "True"] (Microsoft's Entra SCIM documentation): "True" means true there. */
function withJsonBooleans(filter: Filter, lookup: (path: AttrPath) => AttributeDefinition | undefined): Filter {
  switch (filter.kind) {
    case 'compare': {
      const isBooleanText = typeof filter.value === 'string' && /^(true|false)$/i.test(filter.value)
      if (!isBooleanText || lookup(filter.path)?.type !== 'boolean') return filter
      return { ...filter, value: String(filter.value).toLowerCase() === 'true' }
    }
    case 'and':
    case 'or':
      return { ...filter, left: withJsonBooleans(filter.left, lookup), right: withJsonBooleans(filter.right, lookup) }
    case 'not':
      return { ...filter, filter: withJsonBooleans(filter.filter, lookup) }
    default:
      return filter
  }
}
