// The discovery endpoints of RFC 7644 section 4: /ServiceProviderConfig (RFC 7643
// section 5), /ResourceTypes (section 6) and /Schemas (section 7), built from the
// same definitions the server validates with, so what it claims is what it does.

import { coreSchemas } from '../scim/core-schemas.ts'
import { SCHEMA_URN, type SchemaDefinition } from '../scim/schema-model.ts'
import type { JsonObject, JsonValue } from '../scim/types.ts'
import type { ServerFeatures } from './features.ts'
import { RESOURCE_TYPES, type ResourceTypeSpec } from './resource-types.ts'

export function serviceProviderConfig(baseUrl: string, features: ServerFeatures): JsonObject {
  return {
    schemas: [SCHEMA_URN.serviceProviderConfig],
    documentationUri: 'https://datatracker.ietf.org/doc/html/rfc7644',
    patch: { supported: features.patch },
    bulk: { supported: features.bulk, maxOperations: features.bulk ? features.bulkMaxOperations : 0, maxPayloadSize: features.bulk ? features.bulkMaxPayloadSize : 0 },
    filter: { supported: true, maxResults: features.filterMaxResults },
    changePassword: { supported: features.changePassword },
    sort: { supported: features.sort },
    etag: { supported: features.etag },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with a bearer token in the Authorization header (RFC 6750 section 2.1).',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${baseUrl}/ServiceProviderConfig` },
  }
}

export function resourceTypeResource(baseUrl: string, type: ResourceTypeSpec): JsonObject {
  return {
    schemas: [SCHEMA_URN.resourceType],
    id: type.name,
    name: type.name,
    endpoint: type.endpoint,
    description: type.schema.description ?? type.name,
    schema: type.schema.id,
    schemaExtensions: type.extensions.map((e) => ({ schema: e.id, required: false })),
    meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/${type.name}` },
  }
}

export function allResourceTypes(baseUrl: string): JsonObject[] {
  return RESOURCE_TYPES.map((type) => resourceTypeResource(baseUrl, type))
}

/** RFC 7643 section 7: a schema as a resource. Definitions are plain JSON already; absent values stay absent. */
export function schemaResource(baseUrl: string, schema: SchemaDefinition): JsonObject {
  const body = JSON.parse(JSON.stringify(schema)) as JsonObject
  return {
    schemas: [SCHEMA_URN.schema],
    ...body,
    meta: { resourceType: 'Schema', location: `${baseUrl}/Schemas/${schema.id}` },
  }
}

export function allSchemas(baseUrl: string): JsonObject[] {
  return coreSchemas.map((schema) => schemaResource(baseUrl, schema))
}

export function findById<T extends JsonObject>(items: readonly T[], id: string): T | undefined {
  return items.find((item) => typeof item['id'] === 'string' && (item['id'] as string).toLowerCase() === id.toLowerCase())
}

export function listOf(resources: readonly JsonValue[]): JsonObject {
  return {
    schemas: [SCHEMA_URN.listResponse],
    totalResults: resources.length,
    itemsPerPage: resources.length,
    startIndex: 1,
    Resources: [...resources],
  }
}
