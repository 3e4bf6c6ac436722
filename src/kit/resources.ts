import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonObject } from '../scim/types.ts'

// Minimal valid resources for the functional checks. Every name carries the run
// prefix (through uniqueName), so nothing the run creates can collide with a tenant's data.

export function userBody(userName: string, extra: JsonObject = {}): JsonObject {
  return {
    schemas: [SCHEMA_URN.user],
    userName,
    name: { givenName: 'Conform', familyName: 'Check' },
    emails: [{ value: userName, type: 'work', primary: true }],
    active: true,
    ...extra,
  }
}

export function groupBody(displayName: string, extra: JsonObject = {}): JsonObject {
  return { schemas: [SCHEMA_URN.group], displayName, ...extra }
}

/** The id of a created resource, or a CheckFailure-worthy undefined. */
export function idOf(body: unknown): string | undefined {
  const id = (body as { id?: unknown } | undefined)?.id
  return typeof id === 'string' && id !== '' ? id : undefined
}

export function resourcesOf(body: unknown): JsonObject[] {
  const resources = (body as { Resources?: unknown } | undefined)?.Resources
  return Array.isArray(resources) ? (resources as JsonObject[]) : []
}
