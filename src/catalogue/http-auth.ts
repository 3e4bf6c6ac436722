import type { Requirement } from './index.ts'

// The HTTP authentication rules a SCIM server inherits: RFC 7644 section 2 builds on
// HTTP authentication (RFC 7235) and recommends OAuth 2.0 bearer tokens (RFC 6750).

export const httpAuth = {
  // RFC 7235 3.1: "The server generating a 401 response MUST send a WWW-Authenticate header
  // field (Section 4.1) containing at least one challenge applicable to the target resource."
  'rfc7235:3.1:www-authenticate': { source: 'RFC7235', section: '3.1', level: 'MUST', summary: 'Every 401 (Unauthorized) response carries a WWW-Authenticate header with at least one challenge.', text: 'The server generating a 401 response MUST send a WWW-Authenticate header field (Section 4.1) containing at least one challenge applicable to the target resource.' },
  // RFC 6750 3: "If the protected resource request does not include authentication credentials or
  // does not contain an access token that enables access to the protected resource, the resource
  // server MUST include the HTTP "WWW-Authenticate" response header field".
  'rfc6750:3:www-authenticate': { source: 'RFC6750', section: '3', level: 'MUST', summary: 'A bearer-token request without a valid token is answered with a WWW-Authenticate header.', text: 'If the protected resource request does not include authentication credentials or does not contain an access token that enables access to the protected resource, the resource server MUST include the HTTP "WWW-Authenticate" response header field.' },
} as const satisfies Record<string, Requirement>
