import type { Level } from './report/model.ts'

// Every normative statement of RFC 7643, RFC 7644 and Entra's provisioning
// documents that scim-conform knows of. A check cites the ids it verifies;
// coverage is measured over the observable ones.

export interface Requirement {
  readonly source: 'RFC7643' | 'RFC7644' | 'Entra'
  /** '3.4.2.2', or the Entra document's heading */
  readonly section: string
  readonly level: Level
  /** One line, in our own words. */
  readonly summary: string
  /** Why a black-box client cannot check it; such requirements are left out of coverage. */
  readonly unobservable?: string
}

export const requirements = {
  'rfc7644:3.3:created-201': { source: 'RFC7644', section: '3.3', level: 'MUST', summary: 'A successful create answers 201 Created with the created resource in the body.' },
  'rfc7644:3.3:location-header': { source: 'RFC7644', section: '3.3', level: 'SHOULD', summary: 'A create response carries a Location header with the resource URI, equal to meta.location.' },
  'rfc7643:3.1:id-assigned': { source: 'RFC7643', section: '3.1', level: 'MUST', summary: 'Every resource carries an id assigned by the service provider.' },
  'rfc7643:3.1:meta': { source: 'RFC7643', section: '3.1', level: 'MUST', summary: 'Every resource carries meta with resourceType, created, lastModified and location.' },
  'rfc7643:3:schemas': { source: 'RFC7643', section: '3', level: 'MUST', summary: 'Every resource lists the URIs of its schemas in "schemas".' },
  'rfc7644:3.3:uniqueness-409': { source: 'RFC7644', section: '3.3', level: 'MUST', summary: 'A create that duplicates a unique attribute answers 409 with scimType uniqueness.' },
  'rfc7644:3.4.1:get-by-id': { source: 'RFC7644', section: '3.4.1', level: 'MUST', summary: 'GET on a resource URI answers 200 with that resource.' },
  'rfc7644:3.12:not-found-404': { source: 'RFC7644', section: '3.12', level: 'MUST', summary: 'A request for a resource that does not exist answers 404 with a SCIM Error body.' },
  'rfc7644:3.12:error-schema': { source: 'RFC7644', section: '3.12', level: 'MUST', summary: 'Error responses carry the Error schema URI, status as a string, and scimType where defined.' },
  'rfc7644:3.4.2.2:filter-eq': { source: 'RFC7644', section: '3.4.2.2', level: 'MUST', summary: 'A filter with eq returns exactly the resources whose attribute equals the value.' },
  'rfc7643:2.1:case-insensitive-string': { source: 'RFC7643', section: '2.1', level: 'MUST', summary: 'Strings compare case-insensitively unless the attribute is caseExact (userName is not).' },
  'rfc7644:3.4.2:empty-list-200': { source: 'RFC7644', section: '3.4.2', level: 'MUST', summary: 'A query with no match answers 200 with a ListResponse whose totalResults is 0.' },
  'rfc7644:3.6:delete-204': { source: 'RFC7644', section: '3.6', level: 'MUST', summary: 'A successful DELETE answers 204 No Content.' },
  'rfc7644:3.6:deleted-not-found': { source: 'RFC7644', section: '3.6', level: 'MUST', summary: 'After a DELETE, the resource is no longer returned: a GET answers 404.' },
  'rfc7644:4:service-provider-config': { source: 'RFC7644', section: '4', level: 'MUST', summary: 'GET /ServiceProviderConfig answers with the ServiceProviderConfig schema.' },
  'rfc7644:4:schemas': { source: 'RFC7644', section: '4', level: 'MUST', summary: 'GET /Schemas lists the schemas the service provider supports.' },
  'rfc7644:4:resource-types': { source: 'RFC7644', section: '4', level: 'MUST', summary: 'GET /ResourceTypes lists the resource types the service provider supports.' },
  'rfc7644:2:authentication': { source: 'RFC7644', section: '2', level: 'MUST', summary: 'Requests without valid credentials are refused with 401 Unauthorized.' },
  'entra:test-connection:empty-list': { source: 'Entra', section: 'Test connection (entra-provisioning.md 1.1)', level: 'MUST', summary: 'Test Connection filters userName (and displayName) with a random value and needs 200 with an empty ListResponse.' },
  'entra:auth:reject-invalid-token': { source: 'Entra', section: 'Authorization (entra-provisioning.md 2.10)', level: 'MUST', summary: 'The endpoint rejects requests without a valid bearer token.' },
} as const satisfies Record<string, Requirement>

export type RequirementId = keyof typeof requirements

/** A check's level is the strongest level among the requirements it verifies. */
export function levelOf(ids: readonly RequirementId[]): Level {
  const levels = ids.map((id) => requirements[id].level)
  if (levels.includes('MUST')) return 'MUST'
  if (levels.includes('SHOULD')) return 'SHOULD'
  return 'MAY'
}
