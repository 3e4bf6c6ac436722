import { randomUUID } from 'node:crypto'
import { check } from '../src/check.ts'
import { expectRefused } from '../src/refusal.ts'

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
