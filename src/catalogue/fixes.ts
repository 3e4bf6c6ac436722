import { responseKinds } from '../response-kinds.ts'
import { schemaCheckId } from '../kit/observe.ts'

// How to fix each check: what the server should send instead, with the rule.
// Shown next to every failure (console, report.json, report.html, report.md).
// test/fixes.test.ts proves every check a run can register has an entry here.

const core = {
  'auth.no-token.401': 'Answer any request without an Authorization header with 401 and a SCIM Error body (RFC 7644 2, 3.12); never serve data without a valid bearer token.',
  'auth.no-token.www-authenticate': 'Send a WWW-Authenticate header with every 401, e.g. WWW-Authenticate: Bearer realm="scim" (RFC 7235 3.1, RFC 6750 3).',
  'me.unsupported-501': 'Answer /Me with 501 Not Implemented when you do not support it, so clients can tell a missing feature from a missing resource (RFC 7644 3.11).',
  'projection.attributes.only-named': 'Honour ?attributes=: return only the named attributes plus those returned "always" (id, schemas), on queries and on GET by id (RFC 7644 3.4.2.5, 3.9).',
  'projection.attributes.keeps-schemas-and-id': 'Keep "schemas" and id in every representation, whatever attributes or excludedAttributes ask for (RFC 7643 3, 3.1).',
  'projection.excluded-attributes.emails': 'Honour ?excludedAttributes=: leave the named attributes out of the default set, for every attribute, not only members (RFC 7644 3.4.2.5).',
  'discovery.resource-types.meta': 'Give each /ResourceTypes entry meta.resourceType "ResourceType" and meta.location = its own URI (…/ResourceTypes/<name>), or no meta at all (RFC 7643 6).',
  'discovery.schemas.meta': 'Give each /Schemas entry meta.resourceType "Schema" and meta.location = its own URI (…/Schemas/<schema URI>), or no meta at all (RFC 7643 7).',
  'auth.wrong-token.401': 'Validate the bearer token on every request and answer an unknown or expired token with 401 (RFC 7644 2); Entra treats a 2xx here as a security defect.',
  'discovery.service-provider-config': 'Serve GET /ServiceProviderConfig with schemas ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"] and the patch, bulk, filter, changePassword, sort, etag and authenticationSchemes objects (RFC 7643 5, RFC 7644 4).',
  'discovery.schemas': 'Serve GET /Schemas as a ListResponse containing at least urn:ietf:params:scim:schemas:core:2.0:User with its attribute definitions (RFC 7643 7, RFC 7644 4).',
  'discovery.resource-types': 'Serve GET /ResourceTypes as a ListResponse with a "User" resource type (endpoint /Users, schema the core User URN) and "Group" if you provision groups (RFC 7643 6).',
  'users.create.status-201': 'Answer a successful POST /Users with 201 Created (not 200) and the created resource in the body (RFC 7644 3.3).',
  'users.create.returns-resource': 'Return the created user with a server-assigned "id", "schemas" listing the core User URN, "meta" with resourceType "User", and the userName exactly as sent (RFC 7643 3, 3.1).',
  'users.create.location-header': 'Send a Location header on 201 whose value equals meta.location, the absolute URI of the new resource (RFC 7644 3.3).',
  'users.get.by-id': 'GET /Users/{id} must answer 200 with the stored user: same id, same userName as created (RFC 7644 3.4.1).',
  'users.filter.username-eq': 'Apply the filter: GET /Users?filter=userName eq "x" returns only users whose userName equals x, with totalResults equal to the matches (RFC 7644 3.4.2.2).',
  'users.filter.username-case-insensitive': 'Compare userName case-insensitively in filters: userName has caseExact false (RFC 7643 4.1.1, 2.1). Entra matches users this way and otherwise creates duplicates.',
  'users.filter.no-match': 'Answer a filter that matches nothing with 200 and {"totalResults":0,"Resources":[]}, never 404 (RFC 7644 3.4.2; Entra\'s Test Connection sends exactly this).',
  'users.create.duplicate-409': 'Reject a POST whose userName already exists with 409 and an Error body with "scimType":"uniqueness" (RFC 7644 3.3, 3.12).',
  'users.get.unknown-404': 'Answer GET of an unknown id with 404 and a SCIM Error body: schemas ["urn:ietf:params:scim:api:messages:2.0:Error"], status "404" as a string (RFC 7644 3.12).',
  'users.delete.status-204': 'Answer a successful DELETE with 204 No Content and an empty body (RFC 7644 3.6).',
  'users.delete.then-404': 'After DELETE, stop returning the resource: GET answers 404 (RFC 7644 3.6). Entra deletes and later checks it is gone.',
  'groups.create.status-201': 'Answer a successful POST /Groups with 201 Created and the created group (RFC 7644 3.3).',
  'groups.get.by-id': 'GET /Groups/{id} must answer 200 with the stored group and its displayName as created (RFC 7644 3.4.1).',
  'groups.filter.no-match': 'Answer GET /Groups?filter=displayName eq "<unknown>" with 200 and an empty ListResponse, never 404 (RFC 7644 3.4.2; Entra\'s Test Connection).',
  'groups.delete.status-204': 'Answer a successful DELETE /Groups/{id} with 204 No Content (RFC 7644 3.6).',
  'groups.delete.then-404': 'After DELETE /Groups/{id}, GET must answer 404 (RFC 7644 3.6).',
} as const

const entra = {
  'oauth.client-secret-basic': 'Accept the client id and secret in an Authorization: Basic header at the token endpoint (client_secret_basic, RFC 6749 2.3.1), as Entra sends them, as well as in the body.',
  'entra.headers.charset-accepted': 'Match the request media type, not the whole Content-Type header: accept "application/scim+json; charset=utf-8", which Entra and Microsoft\'s validator send (RFC 7231 3.1.1.1 parameters; RFC 7644 3.8).',
  'entra.test-connection.users': 'Answer GET /Users?filter=userName eq "<random GUID>" with 200 and an empty ListResponse; Test Connection fails otherwise.',
  'entra.test-connection.groups': 'Answer GET /Groups?filter=displayName eq "<random GUID>" with 200 and an empty ListResponse.',
  'entra.user-cycle.match-absent': 'Answer Entra\'s match query for an unknown user with 200 and totalResults 0, so Entra creates the user instead of failing the cycle.',
  'entra.user-cycle.create': 'Accept Entra\'s create body as sent (meta.resourceType, "roles": [], enterprise extension under its URN) and answer 201 with the user.',
  'entra.user-cycle.match-found': 'Make the created user findable by the matching attribute\'s eq filter at once; otherwise Entra creates a duplicate on every cycle.',
  'entra.user-cycle.get-by-id': 'GET /Users/{id} must return every attribute Entra wrote, unchanged.',
  'entra.user-cycle.update-changed-only': 'Apply Entra\'s PATCH of changed attributes ("Replace" ops, path form) and return them unchanged on GET (RFC 7644 3.5.2).',
  'entra.user-cycle.disable': 'Accept {"op":"Replace","path":"active","value":"False"} (and false) and store active as the boolean false.',
  'entra.user-cycle.re-enable': 'Accept {"op":"Replace","path":"active","value":"True"} (and true) and store active as the boolean true.',
  'entra.user-cycle.manager': 'Accept the manager as a bare id string in PATCH and return it as {"value": id} under the enterprise extension.',
  'entra.user-cycle.second-cycle-no-patch': 'Return every value exactly as Entra sent it (no reformatting of phone numbers, emails or case); a changed value makes Entra PATCH it again on every cycle.',
  'entra.user-cycle.delete': 'Answer DELETE /Users/{id} with 204 and stop returning the user.',
  'entra.group-cycle.match-absent': 'Answer the displayName match query for an unknown group with 200 and an empty ListResponse.',
  'entra.group-cycle.create': 'Accept a group created without members and answer 201.',
  'entra.group-cycle.match-excludes-members': 'Honour excludedAttributes=members on GET /Groups: leave members out of the response (RFC 7644 3.4.2.5); large groups otherwise time out Entra\'s cycle.',
  'entra.group-cycle.add-members': 'Apply {"op":"Add","path":"members","value":[{"value":id},...]} by adding those members and keeping the rest (RFC 7644 3.5.2.1).',
  'entra.group-cycle.remove-member': 'Remove only the listed members on Entra\'s Remove (value array or members[value eq "id"]); every other member must stay.',
  'entra.group-cycle.rename': 'Apply {"op":"Replace","path":"displayName","value":"new"} to groups.',
  'entra.group-cycle.delete': 'Answer DELETE /Groups/{id} with 204 and stop returning the group.',
  'entra.group-cycle.display-name-unique': 'Reject a second group with the same displayName with 409 scimType uniqueness.',
  'entra.gallery.user-pagination': 'Page GET /Users with startIndex (1-based) and count: itemsPerPage results per page, totalResults over all pages, no user repeated or skipped (RFC 7644 3.4.2.4).',
  'entra.gallery.update-username': 'Apply a path-less replace whose value names userName ({"op":"replace","value":{"userName":"…"}}): store the new userName, return it on GET and match it in filters (RFC 7644 3.5.2.3; the validator\'s Update User userName test).',
  'entra.gallery.duplicate-user-409': 'Reject a duplicate userName with 409 uniqueness (RFC 7644 3.3; the gallery validator checks it).',
  'entra.gallery.duplicate-group-409': 'Reject a duplicate group displayName with 409 uniqueness (the gallery validator checks it).',
  'entra.gallery.filter-case-user': 'Match userName case-insensitively in eq filters (RFC 7643 2.1, 4.1.1).',
  'entra.gallery.filter-case-group': 'Match displayName case-insensitively in eq filters (RFC 7643 2.1, 4.2).',
  'entra.gallery.delete-twice-404': 'Answer a DELETE of an already deleted resource with 404, not 204 or 500 (RFC 7644 3.6).',
  'entra.patch.disable-string-boolean': 'Accept booleans sent as the strings "True"/"False" in PATCH values (Entra without aadOptscim062020) and store JSON booleans.',
  'entra.patch.disable-json-boolean': 'Accept JSON booleans in PATCH values for active (Entra with aadOptscim062020; RFC 7644 3.5.2.3).',
  'entra.patch.members-add-one': 'Apply an Add of one member to a group and keep the existing ones (RFC 7644 3.5.2.1).',
  'entra.patch.members-add-many': 'Apply an Add of many members in one operation (Entra batches member adds) without dropping any (RFC 7644 3.5.2.1).',
  'entra.patch.members-remove-value-array': 'Treat {"op":"Remove","path":"members","value":[{"value":id}]} as removing only those members, never all.',
  'entra.patch.members-remove-filter': 'Apply {"op":"Remove","path":"members[value eq \\"id\\"]"} to that member only (RFC 7644 3.5.2.2).',
  'entra.gallery.recreate-after-delete': 'Free a user\'s userName (and externalId) when it is deleted, so the same user can be created again with 201; keep no reservation of deleted names.',
  'entra.patch.pathless-flattened-keys': 'In a PATCH without path, read each key of the value as an attribute path: "name.givenName" is name\'s givenName and "urn:…:User:employeeNumber" is the extension\'s attribute, never a new attribute with a dot or colon in its name.',
  'entra.patch.clear-empty-string': 'Treat {"op":"Replace","path":"title","value":""} as clearing the attribute: drop it (or store "") instead of keeping the old value or refusing.',
  'entra.patch.extension-on-core-only-user': 'Accept PATCHes of enterprise extension attributes on a user created with schemas [core] only, and add the extension URN to its schemas.',
  'entra.patch.manager-bare-id': 'Store a manager sent as a bare id string as {"value": id}, replace it, and clear it when Entra sends "".',
  'entra.patch.add-work-email-filter': 'An Add on emails[type eq "work"].value with no work email must create {"type":"work","value":...} (RFC 7644 3.5.2.1; Entra relies on it).',
  'entra.patch.address-sub-attributes-merge': 'Merge separate ops on addresses[type eq "work"].<sub> into one work address, never one address per op (RFC 7644 3.5.2).',
} as const

const properties = {
  'filters.users.entra-eq': 'Evaluate eq and "and" filters on every attribute the profile marks filterable, against the stored values, case-insensitive unless caseExact (RFC 7644 3.4.2.2). The report shows the smallest failing filter.',
  'filters.groups.entra-eq': 'Evaluate eq and "and" filters on group attributes (displayName, externalId, members.value) exactly (RFC 7644 3.4.2.2).',
  'filters.users.rfc-operators': 'Implement every filter operator (ne, co, sw, ew, pr, gt, ge, lt, le, or, not, value paths) or answer 400 invalidFilter for the ones you do not support (RFC 7644 3.4.2.2).',
  'filters.groups.rfc-operators': 'Implement the full filter grammar on /Groups or refuse unsupported operators with 400 invalidFilter (RFC 7644 3.4.2.2).',
  'filters.malformed.invalid-filter-400': 'Answer a malformed filter with 400, never 500 or a silently ignored filter (RFC 7644 3.4.2.2).',
  'filters.malformed.scim-type-invalid-filter': 'Give the 400 for a malformed filter "scimType":"invalidFilter" so clients can tell what was wrong (RFC 7644 3.12, Table 9).',
  'filters.pagination': 'On filtered queries honour startIndex and count, return totalResults for all matches and itemsPerPage for the page (RFC 7644 3.4.2.4).',
  'filters.sort': 'When sort.supported is true, order results by sortBy with sortOrder ascending/descending, using caseExact rules (RFC 7644 3.4.2.3); otherwise advertise sort.supported false.',
  'patch.user.generated': 'Apply PATCH to users exactly as RFC 7644 3.5.2 says (add/replace/remove, value-filter paths, multi-valued add without duplicates, one primary); the report gives the smallest request your server gets wrong.',
  'patch.group.generated': 'Apply PATCH to groups exactly as RFC 7644 3.5.2 says, especially member add and remove; the report gives the smallest failing request.',
  'patch.user.invalid-refused': 'Refuse invalid PATCH requests with 400 and the right scimType (invalidSyntax, invalidPath, noTarget, mutability) and leave the resource unchanged (RFC 7644 3.5.2, 3.12).',
  'patch.group.status-204': 'Answer a group PATCH with 204 No Content; a 200 with the full member list is slow for large groups (Entra recommends 204).',
} as const

const profileChecks = {
  'profile.attributes-advertised': 'Support every attribute the app\'s mapping sends and list it in /Schemas (and its extension in /ResourceTypes schemaExtensions), or remove it from the attribute mapping in Entra (RFC 7643 sections 6 and 7).',
  'profile.user.create-read-back': 'Store every attribute the profile maps exactly as Entra sends it on create and return it unchanged on GET (values are never reformatted).',
  'profile.user.filterable-eq': 'Support eq filters on every user attribute the profile marks filterable, as Entra matches on them.',
  'profile.user.match-read-back': 'Return the user found by the matching attribute\'s filter with every mapped attribute unchanged.',
  'profile.user.patch-read-back': 'Apply Entra\'s path-form PATCH on every mapped user attribute and return the new value unchanged.',
  'profile.user.required-only-create': 'Accept a create that carries only the attributes the profile marks required.',
  'profile.group.create-read-back': 'Store every mapped group attribute as sent and return it unchanged.',
  'profile.group.filterable-eq': 'Support eq filters on every group attribute the profile marks filterable.',
  'profile.group.match-read-back': 'Return the group found by the matching attribute\'s filter with every mapped attribute unchanged.',
  'profile.group.patch-read-back': 'Apply Entra\'s path-form PATCH on every mapped group attribute and return the new value.',
  'profile.group.required-only-create': 'Accept a group create that carries only the attributes the profile marks required.',
} as const

const security = {
  'security.no-token.reads': 'Refuse every read without a token with 401 (RFC 7644 2): /Users, /Users/{id}, /Groups.',
  'security.no-token.writes': 'Refuse every write without a token with 401 before touching data (RFC 7644 2).',
  'security.wrong-token.reads': 'Refuse reads with an invalid token with 401 (RFC 7644 2).',
  'security.wrong-token.writes': 'Refuse writes with an invalid token with 401 before touching data (RFC 7644 2).',
  'security.query-token.reads': 'Never accept a token from the query string (it leaks into logs): answer 401 unless the Authorization header carries it (RFC 7644 7.4).',
  'security.query-token.writes': 'Never accept a token from the query string for writes: answer 401.',
  'security.other-scheme.reads': 'Accept only the Bearer scheme you issued tokens for; "Basic ..." or "Token ..." with the token must get 401.',
  'security.other-scheme.writes': 'Refuse writes authenticated with another scheme with 401.',
  'security.password.never-returned': 'Accept password on create but never return it, in any response (returned "never", RFC 7643 4.1.1, 7).',
  'security.body.malformed-json': 'Answer a body that is not JSON with 400 "scimType":"invalidSyntax", never 5xx (RFC 7644 3.12).',
  'security.body.wrong-content-type': 'Answer a body with a non-JSON Content-Type with a 4xx SCIM Error (400 or 415), never 5xx.',
  'security.body.oversized': 'Limit request bodies and answer oversized ones with 413 (or another 4xx), never 5xx or a crash.',
  'security.body.deeply-nested': 'Limit JSON nesting depth and answer deeply nested bodies with 400, never 5xx or a stack overflow.',
  'security.filter.injection': 'Treat filter values as data: quotes, backslashes, unicode and injection-shaped strings get 400 invalidFilter or a correct empty result, never 500 or other data.',
  'security.patch-path.injection': 'Parse PATCH paths with the RFC grammar; hostile paths get 400 invalidPath, never 500.',
  'security.errors.no-internal-disclosure': 'Keep stack traces, file paths and exception class names out of error bodies; send a SCIM Error with a short detail (RFC 7644 7).',
  'oauth.token-response': 'Answer the client-credentials grant with a JSON body whose "token_type" is "Bearer" beside "access_token" and "expires_in" (RFC 6749 5.1, RFC 6750); Entra sends the token as a bearer token.',
  'oauth.token-lifetime': 'Issue access tokens that live between 60 minutes and 6 hours (expires_in 3600-21600); Entra refreshes on that schedule.',
} as const

const optional = {
  'claims.filter.honoured': 'You advertise filter.supported true: apply every filter you accept, or set filter.supported false in /ServiceProviderConfig (RFC 7643 5).',
  'claims.filter.max-results': 'Never return more resources on one page than filter.maxResults in /ServiceProviderConfig; cap count at that value (RFC 7643 5, RFC 7644 3.4.2.4).',
  'claims.bulk.matches-claim': 'Make /Bulk match bulk.supported: implement it when you claim it; otherwise refuse it cleanly (501 Not Implemented or 4xx), never with 5xx (RFC 7644 3.7).',
  'claims.patch.matches-claim': 'Make PATCH match patch.supported: implement it when you claim it (Entra updates only with PATCH); otherwise refuse it with 501 or 4xx, never 5xx (RFC 7644 3.5.2).',
  'claims.authentication-schemes': 'List the schemes you accept in authenticationSchemes (type "oauthbearertoken" for bearer tokens, with name and description) (RFC 7643 5).',
  'etag.version-changes': 'Change meta.version on every modification of a resource (RFC 7644 3.14); you advertise etag.supported.',
  'etag.header-matches-version': 'Send an ETag header on GET/POST/PUT/PATCH responses equal to meta.version (RFC 7644 3.14).',
  'etag.if-none-match-304': 'Answer GET with If-None-Match equal to the current version with 304 Not Modified (RFC 7644 3.14, RFC 7232).',
  'etag.if-match-stale-412': 'Refuse PUT/PATCH/DELETE whose If-Match carries a stale version with 412 Precondition Failed and change nothing (RFC 7644 3.14).',
  'etag.weak-comparison': 'Compare weak tags (W/"…") weakly for If-None-Match and accept either form of the current tag (RFC 7232 2.3.2).',
  'sort.string-case-rules': 'Sort strings by sortBy with the attribute\'s caseExact rule: case-insensitive for userName (RFC 7644 3.4.2.3); or advertise sort.supported false.',
  'sort.datetime': 'Sort dateTime attributes (meta.created, meta.lastModified) chronologically, not as text (RFC 7644 3.4.2.3).',
  'sort.multi-valued-primary': 'Sort on a multi-valued attribute by its primary value, or the first value when none is primary (RFC 7644 3.4.2.3).',
  'sort.with-filter-and-paging': 'Apply the filter first, then sort, then page with startIndex/count, so pages are slices of one sorted result (RFC 7644 3.4.2.3, 3.4.2.4).',
  'search.users-matches-get': 'Answer POST /Users/.search with a SearchRequest body exactly as GET /Users with the same filter, attributes and paging (RFC 7644 3.4.3).',
  'search.groups-matches-get': 'Answer POST /Groups/.search exactly as the equivalent GET /Groups query (RFC 7644 3.4.3).',
  'search.root-matches-get': 'Answer POST /.search across resource types with the same results as the per-type queries (RFC 7644 3.4.3), or refuse it with 404/501.',
  'put.replaces-resource': 'PUT replaces the whole resource with the body sent and answers 200 with the result (RFC 7644 3.5.1).',
  'put.read-only-ignored': 'On PUT, ignore readOnly attributes in the body (id, meta, groups) instead of failing or storing them (RFC 7644 3.5.1).',
  'put.required-enforced': 'Refuse a PUT that leaves out a required attribute (userName) with 400 invalidValue (RFC 7644 3.5.1, 3.12).',
  'put.immutable-resent-unchanged': 'Accept a PUT that resends an immutable attribute with its current value; refuse only a different value with 400 mutability (RFC 7644 3.5.1).',
  'password.put-accepted-not-returned': 'You advertise changePassword: accept password on PUT and never return it (RFC 7643 4.1.1, RFC 7644 3.5.1).',
  'password.patch-accepted-not-returned': 'You advertise changePassword: accept {"op":"replace","path":"password"} and never return the password (RFC 7644 3.5.2).',
  'bulk.bulkid-references': 'Resolve "bulkId:<id>" references to the ids created earlier in the same Bulk request, in dependency order (RFC 7644 3.7.2).',
  'bulk.fail-on-errors': 'Stop processing a Bulk request after failOnErrors errors and report each operation\'s status (RFC 7644 3.7.3).',
  'bulk.max-operations-413': 'Refuse a Bulk request with more operations than bulk.maxOperations with 413 Payload Too Large (RFC 7644 3.7.4).',
  'bulk.max-payload-413': 'Refuse a Bulk request larger than bulk.maxPayloadSize with 413 Payload Too Large (RFC 7644 3.7.4).',
  'bulk.circular-references': 'Detect circular bulkId references and refuse the operations involved (409) or resolve them correctly; never create resources that point at the wrong id (RFC 7644 3.7.1).',
} as const

const schemaFixes: Record<string, string> = {
  'schema.json-body': 'Send a JSON body with every response that has content (RFC 7644 3.1, 8.1).',
  'schema.content-type-json': 'Send Content-Type: application/scim+json (or at least application/json) with JSON bodies (RFC 7644 3.1, 8.1).',
  'schema.content-type-scim': 'Send Content-Type: application/scim+json; application/json is accepted by Entra but is not what RFC 7644 3.1 specifies.',
  'schema.user-rules': 'Give every user "id", "schemas" listing the core URN and each extension present, "meta" with resourceType "User", valid created/lastModified dateTimes and a location ending in /Users/{id}; never return password (RFC 7643 3, 3.1).',
  'schema.error-scim-type-status': 'Send a Table 9 scimType only with the status it belongs to: 400 (uniqueness may also come with 409); a 404 or 500 carries no scimType (RFC 7644 3.12).',
  'schema.group-rules': 'Give every group "id", "schemas", "meta" with resourceType "Group", valid dateTimes and a location ending in /Groups/{id} (RFC 7643 3, 3.1).',
  'throughput.throttling': 'Serve Entra\'s pace without 429 or 503: gallery apps must sustain 25 requests per second (Entra 2.12); a lower limit is kept only when Entra is configured with it.',
}
for (const [kind, spec] of Object.entries(responseKinds)) {
  schemaFixes[schemaCheckId(kind)] = `Send ${kind} bodies with the attribute types RFC 7643 defines (${spec.section}): booleans as JSON booleans, multi-valued attributes as arrays, complex attributes as objects; the failure names the JSON pointer.`
}

export const fixes: Readonly<Record<string, string>> = { ...core, ...entra, ...properties, ...profileChecks, ...security, ...optional, ...schemaFixes }

export function fixFor(checkId: string): string | undefined {
  return fixes[checkId]
}
