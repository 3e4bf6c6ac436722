// What scim-conform reports against scimmy@1 + scimmy-routers@1 (test/third-party/scimmy-server.ts)
// with the entra profile: every check that does not pass there, and the rule scimmy breaks.
// Each entry was read against the exchange and scimmy's source before it was pinned; a check
// that failed only because the check was wrong goes to the check's owner, never into this table.
// The store enforces exactly what scimmy's /Schemas declares (userName uniqueness "server",
// Group displayName uniqueness "none"), so what remains is scimmy's behaviour, not ours.

export const scimmyNonPassing = {
  // Case: scimmy's Filter.match compares with ===, whatever the schema's caseExact says.
  'users.filter.username-case-insensitive':
    'RFC 7644 3.4.2.2 + RFC 7643 4.1.1: userName is caseExact false, so eq must ignore case; scimmy Filter.match compares with ===',
  'entra.gallery.filter-case-user':
    'Entra doc 2.3 (validator "different case" test): userName eq in another case must find the user; scimmy compares with ===',
  'entra.gallery.filter-case-group':
    'Entra doc 2.3 + RFC 7643 4.2: Group displayName is caseExact false; scimmy compares with ===',
  'filters.groups.entra-eq':
    'RFC 7644 3.4.2.2 + RFC 7643 4.2: displayName eq in another case must match (caseExact false); scimmy compares with ===',
  'filters.groups.rfc-operators':
    'RFC 7644 3.4.2.2: the displayName eq arm of an and-filter ignores caseExact false, so the group is missing',
  'filters.users.entra-eq':
    'RFC 7644 3.4.2.2 + RFC 7643 4.1.2: emails.value is caseExact false; scimmy compares with ===, and Filter.match throws (400) when any stored user has no emails',
  'profile.user.filterable-eq':
    'Entra doc 2.4: emails[type eq "work"].value eq "<v>" must work for mail matching; scimmy Filter.match throws (400 "Cannot convert undefined or null to object") when a stored user has no emails',
  'filters.users.rfc-operators':
    'RFC 7644 3.4.2.2: not (...) inside a parenthesised group is valid filter grammar; scimmy answers 400 invalidFilter "Unexpected token \')\'"',

  // Paging: scimmy's ListResponse echoes the requested count.
  'filters.pagination':
    'RFC 7644 3.4.2.4: itemsPerPage is the number of resources on the page; scimmy echoes count (3) on a last page holding 1',
  'entra.gallery.user-pagination':
    'RFC 7644 3.4.2.4 / Entra doc 2.5: itemsPerPage must be the page size returned; scimmy echoes count (5) on a last page holding 4',

  // Create.
  'users.create.location-header':
    'RFC 7644 3.3: a 201 for a create SHALL carry the Location header; scimmy-routers POST / sends only the body (meta.location is set)',
  'entra.gallery.duplicate-group-409':
    'Entra doc 2.8: Group displayName must be unique for matching (a duplicate create answers 409); scimmy declares its uniqueness "none" (RFC 7643 4.2)',
  'entra.group-cycle.display-name-unique':
    'Entra doc 2.8: Group displayName must be unique for matching; scimmy declares its uniqueness "none" and creates the duplicate (201)',
  'entra.group-cycle.delete':
    'skipped: the cycle stops at display-name-unique (Entra doc 2.8), so its delete step never runs',

  // PATCH: scimmy implements RFC 7644 3.5.2 strictly and none of Entra's documented quirks.
  'entra.patch.disable-string-boolean':
    'Entra doc 2.6/3.4 #2: Entra sends active "False" as a string; scimmy answers 400 invalidValue (expected boolean)',
  'entra.user-cycle.disable':
    'Entra doc 1.2.5/2.6: the disable PATCH sends active "False" as a string; scimmy answers 400 invalidValue',
  'entra.user-cycle.re-enable': 'skipped: the cycle stops at disable (string booleans, Entra doc 2.6)',
  'entra.user-cycle.manager': 'skipped: the cycle stops at disable (string booleans, Entra doc 2.6)',
  'entra.user-cycle.second-cycle-no-patch': 'skipped: the cycle stops at disable (string booleans, Entra doc 2.6)',
  'entra.user-cycle.delete': 'skipped: the cycle stops at disable (string booleans, Entra doc 2.6)',
  'patch.user.generated':
    'Entra doc 2.6: the entra dialect sends "True"/"False" strings for booleans (smallest case: add active "True"); scimmy answers 400 invalidValue',
  'entra.patch.manager-bare-id':
    'Entra doc 3.4 #4: manager is PATCHed as a bare id string; scimmy answers 400 (complex attribute expected complex value)',
  'entra.patch.add-work-email-filter':
    'Entra doc 3.4 #7: add on emails[type eq "work"].value with no work email must create it; scimmy answers 400 noTarget',
  'entra.patch.address-sub-attributes-merge':
    'Entra doc 3.4 #7-8: adds on addresses[type eq "work"].<sub> with no work address must create one value; scimmy answers 400 noTarget',
  'profile.user.patch-read-back':
    'Entra doc 3.4 #7: add on phoneNumbers[type eq "fax"].value with no fax number must create it; scimmy answers 400 noTarget',
  'patch.user.invalid-refused':
    'RFC 7644 3.5.2: an op incompatible with mutability SHALL be an error; scimmy answers 204 to replace meta.created (readOnly)',
  'patch.group.status-204':
    'Entra doc 2.1 (SHOULD): PATCH /Groups is 204 No Content; scimmy-routers answers 200 with the group whenever it changed',
} as const satisfies Record<string, string>
