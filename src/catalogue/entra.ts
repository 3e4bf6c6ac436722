import type { Requirement } from './index.ts'

// What Microsoft Entra ID provisioning requires of a SCIM endpoint, as Microsoft documents it
// (each entry's url) and as Entra's requests show it. `section` is this catalogue's own section
// number, which the ids carry; `title` and `url` are what a report shows and links.

const LEARN = 'https://learn.microsoft.com/en-us/entra/identity'
const PAGE = {
  scim: `${LEARN}/app-provisioning/use-scim-to-provision-users-and-groups`,
  works: `${LEARN}/app-provisioning/how-provisioning-works`,
  mappings: `${LEARN}/app-provisioning/customize-application-attributes`,
  compat: `${LEARN}/app-provisioning/application-provisioning-config-problem-scim-compatibility`,
  logs: `${LEARN}/app-provisioning/howto-analyze-provisioning-logs`,
  gallery: `${LEARN}/enterprise-apps/v2-howto-app-gallery-listing`,
  validator: `${LEARN}/app-provisioning/scim-validator-tutorial`,
} as const

/** Each section of this catalogue: its number (the ids carry it), its title, and the Microsoft page that documents it. */
const S = {
  '1.1': { section: '1.1', title: 'Test connection', url: PAGE.scim },
  '1.2.1': { section: '1.2.1', title: 'Match query', url: PAGE.scim },
  '1.2.3': { section: '1.2.3', title: 'Read', url: PAGE.scim },
  '1.2.4': { section: '1.2.4', title: 'Update, default shapes', url: PAGE.scim },
  '1.2.5': { section: '1.2.5', title: 'Disable and re-enable', url: PAGE.compat },
  '1.2.6': { section: '1.2.6', title: 'Manager', url: PAGE.scim },
  '1.2.8': { section: '1.2.8', title: 'Delete', url: PAGE.works },
  '1.5': { section: '1.5', title: 'Request headers', url: PAGE.scim },
  '1.3': { section: '1.3', title: 'Group lifecycle', url: PAGE.scim },
  '2.1': { section: '2.1', title: 'Status codes', url: PAGE.scim },
  '2.2': { section: '2.2', title: 'Response body requirements', url: PAGE.scim },
  '2.3': { section: '2.3', title: 'Case-insensitivity', url: PAGE.scim },
  '2.4': { section: '2.4', title: 'Filters that must work', url: PAGE.scim },
  '2.5': { section: '2.5', title: 'Pagination', url: PAGE.scim },
  '2.6': { section: '2.6', title: 'PATCH semantics', url: PAGE.scim },
  '2.7': { section: '2.7', title: 'Users specifics', url: PAGE.scim },
  '2.8': { section: '2.8', title: 'Groups specifics', url: PAGE.scim },
  '2.9': { section: '2.9', title: 'Discovery endpoints', url: PAGE.gallery },
  '2.10': { section: '2.10', title: 'Authorization', url: PAGE.scim },
  '2.11': { section: '2.11', title: 'TLS, certificates, network', url: PAGE.works },
  '2.12': { section: '2.12', title: 'Throughput, throttling, timeouts', url: PAGE.gallery },
  '2.13': { section: '2.13', title: 'Attribute mappings', url: PAGE.mappings },
  '2.15': { section: '2.15', title: 'Gallery listing checklist', url: PAGE.gallery },
  '3.3': { section: '3.3', title: 'aadOptscim062020 flag', url: PAGE.compat },
  '3.4': { section: '3.4', title: 'Quirks in both modes', url: PAGE.compat },
  '4.4': { section: '4.4', title: 'Validator quirks', url: PAGE.validator },
} as const

const ONBOARDING = 'A property of the gallery submission or its credentials, not of SCIM traffic.'

export const entra = {
  // 1.1 Test connection
  'entra:test-connection:empty-list': { source: 'Entra', ...S['1.1'], level: 'MUST', summary: 'Test Connection filters userName (and displayName) with a random value and needs 200 with an empty ListResponse.' },
  'entra:1.5:content-type-charset': { source: 'Entra', ...S['1.5'], level: 'MUST', summary: 'Requests with Content-Type: application/scim+json; charset=utf-8 (as Entra and its validator send them) are accepted like those without charset.' },
  'entra:1.1:groups-probe': { source: 'Entra', ...S['1.1'], level: 'MUST', summary: 'GET /Groups?filter=displayName eq "<random>" answers 200 with an empty ListResponse, even on a user-only server.' },
  // 1.2.1 Match query
  'entra:1.2.1:plus-encoded-filter': { source: 'Entra', ...S['1.2.1'], level: 'MUST', summary: 'Filters encoded with "+" for spaces and %22 or raw quotes are decoded correctly.' },
  'entra:1.2.1:unquoted-filter-value': { source: 'Entra', ...S['1.2.1'], level: 'MAY', summary: 'An unquoted filter value (externalId eq jyoung) from legacy samples is tolerated.' },
  // 1.2.3 Read
  'entra:1.2.3:get-by-id': { source: 'Entra', ...S['1.2.3'], level: 'MUST', summary: 'GET /Users/{id} and GET /Groups/{id} answer 200 with the resource: Entra reads the current state before each update, and Microsoft\'s validator gets users and groups by id.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Retrieve a known resource for a user or group created earlier' },
  'entra:1.2.3:inactive-still-returned': { source: 'Entra', ...S['1.2.3'], level: 'MUST', summary: 'A User is returned whether active or not; only a hard delete makes it disappear.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Soft-deleting a user active=false and restoring the user active=true … The user object should be returned in a request whether or not the user is active.' },
  // 1.2.4 Update
  'entra:1.2.4:replace-keeps-other-values': { source: 'Entra', ...S['1.2.4'], level: 'MUST', summary: 'Replacing emails[type eq "work"].value keeps the User\'s other emails.' },
  // 1.2.5 Disable and re-enable
  'entra:1.2.5:disabled-user-retrievable': { source: 'Entra', ...S['1.2.5'], level: 'MUST', summary: 'After active=false, both GET by id and a filter return the User with active present and false.' },
  'entra:1.2.5:disable-keeps-memberships': { source: 'Entra', ...S['1.2.5'], level: 'SHOULD', summary: 'Disabling a User leaves its group memberships in place.' },
  'entra:1.2.5:reenable': { source: 'Entra', ...S['1.2.5'], level: 'MUST', summary: 'Replacing active with "True" or true re-enables a disabled User.' },
  // 1.2.6 Manager
  'entra:1.2.6:manager-persisted': { source: 'Entra', ...S['1.2.6'], level: 'MUST', summary: 'A manager set by PATCH is stored and read back, or Entra re-sends it every cycle.' },
  // 1.3 Group lifecycle
  'entra:1.2.8:hard-delete-optional': { source: 'Entra', ...S['1.2.8'], level: 'SHOULD', summary: 'DELETE /Users/{id} removes the user. Optional: Entra deprovisions with active=false and the validator\'s Delete_User_Test is optional, so an app refusing DELETE (405, 501) gets a warning.' },
  'entra:1.2.8:recreate-after-delete': { source: 'Entra', ...S['1.2.8'], level: 'MUST', summary: 'A user deleted by Entra can be created again with the same userName: Entra provisions a user assigned again after deletion as a new create.' },
  'entra:1.3:group-create-without-members': { source: 'Entra', ...S['1.3'], level: 'MUST', summary: 'A Group is created from displayName and externalId alone, members coming later by PATCH.' },
  'entra:1.3:remove-member-keeps-others': { source: 'Entra', ...S['1.3'], level: 'MUST', summary: 'Removing one member leaves the Group\'s other members in place.' },
  // 2.1 Status codes
  'entra:2.1:create-201': { source: 'Entra', ...S['2.1'], level: 'MUST', summary: 'POST /Users and POST /Groups answer 201 (the validator rejects 200) with the resource and its id.' },
  'entra:2.1:duplicate-409': { source: 'Entra', ...S['2.1'], level: 'MUST', summary: 'Creating a User or Group that already exists answers 409 Conflict.' },
  'entra:2.1:get-unknown-404': { source: 'Entra', ...S['2.1'], level: 'MUST', summary: 'GET of an unknown id answers 404 with a SCIM Error whose status is "404".' },
  'entra:2.1:filter-no-match-200': { source: 'Entra', ...S['2.1'], level: 'MUST', summary: 'A filter matching nothing answers 200 with totalResults 0 and Resources [], never 404 or 400.' },
  'entra:2.1:patch-user-200-204': { source: 'Entra', ...S['2.1'], level: 'MUST', summary: 'PATCH /Users/{id} answers 200 with the resource or 204.' },
  'entra:2.1:patch-group-204': { source: 'Entra', ...S['2.1'], level: 'SHOULD', summary: 'PATCH /Groups/{id} answers 204 No Content (200 is accepted).' },
  'entra:2.1:delete-204': { source: 'Entra', ...S['2.1'], level: 'MUST', summary: 'DELETE of a User or Group answers 204.' },
  'entra:2.1:delete-unknown-404': { source: 'Entra', ...S['2.1'], level: 'SHOULD', summary: 'DELETE of an unknown or already deleted resource answers 404.' },
  'entra:2.1:invalid-credentials-401': { source: 'Entra', ...S['2.1'], level: 'MUST', summary: 'Bad or expired credentials answer 401.' },
  'entra:2.1:throttle-429': { source: 'Entra', ...S['2.1'], level: 'SHOULD', summary: 'Throttling is signalled with 429 Too Many Requests, not another status.' },
  'entra:2.1:no-server-errors': { source: 'Entra', ...S['2.1'], level: 'SHOULD', summary: 'Ordinary provisioning requests never get a 5xx, which Entra retries only 40 minutes later.' },
  // 2.2 Response body requirements
  'entra:2.2:id-on-every-resource': { source: 'Entra', ...S['2.2'], level: 'MUST', summary: 'Every returned resource has an id, in single responses and in ListResponses alike.', text: 'id is a required property for all resources. Every response that returns a resource should ensure each resource has this property, except for ListResponse with zero elements.' },
  'entra:2.2:query-list-response': { source: 'Entra', ...S['2.2'], level: 'MUST', summary: 'Every query or filter response is a ListResponse.' },
  'entra:2.2:list-response-fields': { source: 'Entra', ...S['2.2'], level: 'SHOULD', summary: 'ListResponses carry schemas, totalResults, Resources, startIndex and itemsPerPage.' },
  'entra:2.2:error-body': { source: 'Entra', ...S['2.2'], level: 'MUST', summary: 'Errors carry the SCIM Error schema with status as a string; detail is optional.' },
  'entra:2.2:actionable-errors': { source: 'Entra', ...S['2.2'], level: 'SHOULD', summary: 'An invalid value is refused with a descriptive detail saying what to fix.' },
  'entra:2.2:content-type': { source: 'Entra', ...S['2.2'], level: 'MUST', summary: 'Every response has Content-Type application/scim+json.' },
  'entra:2.2:parseable-types': { source: 'Entra', ...S['2.2'], level: 'MUST', summary: 'Responses use the declared JSON types (booleans as true/false, complex as objects) or Entra cannot parse them.' },
  'entra:2.2:single-match': { source: 'Entra', ...S['2.2'], level: 'MUST', summary: 'A filter on a matching attribute returns at most one resource.' },
  'entra:2.2:data-fidelity': { source: 'Entra', ...S['2.2'], level: 'SHOULD', summary: 'Values are stored and returned exactly as sent (no reformatting of phone numbers and the like).' },
  'entra:2.2:patch-body-optional': { source: 'Entra', ...S['2.2'], level: 'MAY', summary: 'A PATCH response need not carry the entire resource.' },
  'entra:2.2:client-meta-ignored': { source: 'Entra', ...S['2.2'], level: 'MUST', summary: 'A POST body carrying meta.resourceType is accepted, its meta ignored.' },
  // 2.3 Case-insensitivity
  'entra:2.3:op-case-insensitive': { source: 'Entra', ...S['2.3'], level: 'MUST', summary: 'PATCH op values match regardless of case: Add, add, Replace, replace, Remove, remove.' },
  'entra:2.3:filter-value-case': { source: 'Entra', ...S['2.3'], level: 'MUST', summary: 'userName and Group displayName filters find the resource when the value differs only in case.' },
  'entra:2.3:path-name-case': { source: 'Entra', ...S['2.3'], level: 'MUST', summary: 'Attribute and sub-attribute names in paths match regardless of case (emails[type eq "other"].Value).' },
  // 2.4 Filters that must work
  'entra:2.4:filter-username': { source: 'Entra', ...S['2.4'], level: 'MUST', summary: 'GET /Users?filter=userName eq "<v>" finds the User.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Query users or groups … By default, users are retrieved with their id and queried with their username and externalId, and groups are queried with displayName.' },
  'entra:2.4:filter-external-id': { source: 'Entra', ...S['2.4'], level: 'MUST', summary: 'GET /Users?filter=externalId eq "<v>" finds the User.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Query users or groups … By default, users are retrieved with their id and queried with their username and externalId, and groups are queried with displayName.' },
  'entra:2.4:filter-work-email': { source: 'Entra', ...S['2.4'], level: 'MUST', summary: 'GET /Users?filter=emails[type eq "work"].value eq "<v>" finds the User.', text: '… a GET to /Users with a filter must allow for both userName eq "user@contoso.com" and emails[type eq "work"].value eq "user@contoso.com" queries.' },
  'entra:2.4:filter-group-display-name': { source: 'Entra', ...S['2.4'], level: 'MUST', summary: 'GET /Groups?excludedAttributes=members&filter=displayName eq "<v>" finds the Group.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Query users or groups … By default, users are retrieved with their id and queried with their username and externalId, and groups are queried with displayName.' },
  'entra:2.4:filter-id-and-manager': { source: 'Entra', ...S['2.4'], level: 'SHOULD', summary: 'The legacy reference check id eq "<a>" and manager eq "<b>" with attributes=id works.' },
  'entra:2.4:filter-matching-attributes': { source: 'Entra', ...S['2.4'], level: 'MUST', summary: 'Every attribute that can be chosen as a matching attribute supports eq filters.', text: 'Any attributes that are considered for user uniqueness must be usable as part of a filtered query.' },
  // 2.5 Pagination
  'entra:2.5:list-paginated': { source: 'Entra', ...S['2.5'], level: 'MUST', summary: 'GET /Users lists all Users in pages driven by startIndex and count.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Support listing users and paginating' },
  'entra:2.5:start-index-echo': { source: 'Entra', ...S['2.5'], level: 'MUST', summary: 'Each page echoes the startIndex requested.' },
  'entra:2.5:pages-walkable': { source: 'Entra', ...S['2.5'], level: 'MUST', summary: 'Walking count=5 pages by startIndex + len(Resources) reaches totalResults, every page 200.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Support listing users and paginating' },
  'entra:2.5:items-per-page': { source: 'Entra', ...S['2.5'], level: 'MUST', summary: 'itemsPerPage is the size of the page and totalResults the full count.' },
  'entra:2.5:group-pagination': { source: 'Entra', ...S['2.5'], level: 'SHOULD', summary: 'GET /Groups pages with startIndex and count as /Users does.' },
  // 2.6 PATCH semantics
  'entra:2.6:simple-paths': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'PATCH paths naming simple attributes (userName, displayName, active, title...) work.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Modify users or groups with PATCH requests' },
  'entra:2.6:dotted-paths': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'PATCH paths naming sub-attributes (name.givenName, name.familyName) work.' },
  'entra:2.6:value-filter-paths': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'PATCH paths with value filters (emails[type eq "work"].value, addresses[type eq "work"].postalCode) work.' },
  'entra:2.6:urn-paths': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'PATCH paths qualified with an extension URN (…enterprise:2.0:User:employeeNumber) work.' },
  'entra:2.6:members-filter-remove': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'remove with path members[value eq "<id>"] removes just that member.' },
  'entra:2.6:manager-filter-remove': { source: 'Entra', ...S['2.6'], level: 'SHOULD', summary: 'remove with path manager[value eq "<id>"] clears the manager.' },
  'entra:2.6:pathless-flattened-keys': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'A path-less replace with dotted or URN-qualified keys applies them as paths, not as literal names.' },
  'entra:2.6:string-booleans': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'Boolean attributes accept "True"/"False" strings in PATCH and store real booleans.' },
  'entra:2.6:manager-bare-string': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'manager sent as a bare id string (POST or PATCH) is accepted as manager.value.' },
  'entra:2.6:roles-json-string': { source: 'Entra', ...S['2.6'], level: 'SHOULD', summary: 'roles values whose value is a JSON-encoded string are accepted.' },
  'entra:2.6:clear-empty-or-null': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'replace with "" or null (with or without path) clears the attribute, answering 200 or 204.' },
  'entra:2.6:ordered-atomic': { source: 'Entra', ...S['2.6'], level: 'MUST', summary: 'Multi-operation PATCHes apply in order and all-or-nothing.' },
  // 2.7 Users specifics
  'entra:2.7:matching-unique': { source: 'Entra', ...S['2.7'], level: 'MUST', summary: 'Matching attributes are unique: a second User with the same value is refused with 409.' },
  'entra:2.7:type-unique': { source: 'Entra', ...S['2.7'], level: 'MUST', summary: 'A multi-valued complex attribute never holds two values with the same type (two work emails).', text: 'The "type" subattribute values of multivalued complex attributes must be unique. For example, there can\'t be two different email addresses with the "work" subtype.' },
  'entra:2.7:extension-without-schemas-uri': { source: 'Entra', ...S['2.7'], level: 'MUST', summary: 'Extension attributes are accepted even when the extension URN is missing from "schemas".' },
  // 2.8 Groups specifics
  'entra:2.8:groups-need-patch': { source: 'Entra', ...S['2.8'], level: 'MUST', summary: 'A server offering Groups supports PATCH on them.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Modify users or groups with PATCH requests' },
  'entra:2.8:display-name-unique': { source: 'Entra', ...S['2.8'], level: 'MUST', summary: 'Group displayName is unique: a duplicate create answers 409.', text: 'Groups must have uniqueness on the \'displayName\' value to match with Microsoft Entra ID and the SCIM application.' },
  'entra:2.8:excluded-members': { source: 'Entra', ...S['2.8'], level: 'MUST', summary: 'excludedAttributes=members leaves members out on GET /Groups/{id} and on filtered queries.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … The filter excludedAttributes=members when querying the group resource' },
  'entra:2.8:groups-for-gallery': { source: 'Entra', ...S['2.8'], level: 'SHOULD', summary: 'Gallery validation expects Group support with the Group schema in /Schemas.' },
  'entra:2.8:multi-member-patch': { source: 'Entra', ...S['2.8'], level: 'SHOULD', summary: 'One PATCH can add or remove several members at once.' },
  // 2.9 Discovery endpoints
  'entra:2.9:schemas-endpoint': { source: 'Entra', ...S['2.9'], level: 'MUST', summary: 'GET /Schemas answers 200 with a non-empty ListResponse including the core User schema.', text: 'Support Schema Discovery feature on your SCIM endpoint (Required).' },
  'entra:2.9:schemas-no-nulls': { source: 'Entra', ...S['2.9'], level: 'MUST', summary: '/Schemas leaves out absent characteristics instead of sending null.' },
  'entra:2.9:schemas-camel-case': { source: 'Entra', ...S['2.9'], level: 'MUST', summary: 'Characteristic values in /Schemas are camel-cased (readWrite, not ReadWrite).' },
  'entra:2.9:canonical-type-values': { source: 'Entra', ...S['2.9'], level: 'SHOULD', summary: 'Multi-valued attributes declare canonicalValues for type (emails includes "work") so typed paths are discoverable.' },
  'entra:2.9:mapped-attributes-discoverable': { source: 'Entra', ...S['2.9'], level: 'MUST', summary: 'Every attribute of the default mapping can be derived from /Schemas by Entra\'s flattening rules.', text: 'Support Schema Discovery feature on your SCIM endpoint (Required).' },
  'entra:2.9:schema-meta': { source: 'Entra', ...S['2.9'], level: 'SHOULD', summary: 'Each Schema resource has meta.resourceType "Schema" and a meta.location.' },
  'entra:2.9:resource-types-and-config': { source: 'Entra', ...S['2.9'], level: 'MAY', summary: '/ResourceTypes and /ServiceProviderConfig are listed but never called by Entra.' },
  // 2.10 Authorization
  'entra:auth:reject-invalid-token': { source: 'Entra', ...S['2.10'], level: 'MUST', summary: 'The endpoint rejects requests without a valid bearer token.' },
  'entra:2.10:single-bearer-token': { source: 'Entra', ...S['2.10'], level: 'MUST', summary: 'One bearer token in the Authorization header authorizes every request Entra makes.', text: 'Within the SCIM 2.0 protocol specification, your application must support these requirements: … Accept a single bearer token for authentication and authorization of Microsoft Entra ID to your application.' },
  'entra:2.10:perpetual-token': { source: 'Entra', ...S['2.10'], level: 'SHOULD', summary: 'A secret token does not expire, or the job is quarantined when it does.', unobservable: 'Token lifetime cannot be seen within one run.' },
  'entra:2.10:client-secret-basic': { source: 'Entra', ...S['2.10'], level: 'MUST', summary: 'The token endpoint accepts the client id and secret in an Authorization: Basic header (client_secret_basic), which is how Entra sends them.' },
  'entra:2.10:client-credentials': { source: 'Entra', ...S['2.10'], level: 'MUST', summary: 'For the gallery, an OAuth client-credentials token endpoint issues tokens the SCIM endpoint accepts.' },
  'entra:2.10:access-token-lifetime': { source: 'Entra', ...S['2.10'], level: 'MUST', summary: 'Issued access tokens live between 60 minutes and 6 hours (expires_in 3600–21600).' },
  'entra:2.10:no-long-lived-auth-for-gallery': { source: 'Entra', ...S['2.10'], level: 'MUST', summary: 'Gallery apps do not rely on long-lived bearer tokens, basic auth or the code grant.', unobservable: ONBOARDING },
  'entra:2.10:client-secret-expiry': { source: 'Entra', ...S['2.10'], level: 'MUST', summary: 'Client secrets expire within 1 to 3 years.', unobservable: ONBOARDING },
  // 2.11 TLS, certificates, network
  'entra:2.11:https': { source: 'Entra', ...S['2.11'], level: 'MUST', summary: 'The endpoint is served over HTTPS.' },
  'entra:2.11:tls-1.2-only': { source: 'Entra', ...S['2.11'], level: 'MUST', summary: 'TLS 1.2 is accepted; older SSL/TLS versions are refused.' },
  'entra:2.11:cipher-suites': { source: 'Entra', ...S['2.11'], level: 'MUST', summary: 'At least one of the listed ECDHE AES-GCM/CBC cipher suites is offered.' },
  'entra:2.11:key-size': { source: 'Entra', ...S['2.11'], level: 'MUST', summary: 'The certificate key is RSA of 2048 bits or more, or ECC of 256 bits or more.' },
  'entra:2.11:root-ca': { source: 'Entra', ...S['2.11'], level: 'MUST', summary: 'The certificate chains to one of the root CAs Entra trusts.' },
  'entra:2.11:source-ips': { source: 'Entra', ...S['2.11'], level: 'MUST', summary: 'The endpoint admits traffic from the AzureActiveDirectory service-tag ranges.', unobservable: 'Needs requests from Microsoft\'s address ranges.' },
  // 2.12 Throughput, throttling, timeouts
  'entra:2.12:sustain-25-rps': { source: 'Entra', ...S['2.12'], level: 'MUST', summary: 'The endpoint sustains 25 requests per second without 429 or 5xx.', text: 'Support at least 25 requests per second per tenant to ensure that users and groups are provisioned and deprovisioned without delay (Required).' },
  'entra:2.12:retry-after': { source: 'Entra', ...S['2.12'], level: 'SHOULD', summary: 'A 429 response carries Retry-After.' },
  'entra:2.12:prompt-responses': { source: 'Entra', ...S['2.12'], level: 'SHOULD', summary: 'Responses come back promptly; a slow one is logged as Timeout and retried much later.' },
  // 2.13 Attribute mappings
  'entra:2.13:default-mapping-targets': { source: 'Entra', ...S['2.13'], level: 'MUST', summary: 'Every target attribute of Entra\'s default User and Group mappings can be written and read back.' },
  // 2.15 Gallery listing checklist
  'entra:2.15:users-endpoint': { source: 'Entra', ...S['2.15'], level: 'MUST', summary: 'A SCIM 2.0 /Users endpoint is provided.', text: 'Support a SCIM 2.0 user and group endpoint (Only User Provisioning is required but User and Group Provisioning both are recommended).' },
  'entra:2.15:groups-endpoint': { source: 'Entra', ...S['2.15'], level: 'SHOULD', summary: 'A SCIM 2.0 /Groups endpoint is provided.' },
  'entra:2.15:soft-or-hard-delete': { source: 'Entra', ...S['2.15'], level: 'MUST', summary: 'Users can be deprovisioned by active=false or by DELETE.', text: 'Support either soft delete or hard delete of users. Either one is needed, both are also supported (Required).' },
  'entra:2.15:bulk': { source: 'Entra', ...S['2.15'], level: 'SHOULD', summary: 'SCIM /Bulk is supported.' },
  'entra:2.15:public-documentation': { source: 'Entra', ...S['2.15'], level: 'MUST', summary: 'The SCIM endpoint has public documentation.', text: 'Document your SCIM endpoint publicly and share the link (Required)', unobservable: ONBOARDING },
  'entra:2.15:test-credentials': { source: 'Entra', ...S['2.15'], level: 'MUST', summary: 'Non-expiring test credentials are supplied to Microsoft.', unobservable: ONBOARDING },
  // 3.3 aadOptscim062020
  'entra:3.3:flag-in-url': { source: 'Entra', ...S['3.3'], level: 'MUST', summary: 'A ?aadOptscim062020 query parameter left on request URLs is ignored.' },
  'entra:3.3:mixed-path-and-pathless': { source: 'Entra', ...S['3.3'], level: 'MUST', summary: 'One PATCH mixing path replaces and a path-less replace of several attributes applies them all.' },
  // 3.4 Quirks in both modes
  'entra:3.4:capitalized-op': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'Capitalized op values (Add, Replace, Remove) are accepted.' },
  'entra:3.4:string-primary': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'primary sent as "true" or "True" is accepted and returned as a boolean.' },
  'entra:3.4:remove-members-value-array': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'remove on path members with a value array removes only the listed members.' },
  'entra:3.4:member-ref-null': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'Member values carrying "$ref": null are accepted.' },
  'entra:3.4:manager-read-back-complex': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'A manager written as a string is read back as {"value": ...}.' },
  'entra:3.4:manager-removal': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'replace manager with "" and remove of the manager path both clear the manager.' },
  'entra:3.4:add-filter-creates-value': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'add on emails[type eq "work"].value with no work email creates one.' },
  'entra:3.4:sub-attribute-ops-merge': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'Separate adds to sub-attributes of the same filtered value build one value, not several.' },
  'entra:3.4:roles-primary-true-path': { source: 'Entra', ...S['3.4'], level: 'SHOULD', summary: 'Paths like roles[primary eq "True"].value are accepted.' },
  'entra:3.4:extra-group-schema': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'A Group create listing the Microsoft ADSCIM Group schema URI is accepted.' },
  'entra:3.4:post-nulls-and-empty': { source: 'Entra', ...S['3.4'], level: 'MUST', summary: 'A create with null attributes, empty arrays or unknown schema URIs is accepted.' },
  'entra:3.4:probes-not-throttled': { source: 'Entra', ...S['3.4'], level: 'SHOULD', summary: 'Repeated random-value probe queries are answered normally and never rate-limited.' },
  // 4.4 Validator quirks
  'entra:4.4:pathless-username-replace': { source: 'Entra', ...S['4.4'], level: 'MUST', summary: 'A path-less replace {"op":"replace","value":{"userName":…}} renames the user: the validator\'s required Update User userName test.' },
  'entra:4.4:empty-operations': { source: 'Entra', ...S['4.4'], level: 'SHOULD', summary: 'A PATCH with an empty Operations array succeeds without change.' },
} as const satisfies Record<string, Requirement>
