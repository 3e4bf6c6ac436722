import type { SchemaDefinition } from '../schema-model.ts'

/**
 * `rfc`: RFC 7644 section 3.5.2 to the letter (lowercase ops, JSON booleans).
 * `entra`: also what Microsoft Entra ID provisioning sends (Microsoft's Entra SCIM
 * documentation): capitalised ops, "True"/"False" strings, the
 * manager as a bare id, member removal with a value array.
 */
export type PatchDialect = 'rfc' | 'entra'

export interface PatchContext {
  /** Every schema the resource type uses: its core schema and its extensions. */
  readonly schemas: readonly SchemaDefinition[]
  /** The resource type's core schema id, e.g. SCHEMA_URN.user; unqualified names belong to it. */
  readonly coreSchemaId: string
  readonly dialect: PatchDialect
}
