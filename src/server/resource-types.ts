// The two resource types the reference server serves (RFC 7643 section 6) and
// what differs between them.

import { enterpriseUserSchema, groupSchema, userSchema } from '../scim/core-schemas.ts'
import type { SchemaDefinition } from '../scim/schema-model.ts'

export type CollectionName = 'Users' | 'Groups'

export interface ResourceTypeSpec {
  readonly name: 'User' | 'Group'
  readonly endpoint: '/Users' | '/Groups'
  readonly collection: CollectionName
  readonly schema: SchemaDefinition
  readonly extensions: readonly SchemaDefinition[]
  /** Unique case-insensitively: userName by RFC 7643 section 4.1.1, displayName by Entra's gallery rule. */
  readonly uniqueAttribute: 'userName' | 'displayName'
  /**
   * RFC 7644 section 3.5.2 allows 200 with the resource or 204. Entra's documentation
   * recommends 204 for groups (a group body with all members can be large).
   */
  readonly patchStatus: 200 | 204
}

export const USER_TYPE: ResourceTypeSpec = {
  name: 'User',
  endpoint: '/Users',
  collection: 'Users',
  schema: userSchema,
  extensions: [enterpriseUserSchema],
  uniqueAttribute: 'userName',
  patchStatus: 200,
}

export const GROUP_TYPE: ResourceTypeSpec = {
  name: 'Group',
  endpoint: '/Groups',
  collection: 'Groups',
  schema: groupSchema,
  extensions: [],
  uniqueAttribute: 'displayName',
  patchStatus: 204,
}

export const RESOURCE_TYPES: readonly ResourceTypeSpec[] = [USER_TYPE, GROUP_TYPE]

export function schemasOf(type: ResourceTypeSpec): readonly SchemaDefinition[] {
  return [type.schema, ...type.extensions]
}
