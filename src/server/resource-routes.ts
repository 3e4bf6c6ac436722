// GET, POST, PUT and DELETE on /Users and /Groups (RFC 7644 sections 3.3, 3.4.1,
// 3.5.1 and 3.6). PATCH lives in patch-route.ts.

import type { JsonObject, JsonValue } from '../scim/types.ts'
import type { ServerContext } from './context.ts'
import type { ScimHttpRequest, ScimHttpResponse } from './handle.ts'
import { requireIfMatch, notModified } from './preconditions.ts'
import { project } from './projection.ts'
import { locationOf, represent, versionTag } from './representation.ts'
import { readResourceBody } from './resource-input.ts'
import type { ResourceTypeSpec } from './resource-types.ts'
import { emptyResponse, jsonResponse, ScimProblem } from './response.ts'
import type { StoredResource } from './store.ts'
import { requireUnique } from './uniqueness.ts'
import { requireImmutableKept, requirePasswordChangeAllowed } from './write-rules.ts'

export function findOr404(context: ServerContext, type: ResourceTypeSpec, id: string): StoredResource {
  const entry = context.store.get(type.collection, id)
  if (entry === undefined) throw new ScimProblem(404, `${type.name} ${id} not found.`)
  return entry
}

/** The resource as the response shows it, honouring attributes/excludedAttributes (section 3.9). */
export function resourceResponse(
  status: number,
  entry: StoredResource,
  type: ResourceTypeSpec,
  context: ServerContext,
  req: ScimHttpRequest,
  extraHeaders: Record<string, string> = {},
): ScimHttpResponse {
  const projection = {
    attributes: req.query.get('attributes')?.split(','),
    excludedAttributes: req.query.get('excludedAttributes')?.split(','),
  }
  const body = project(represent(entry, type, context), type, projection)
  return jsonResponse(status, body, { ...etagHeader(entry, context), ...extraHeaders })
}

export function etagHeader(entry: StoredResource, context: ServerContext): Record<string, string> {
  return context.features.etag ? { etag: versionTag(entry) } : {}
}

export function getResource(context: ServerContext, type: ResourceTypeSpec, id: string, req: ScimHttpRequest): ScimHttpResponse {
  const entry = findOr404(context, type, id)
  if (context.features.etag && notModified(req.headers, entry)) return emptyResponse(304, etagHeader(entry, context))
  return resourceResponse(200, entry, type, context, req)
}

/** Section 3.3: 201, the resource, and a Location header equal to meta.location. */
export function createResource(context: ServerContext, type: ResourceTypeSpec, body: JsonValue, req: ScimHttpRequest): ScimHttpResponse {
  const attributes = readResourceBody(body, type)
  requireUnique(context.store, type, attributes)
  const entry = context.store.create(type.collection, attributes)
  return resourceResponse(201, entry, type, context, req, { location: locationOf(context.baseUrl, type, entry.id) })
}

/**
 * Section 3.5.1: the body replaces every client-asserted attribute; readOnly ones are
 * ignored, immutable ones may only be resent unchanged, required ones must be there,
 * omitted optional ones are cleared. An omitted password (writeOnly, never returned,
 * so a client cannot echo it back) is kept.
 */
export function replaceResource(
  context: ServerContext,
  type: ResourceTypeSpec,
  id: string,
  body: JsonValue,
  req: ScimHttpRequest,
): ScimHttpResponse {
  const previous = findOr404(context, type, id)
  if (context.features.etag) requireIfMatch(req.headers, previous)
  const attributes: JsonObject = readResourceBody(body, type)
  requireImmutableKept(type, previous.attributes, attributes)
  requirePasswordChangeAllowed(context, previous.attributes, attributes)
  if (attributes['password'] === undefined && previous.attributes['password'] !== undefined) {
    attributes['password'] = previous.attributes['password']
  }
  requireUnique(context.store, type, attributes, id)
  const entry = context.store.update(type.collection, id, attributes) ?? findOr404(context, type, id)
  return resourceResponse(200, entry, type, context, req)
}

/** Section 3.6: 204, and the resource is gone from every group's members too. */
export function deleteResource(context: ServerContext, type: ResourceTypeSpec, id: string, req: ScimHttpRequest): ScimHttpResponse {
  const entry = findOr404(context, type, id)
  if (context.features.etag) requireIfMatch(req.headers, entry)
  context.store.delete(type.collection, id)
  removeMemberships(context, id)
  return emptyResponse(204)
}

function removeMemberships(context: ServerContext, id: string): void {
  for (const group of context.store.all('Groups')) {
    const members = group.attributes['members']
    if (!Array.isArray(members)) continue
    const kept = members.filter((m) => !(typeof m === 'object' && m !== null && !Array.isArray(m) && m['value'] === id))
    if (kept.length === members.length) continue
    const { members: _members, ...rest } = group.attributes
    context.store.update('Groups', group.id, kept.length > 0 ? { ...rest, members: kept } : rest)
  }
}
