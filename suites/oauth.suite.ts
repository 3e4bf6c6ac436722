import { check } from '../src/kit/check.ts'
import { CheckFailure } from '../src/kit/check-failure.ts'

// Entra's gallery requirements on the OAuth client-credentials token endpoint
// (Microsoft's Entra SCIM documentation; Microsoft's Validate_Credentials_Test): a 2xx
// answer with an access_token the SCIM endpoint accepts, living 60 min to 6 h.
// Judged on the token the main process fetched before the run (the preflight
// already proved the SCIM endpoint accepts it).

const MIN_LIFETIME_S = 3600
const MAX_LIFETIME_S = 21_600

// A token endpoint that answers without 2xx or without an access_token stops the run before any
// check (exit 3), so this judges what a run can still get wrong: the token type. RFC 6749 5.1 makes
// token_type REQUIRED; Entra presents the token as "Authorization: Bearer" (RFC 6750), so it must be that.
check('oauth.token-response', { verifies: ['entra:2.10:client-credentials'], readOnly: true }, async ({ run, skip }) => {
  if (run.auth.kind !== 'client-credentials') return skip('not applicable: the run uses a bearer token; pass --client-id, --client-secret and --token-url to check the token endpoint')
  const first = run.auth.firstResponse
  if (first.tokenType?.toLowerCase() !== 'bearer') {
    throw new CheckFailure(`the token response's token_type is ${first.tokenType === undefined ? 'missing' : JSON.stringify(first.tokenType)}, expected "Bearer" (RFC 6749 5.1): Entra sends the token as a bearer token`, {
      exchanges: [first.exchange], pointer: '/token_type', expected: 'Bearer', actual: first.tokenType ?? null,
    })
  }
})

check('oauth.token-lifetime', { verifies: ['entra:2.10:access-token-lifetime'], readOnly: true }, async ({ run, skip }) => {
  if (run.auth.kind !== 'client-credentials') return skip('not applicable: the run uses a bearer token; pass --client-id, --client-secret and --token-url to check the token endpoint')
  const first = run.auth.firstResponse
  const expiresIn = first.expiresInS
  const evidence = { exchanges: [first.exchange], pointer: '/expires_in', expected: `${MIN_LIFETIME_S}-${MAX_LIFETIME_S} seconds`, actual: expiresIn }
  if (expiresIn === undefined) throw new CheckFailure('the token response has no numeric expires_in: Entra needs the lifetime (60 minutes to 6 hours)', evidence)
  if (expiresIn < MIN_LIFETIME_S || expiresIn > MAX_LIFETIME_S) {
    throw new CheckFailure(`the access token lives ${expiresIn} s; Entra's gallery requires 3600-21600 s (60 minutes to 6 hours)`, evidence)
  }
})

// Entra's client-credentials connector authenticates to the token endpoint with an
// "Authorization: Basic" header (client_secret_basic, RFC 6749 2.3.1), not with credentials in the
// body; an endpoint that reads only the body fails Entra's Test Connection. The run tried the
// Basic header first and fell back to the body only to judge the rest.
check('oauth.client-secret-basic', { verifies: ['entra:2.10:client-secret-basic'], readOnly: true }, async ({ run, skip }) => {
  if (run.auth.kind !== 'client-credentials') return skip('not applicable: the run uses a bearer token; pass --client-id, --client-secret and --token-url to check the token endpoint')
  const refused = run.auth.basicRefused
  if (refused === undefined) return
  throw new CheckFailure(`the token endpoint answered ${refused.status} to the client id and secret in an Authorization: Basic header (client_secret_basic), which is how Entra sends them; it gave a token only for credentials in the body`, {
    exchanges: [refused.exchange, run.auth.firstResponse.exchange], expected: '2xx with an access_token for client_secret_basic', actual: refused.status ?? null,
  })
})
