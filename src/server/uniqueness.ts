// Uniqueness checks before a write: userName (RFC 7643 section 4.1.1, "uniqueness":
// "server", caseExact false) and group displayName (Entra requires it; RFC 7643 does not).
// A clash answers 409 with scimType uniqueness (RFC 7644 sections 3.3 and 3.12).

import type { JsonObject } from '../scim/types.ts'
import type { ResourceTypeSpec } from './resource-types.ts'
import { ScimProblem } from './response.ts'
import type { ResourceStore } from './store.ts'

export function requireUnique(store: ResourceStore, type: ResourceTypeSpec, attributes: JsonObject, selfId?: string): void {
  const value = attributes[type.uniqueAttribute]
  if (typeof value !== 'string') return
  const wanted = value.toLowerCase()
  const clash = store.all(type.collection).find((entry) => {
    const other = entry.attributes[type.uniqueAttribute]
    return entry.id !== selfId && typeof other === 'string' && other.toLowerCase() === wanted
  })
  if (clash !== undefined) {
    throw new ScimProblem(409, `A ${type.name} with ${type.uniqueAttribute} "${value}" already exists.`, 'uniqueness')
  }
}
