// PATCH on /Users/{id} and /Groups/{id} (RFC 7644 section 3.5.2), in the RFC and the
// Entra dialect at once. The operations are applied by src/scim/patch/apply.ts (the
// same code the suites use as their oracle); the result is then read back through the
// same rules as a PUT body, so a PATCH can never store what a PUT would refuse.

import { applyPatch } from '../scim/patch/apply.ts'
import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonValue, PatchRequest, ScimResource } from '../scim/types.ts'
import type { ServerContext } from './context.ts'
import type { ScimHttpRequest, ScimHttpResponse } from './handle.ts'
import { requireIfMatch } from './preconditions.ts'
import { isObject, readResourceBody } from './resource-input.ts'
import { etagHeader, findOr404, resourceResponse } from './resource-routes.ts'
import { schemasOf, type ResourceTypeSpec } from './resource-types.ts'
import { emptyResponse, errorResponse, ScimProblem } from './response.ts'
import { requireUnique } from './uniqueness.ts'
import { requireImmutableKept, requirePasswordChangeAllowed } from './write-rules.ts'

/**
 * Users answer 200 with the resource; groups answer 204, as Entra recommends
 * (RFC 7644 section 3.5.2 allows either). Both carry the new ETag when etags are on.
 */
export function patchResource(
  context: ServerContext,
  type: ResourceTypeSpec,
  id: string,
  body: JsonValue,
  req: ScimHttpRequest,
): ScimHttpResponse {
  // RFC 7644 section 3.12: 501 for an operation the service provider does not support.
  if (!context.features.patch) return errorResponse(501, 'PATCH is not supported by this server (patch.supported is false).')
  const previous = findOr404(context, type, id)
  if (context.features.etag) requireIfMatch(req.headers, previous)
  const request = readPatchRequest(body)
  const current: ScimResource = {
    ...structuredClone(previous.attributes),
    schemas: [type.schema.id, ...type.extensions.map((e) => e.id).filter((e) => previous.attributes[e] !== undefined)],
    id: previous.id,
  }
  const outcome = applyPatch(current, request, { schemas: schemasOf(type), coreSchemaId: type.schema.id, dialect: 'entra' })
  if (!outcome.ok) throw new ScimProblem(outcome.status, outcome.detail, outcome.scimType)
  let entry = previous
  if (outcome.changed) {
    const attributes = readResourceBody(withCoreSchema(outcome.resource, type), type)
    requireImmutableKept(type, previous.attributes, attributes)
    requirePasswordChangeAllowed(context, previous.attributes, attributes)
    requireUnique(context.store, type, attributes, id)
    entry = context.store.update(type.collection, id, attributes) ?? previous
  }
  if (type.patchStatus === 204) return emptyResponse(204, etagHeader(entry, context))
  return resourceResponse(200, entry, type, context, req)
}

/** The result keeps "schemas" if the patch did not touch it; a patch cannot drop the core schema. */
function withCoreSchema(resource: ScimResource, type: ResourceTypeSpec): ScimResource {
  const schemas = Array.isArray(resource.schemas) ? resource.schemas : []
  return schemas.includes(type.schema.id) ? resource : { ...resource, schemas: [type.schema.id, ...schemas] }
}

function readPatchRequest(body: JsonValue): PatchRequest {
  if (!isObject(body)) throw new ScimProblem(400, 'A PatchOp body must be a JSON object.', 'invalidSyntax')
  const schemas = body['schemas']
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SCHEMA_URN.patchOp.toLowerCase())) {
    throw new ScimProblem(400, `A PatchOp body must list ${SCHEMA_URN.patchOp} in "schemas".`, 'invalidSyntax')
  }
  const operations = body['Operations']
  if (!Array.isArray(operations) || operations.length === 0) {
    throw new ScimProblem(400, 'A PatchOp body needs a non-empty "Operations" array.', 'invalidSyntax')
  }
  for (const operation of operations) {
    if (!isObject(operation) || typeof operation['op'] !== 'string') {
      throw new ScimProblem(400, 'Every operation needs an "op" string.', 'invalidSyntax')
    }
    if (operation['path'] !== undefined && typeof operation['path'] !== 'string') {
      throw new ScimProblem(400, '"path" must be a string.', 'invalidPath')
    }
  }
  return body as unknown as PatchRequest
}
