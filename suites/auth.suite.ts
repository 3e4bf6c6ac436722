import { randomUUID } from 'node:crypto'
import { check } from '../src/kit/check.ts'
import { ensure } from '../src/kit/check-failure.ts'
import { expectRefused, isHeld } from '../src/kit/refusal.ts'

// RFC 7644 section 2 and Entra's authorization requirement: no valid token, no data.

const protectedPaths = ['/Users', '/Groups'] as const

check('auth.no-token.401', { verifies: ['rfc7644:2:authentication', 'entra:auth:reject-invalid-token'], readOnly: true }, async ({ scim }) => {
  const probes = protectedPaths.map((path) => ({ label: `GET ${path} without a token`, send: () => scim.send({ method: 'GET', path, auth: { kind: 'none' } }) }))
  await expectRefused(probes, 'a request without a token must be refused', { sequential: true })
})

check('auth.wrong-token.401', { verifies: ['rfc7644:2:authentication', 'entra:auth:reject-invalid-token'], readOnly: true }, async ({ scim }) => {
  const probes = protectedPaths.map((path) => ({ label: `GET ${path} with a wrong token`, send: () => scim.send({ method: 'GET', path, auth: { kind: 'header', value: `Bearer wrong-${randomUUID()}` } }) }))
  await expectRefused(probes, 'a request with a wrong token must be refused', { sequential: true })
})

// RFC 7235 3.1: "The server generating a 401 response MUST send a WWW-Authenticate header field";
// RFC 6750 3 says the same for a bearer-token request without a valid token. Without the
// challenge a client cannot tell an authentication failure from any other refusal.
check('auth.no-token.www-authenticate', { verifies: ['rfc7235:3.1:www-authenticate', 'rfc6750:3:www-authenticate'], readOnly: true }, async ({ scim, skip }) => {
  const res = await scim.send({ method: 'GET', path: '/Users', auth: { kind: 'none' } }).catch((error: unknown) => {
    // Lockout or tarpit protection may hold the refusal past --timeout; auth.no-token.401 warns about that.
    if (isHeld(error)) return skip('not applicable: the refusal was held past --timeout, so there is no 401 to read (auth.no-token.401 warns about the delay)')
    throw error
  })
  if (res.status !== 401) skip(`not applicable: GET /Users without a token answered ${res.status}, not 401 (auth.no-token.401 judges that)`)
  const challenge = res.headers['www-authenticate']
  ensure(typeof challenge === 'string' && challenge.trim() !== '', 'GET /Users without a token answered 401 with no WWW-Authenticate header: every 401 MUST carry a challenge such as Bearer realm="scim" (RFC 7235 3.1, RFC 6750 3)', { expected: 'WWW-Authenticate: Bearer ...', actual: challenge ?? '(no header)' })
})
