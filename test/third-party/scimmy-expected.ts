// What scim-conform reports against scimmy@1 + scimmy-routers@1 (test/third-party/scimmy-server.ts)
// with the entra profile: every check that does not pass there, and the rule scimmy breaks.
// Each entry was read against the exchange and scimmy's source before it was pinned; a check
// that failed only because the check was wrong was fixed at the check, never pinned here.

export const scimmyNonPassing = {
  'users.create.location-header':
    'RFC 7644 3.3: a 201 for a create SHALL carry the Location header; scimmy-routers POST / sends only the body (meta.location is set)',
  'users.filter.username-case-insensitive':
    'RFC 7644 3.4.2.2 + RFC 7643 4.1.1: userName is caseExact false, so eq must ignore case; scimmy Filter.match compares with ===',
} as const satisfies Record<string, string>
