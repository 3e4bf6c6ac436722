// Answers a list query (RFC 7644 section 3.4.2) over one resource type, or over
// all of them for a query at the server root (sections 3.4.2.1 and 3.4.3):
// filter, then sort, then page, then project.

import type { Filter } from '../scim/filter/ast.ts'
import { resolveAttribute } from '../scim/attributes.ts'
import { evaluateFilter, FilterEvaluationError } from '../scim/filter/evaluate.ts'
import { FilterSyntaxError, parseFilter } from '../scim/filter/parse.ts'
import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonObject, ScimResource } from '../scim/types.ts'
import type { ServerContext } from './context.ts'
import type { StoredResource } from './store.ts'
import type { ListQuery } from './list-query.ts'
import { project } from './projection.ts'
import { represent } from './representation.ts'
import { schemasOf, type ResourceTypeSpec } from './resource-types.ts'
import { ScimProblem } from './response.ts'
import { sortResources, type Sortable } from './sort.ts'

export function search(
  types: readonly ResourceTypeSpec[],
  query: ListQuery,
  context: ServerContext,
): JsonObject {
  const filter = query.filter === undefined ? undefined : readFilter(query.filter)
  let matches: (Sortable & { readonly entry: StoredResource })[] = types.flatMap((type) =>
    context.store
      .all(type.collection)
      .map((entry) => ({ type, entry, resource: represent(entry, type, context, true) }))
      .filter(({ type, resource }) => filter === undefined || matchesFilter(filter, resource, type)),
  )
  // Without the sort feature, sortBy is ignored (the RFC makes sorting optional, section 3.4.2.3).
  if (query.sortBy !== undefined && context.features.sort) matches = sortResources(matches, query.sortBy, query.sortOrder)
  const page = matches.slice(query.startIndex - 1, query.startIndex - 1 + query.count)
  return {
    schemas: [SCHEMA_URN.listResponse],
    totalResults: matches.length,
    itemsPerPage: page.length,
    startIndex: query.startIndex,
    Resources: page.map(({ type, entry }) => project(represent(entry, type, context), type, query)),
  }
}

function readFilter(text: string): Filter {
  try {
    return parseFilter(text)
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw new ScimProblem(400, error.message, 'invalidFilter')
    throw error
  }
}

/** Filters see the full representation (before projection), so meta and groups can be filtered on. */
function matchesFilter(filter: Filter, resource: ScimResource, type: ResourceTypeSpec): boolean {
  const schemas = schemasOf(type)
  try {
    return evaluateFilter(filter, resource, (path) => {
      const resolved = resolveAttribute(schemas, type.schema.id, path)
      return resolved?.sub ?? resolved?.attribute
    })
  } catch (error) {
    if (error instanceof FilterEvaluationError) throw new ScimProblem(400, error.message, 'invalidFilter')
    throw error
  }
}
