import { randomUUID } from 'node:crypto'
import { check } from '../src/check.ts'
import { ensureStatus } from '../src/check-failure.ts'

// RFC 7644 section 2 and Entra's authorization requirement: no valid token, no data.

const protectedPaths = ['/Users', '/Groups'] as const

check('auth.no-token.401', { verifies: ['rfc7644:2:authentication', 'entra:auth:reject-invalid-token'], readOnly: true }, async ({ scim }) => {
  for (const path of protectedPaths) {
    ensureStatus(await scim.send({ method: 'GET', path, auth: { kind: 'none' } }), 401, 'a request without a token must be refused')
  }
})

check('auth.wrong-token.401', { verifies: ['rfc7644:2:authentication', 'entra:auth:reject-invalid-token'], readOnly: true }, async ({ scim }) => {
  for (const path of protectedPaths) {
    ensureStatus(await scim.send({ method: 'GET', path, auth: { kind: 'header', value: `Bearer wrong-${randomUUID()}` } }), 401, 'a request with a wrong token must be refused')
  }
})
