import type { Dialect } from '../profile.ts'
import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonObject, JsonValue } from '../scim/types.ts'
import { filterLiteral, parseEntraPath } from '../kit/profile-values.ts'

// The request shapes Entra's provisioning job sends, per dialect:
// 'entra' = the default scim job (capitalised ops, "True"/"False", members removed
// with a value array), 'entra-flag' = ?aadOptscim062020 (lower-case ops, JSON
// booleans, members[value eq "…"]), 'rfc' = RFC 7644 3.5.2 shapes.

/** Microsoft's extra schema URI on group creates (Microsoft's Entra SCIM documentation). */
export const ADSCIM_GROUP_URN = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group'
export const MANAGER_PATH = `${SCHEMA_URN.enterpriseUser}:manager`

const isEntra = (dialect: Dialect): boolean => dialect !== 'rfc'

/** POST /Users body, Microsoft's Entra SCIM documentation "Create User": client meta.resourceType and roles: [] included. */
export function createUserBody(dialect: Dialect, attributes: JsonObject): JsonObject {
  const body: JsonObject = { schemas: [SCHEMA_URN.user, SCHEMA_URN.enterpriseUser], ...attributes }
  if (!isEntra(dialect)) return body
  return { ...body, meta: { resourceType: 'User' }, roles: Array.isArray(attributes['roles']) ? attributes['roles'] : [] }
}

/** POST /Groups body, Microsoft's Entra SCIM documentation: no members, Microsoft's ADSCIM schema URI alongside the core one. */
export function createGroupBody(dialect: Dialect, attributes: JsonObject): JsonObject {
  if (!isEntra(dialect)) return { schemas: [SCHEMA_URN.group], ...attributes }
  return { schemas: [SCHEMA_URN.group, ADSCIM_GROUP_URN], ...attributes, meta: { resourceType: 'Group' } }
}

export type OpName = 'add' | 'replace' | 'remove'
export interface PatchOperation {
  readonly op: OpName
  readonly path?: string
  readonly value?: JsonValue
}

/** "Microsoft Entra ID emits the values of op as Add, Replace, and Remove" without the flag (1.2.4). */
function opText(dialect: Dialect, op: OpName): string {
  return dialect === 'entra' ? `${op[0]?.toUpperCase() ?? ''}${op.slice(1)}` : op
}

export function patchBody(dialect: Dialect, operations: readonly PatchOperation[]): JsonObject {
  return {
    schemas: [SCHEMA_URN.patchOp],
    Operations: operations.map((o) => ({ op: opText(dialect, o.op), ...(o.path !== undefined ? { path: o.path } : {}), ...(o.value !== undefined ? { value: o.value } : {}) })),
  }
}

/** One op per changed attribute: Add where the target has no value yet, Replace otherwise (1.2.4). */
export function changedAttributeOps(changes: readonly { readonly path: string; readonly value: JsonValue; readonly hadValue: boolean }[]): PatchOperation[] {
  return changes.map((c) => ({ op: c.hadValue ? 'replace' : 'add', path: c.path, value: c.value }))
}

/** Disable / re-enable: "False"/"True" strings by default, JSON booleans with the flag (1.2.5, 3.3 row 1). */
export function activeOp(dialect: Dialect, active: boolean): PatchOperation {
  return { op: 'replace', path: 'active', value: dialect === 'entra' ? (active ? 'True' : 'False') : active }
}

/** Manager as a bare id in both Entra modes (1.2.6); RFC 7643 4.3 writes the complex value. */
export function managerOp(dialect: Dialect, managerId: string, hadValue: boolean): PatchOperation {
  return { op: hadValue ? 'replace' : 'add', path: MANAGER_PATH, value: isEntra(dialect) ? managerId : { value: managerId } }
}

/** Add members: `"$ref": null` by default (1.3), plain values with the flag (3.3). */
export function addMembersOp(dialect: Dialect, ids: readonly string[]): PatchOperation {
  return { op: 'add', path: 'members', value: ids.map((id): JsonObject => (dialect === 'entra' ? { $ref: null, value: id } : { value: id })) }
}

/** Remove members: a value array by default (non-RFC, 1.3); `members[value eq "…"]` with the flag and in RFC 7644. */
export function removeMembersOps(dialect: Dialect, ids: readonly string[]): PatchOperation[] {
  if (dialect === 'entra') return [{ op: 'remove', path: 'members', value: ids.map((id) => ({ $ref: null, value: id })) }]
  return ids.map((id) => ({ op: 'remove', path: `members[value eq ${JSON.stringify(id)}]` }))
}

/**
 * The match query: `filter=<path> eq "<value>"`. The client encodes it with
 * URLSearchParams, i.e. spaces as "+" and quotes as %22, as Entra's captures show (1.2.1).
 * Groups are queried with excludedAttributes=members first (1.3).
 */
export function matchQuery(kind: 'User' | 'Group', path: string, value: JsonValue, dialect: Dialect): Record<string, string> {
  const filter = eqFilter(dialect, path, value)
  return kind === 'Group' ? { excludedAttributes: 'members', filter } : { filter }
}

/**
 * `<path> eq <value>`. Entra filters a filtered path as written in its mapping,
 * `emails[type eq "work"].value eq "…"`, which
 * RFC 7644's grammar lacks; the rfc dialect writes the RFC equivalent
 * `emails[type eq "work" and value eq "…"]`.
 */
export function eqFilter(dialect: Dialect, path: string, value: JsonValue): string {
  const parsed = parseEntraPath(path)
  if (dialect !== 'rfc' || !parsed.filter) return `${path} eq ${filterLiteral(value)}`
  const owner = `${parsed.urn ? `${parsed.urn}:` : ''}${parsed.attribute}`
  return `${owner}[${parsed.filter.attribute} eq ${filterLiteral(parsed.filter.value)} and ${parsed.sub ?? 'value'} eq ${filterLiteral(value)}]`
}
