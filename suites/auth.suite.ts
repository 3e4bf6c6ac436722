import { randomUUID } from 'node:crypto'
import { check } from '../src/kit/check.ts'
import { ensure } from '../src/kit/check-failure.ts'
import { expectRefused, isHeld } from '../src/kit/refusal.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { groupBody, resourcesOf, userBody } from '../src/kit/resources.ts'
import { createGroup, createUser, emailName } from '../src/kit/steps.ts'
import type { AuthMode, HttpRequest, ScimClient } from '../src/kit/types.ts'
import type { RunConfig } from '../src/kit/run-config.ts'

// RFC 7644 section 2 and Entra's authorization requirement: no valid token, no data.
// Every check here sends bad credentials, so all of them take the last turn of a run
// (src/run/bad-credentials.ts): lockout or tarpit protection can then hold only them.
// GET /Users and /Groups without a token or with a wrong one first; then every other
// endpoint that needs auth, and the other places a token can be put. Discovery
// endpoints may be public.

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

interface Placement {
  readonly id: 'no-token' | 'wrong-token' | 'query-token' | 'other-scheme'
  readonly why: string
  /** The request variants this placement sends (several schemes for other-scheme). */
  readonly variants: (run: RunConfig) => Partial<HttpRequest>[]
  /** GET /Users and /Groups are auth.suite.ts's for these placements. */
  readonly collectionsCovered: boolean
}

/** The valid token, to show that only its placement is wrong. */
const tokenOf = (run: RunConfig): string => (run.auth.kind === 'bearer' ? run.auth.token : run.auth.issued.token)

const placements: readonly Placement[] = [
  { id: 'no-token', why: 'a request without a token must be refused', collectionsCovered: true, variants: () => [{ auth: { kind: 'none' } }] },
  { id: 'wrong-token', why: 'a request with a wrong token must be refused', collectionsCovered: true, variants: () => [{ auth: { kind: 'header', value: `Bearer wrong-${randomUUID()}` } }] },
  // RFC 6750 section 2.3: a token in the URI leaks into logs; Entra sends it only in the header.
  { id: 'query-token', why: 'a token in the query string instead of the Authorization header must be refused', collectionsCovered: false, variants: (run) => [{ auth: { kind: 'none' }, query: { access_token: tokenOf(run) } }] },
  {
    id: 'other-scheme', why: 'the token under another scheme than Bearer must be refused', collectionsCovered: false,
    variants: (run) => (['Basic ' + Buffer.from(`scim-conform:${tokenOf(run)}`).toString('base64'), `Token ${tokenOf(run)}`] as const).map((value) => ({ auth: { kind: 'header', value } satisfies AuthMode })),
  },
]

const authRequirements = ['rfc7644:2:authentication', 'entra:auth:reject-invalid-token', 'entra:2.10:single-bearer-token'] as const

/** What a valid token gets from an endpoint the server does not have. */
const NOT_AN_ENDPOINT: readonly number[] = [404, 405, 501]

/** An id that exists when the target lists one (a refusal must not depend on the id being unknown). */
async function someId(scim: ScimClient, path: '/Users' | '/Groups'): Promise<string> {
  const res = await scim.send({ method: 'GET', path, query: { count: '1' } })
  const id = resourcesOf(res.json)[0]?.id
  return typeof id === 'string' ? id : randomUUID()
}

for (const placement of placements) {
  check(`security.${placement.id}.reads`, { verifies: [...authRequirements], readOnly: true }, async ({ scim, run }) => {
    const paths = [`/Users/${encodeURIComponent(await someId(scim, '/Users'))}`, `/Groups/${encodeURIComponent(await someId(scim, '/Groups'))}`]
    if (!placement.collectionsCovered) paths.push('/Users', '/Groups')
    const probes = placement.variants(run).flatMap((variant) => paths.map((path) => ({ label: `GET ${path}`, send: () => scim.send({ ...variant, method: 'GET', path }) })))
    await expectRefused(probes, placement.why)
  })

  check(`security.${placement.id}.writes`, { verifies: [...authRequirements] }, async ({ scim, run, uniqueName }) => {
    const user = await createUser(scim, emailName(uniqueName('sec-user')))
    const group = await createGroup(scim, uniqueName('sec-group'))
    const disable = { schemas: [SCHEMA_URN.patchOp], Operations: [{ op: 'replace', path: 'active', value: false }] }
    const addMember = { schemas: [SCHEMA_URN.patchOp], Operations: [{ op: 'add', path: 'members', value: [{ value: user.id }] }] }
    const search = { schemas: [SCHEMA_URN.searchRequest], filter: `userName eq "${emailName(uniqueName('nobody'))}"` }
    // Only endpoints that exist for a valid token are probed: a 404 without a token, the answer
    // a server without /.search gives everyone, is no bypass (RFC 7644 3.4.3: .search is optional).
    const searchExists = !NOT_AN_ENDPOINT.includes((await scim.send({ method: 'POST', path: '/Users/.search', body: search })).status)
    const probes = placement.variants(run).flatMap((v) => [
      { label: 'POST /Users', send: () => scim.create('User', userBody(emailName(uniqueName('sec-create'))), v) },
      { label: 'POST /Groups', send: () => scim.create('Group', groupBody(uniqueName('sec-create')), v) },
      ...(searchExists ? [{ label: 'POST /Users/.search', send: () => scim.send({ ...v, method: 'POST', path: '/Users/.search', body: search }) }] : []),
      { label: `PUT /Users/${user.id}`, send: () => scim.put('User', user.id, userBody(String(user.body.userName), { active: false }), v) },
      { label: `PATCH /Users/${user.id}`, send: () => scim.patch('User', user.id, disable, v) },
      { label: `PUT /Groups/${group.id}`, send: () => scim.put('Group', group.id, groupBody(uniqueName('renamed')), v) },
      { label: `PATCH /Groups/${group.id}`, send: () => scim.patch('Group', group.id, addMember, v) },
      { label: `DELETE /Users/${user.id}`, send: () => scim.delete('User', user.id, v) },
      { label: `DELETE /Groups/${group.id}`, send: () => scim.delete('Group', group.id, v) },
    ])
    await expectRefused(probes, placement.why)
  })
}
