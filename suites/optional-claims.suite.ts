import { randomUUID } from 'node:crypto'
import { check } from '../src/kit/check.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { bulkResults, sendBulk } from '../src/kit/bulk-request.ts'
import { resourcesOf, userBody } from '../src/kit/resources.ts'
import { requireClaim, serviceProviderClaims } from '../src/kit/service-provider-config.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { createUser, emailName } from '../src/kit/steps.ts'

// What /ServiceProviderConfig claims (RFC 7643 section 5) against what the server
// does. A claimed feature that does not work fails here; an unclaimed PATCH or Bulk
// must be refused cleanly (RFC 7644 section 3.12: 501 for an unsupported operation;
// 400, 403, 404 and 405 are clean refusals too), never with a 5xx and never performed.

const CLEAN_REFUSALS = [501, 400, 403, 404, 405]
/** The most users claims.filter.max-results will create to see a page exceed maxResults. */
const MAX_USERS_TO_CREATE = 25

check('claims.filter.honoured', { verifies: ['rfc7643:5:capabilities-truthful', 'rfc7644:3.4.2.2:filter-only-matching'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'filter', skip)
  const prefix = uniqueName('claims-filter')
  const { id } = await createUser(scim, emailName(`${prefix}-a`))
  await createUser(scim, emailName(`${prefix}-b`))
  for (const [endpoint, kind] of [['/Users', 'User'], ['/Groups', 'Group']] as const) {
    const none = await scim.list(kind, { filter: `${kind === 'User' ? 'userName' : 'displayName'} eq "${randomUUID()}"` })
    ensureStatus(none, 200, 'filter.supported is true, so a filter must be accepted')
    const count = resourcesOf(none.json).length
    ensure(count === 0, `filter.supported is true but GET ${endpoint} with a filter matching nothing returned ${count} resource(s): the filter is ignored`, { expected: 0, actual: count })
  }
  const one = await scim.list('User', { filter: `userName eq "${emailName(`${prefix}-a`)}"` })
  ensureStatus(one, 200)
  const ids = resourcesOf(one.json).map((r) => r.id)
  ensure(ids.length === 1 && ids[0] === id, 'filter.supported is true but userName eq returned other users than the one it names', { expected: [id], actual: ids })
})

check('claims.filter.max-results', { verifies: ['rfc7643:5:filter', 'rfc7643:5:capabilities-truthful'] }, async ({ scim, skip, uniqueName }) => {
  const { filter } = await requireClaim(scim, 'filter', skip)
  const maxResults = filter.maxResults
  ensure(maxResults !== undefined && maxResults >= 1, 'filter.supported is true but filter.maxResults is not a positive number (RFC 7643 section 5)', { pointer: '/filter/maxResults', actual: maxResults })
  const prefix = uniqueName('claims-max')
  const query = { filter: `userName sw "${prefix}"` }
  const needed = maxResults + 1
  if (needed > MAX_USERS_TO_CREATE) skip(`not observable: filter.maxResults ${maxResults} needs more than the ${MAX_USERS_TO_CREATE} users this check will create`)
  for (let i = 0; i < needed; i++) await createUser(scim, emailName(`${prefix}-${i}`))
  for (const page of [{}, { count: String(needed) }] as Record<string, string>[]) {
    const res = await scim.list('User', { ...query, ...page })
    ensureStatus(res, 200)
    const returned = resourcesOf(res.json).length
    ensure(returned <= maxResults, `filter.maxResults is ${maxResults} but GET /Users${'count' in page ? `?count=${needed}` : ''} returned ${returned} resources`, { expected: `at most ${maxResults}`, actual: returned })
    ensure((res.json as { totalResults?: unknown } | undefined)?.totalResults === needed, 'totalResults does not count every match beyond the page (RFC 7644 section 3.4.2)', { pointer: '/totalResults', expected: needed, actual: (res.json as { totalResults?: unknown } | undefined)?.totalResults })
  }
})

check('claims.bulk.matches-claim', { verifies: ['rfc7643:5:capabilities-truthful', 'rfc7644:3.7:bulk-optional', 'rfc7644:3.12:not-implemented-501'] }, async ({ scim, run, uniqueName }) => {
  const claims = await serviceProviderClaims(scim)
  const res = await sendBulk(scim, [{ method: 'POST', path: '/Users', bulkId: 'probe', data: userBody(emailName(uniqueName('claims-bulk'))) }])
  const results = await bulkResults(res, run)
  if (claims.bulk.supported) {
    ensureStatus(res, 200, 'bulk.supported is true, so a one-operation BulkRequest must be processed')
    const probe = results.find((r) => r.bulkId === 'probe')
    ensure(probe?.status === 201, `bulk.supported is true but the bulk POST of a valid user has status ${probe?.statusShown ?? '(no result carries bulkId "probe")'}, expected 201`, { expected: 201, actual: probe?.raw })
    return
  }
  ensure(res.status < 500 || res.status === 501, `bulk.supported is false and POST /Bulk crashed with ${res.status}; refuse it with 501`, { expected: CLEAN_REFUSALS, actual: res.status })
  ensureStatus(res, CLEAN_REFUSALS, 'bulk.supported is false: an unsupported Bulk request is refused, 501 preferred (RFC 7644 section 3.12)')
})

check('claims.patch.matches-claim', { verifies: ['rfc7643:5:capabilities-truthful', 'rfc7644:3.5.2:patch-optional', 'rfc7644:3.12:not-implemented-501'] }, async ({ scim, uniqueName }) => {
  const claims = await serviceProviderClaims(scim)
  const { id } = await createUser(scim, emailName(uniqueName('claims-patch')), { displayName: 'Before PATCH' })
  const res = await scim.patch('User', id, { schemas: [SCHEMA_URN.patchOp], Operations: [{ op: 'replace', path: 'displayName', value: 'After PATCH' }] })
  const displayName = ((await scim.get('User', id)).json as { displayName?: unknown } | undefined)?.displayName
  if (claims.patch) {
    ensureStatus(res, [200, 204], 'patch.supported is true, so a PATCH replacing displayName must be accepted')
    ensure(displayName === 'After PATCH', 'patch.supported is true but the accepted PATCH did not change displayName', { pointer: '/displayName', expected: 'After PATCH', actual: displayName })
    return
  }
  ensure(res.status < 500 || res.status === 501, `patch.supported is false and PATCH crashed with ${res.status}; refuse it with 501`, { expected: CLEAN_REFUSALS, actual: res.status })
  ensureStatus(res, CLEAN_REFUSALS, 'patch.supported is false: PATCH is refused, 501 preferred (RFC 7644 section 3.12)')
  ensure(displayName === 'Before PATCH', 'patch.supported is false and PATCH was refused, yet displayName changed', { pointer: '/displayName', expected: 'Before PATCH', actual: displayName })
})

check('claims.authentication-schemes', { verifies: ['rfc7643:5:authentication-schemes', 'rfc7644:2:oauth2-recommended'], readOnly: true }, async ({ scim, run }) => {
  const claims = await serviceProviderClaims(scim)
  const types = claims.authenticationSchemes.map((s) => s.type.toLowerCase())
  ensure(types.length > 0, '/ServiceProviderConfig lists no authenticationSchemes (RFC 7643 section 5)', { pointer: '/authenticationSchemes', actual: claims.authenticationSchemes })
  // This run authenticated with a bearer token (given, or from an OAuth 2.0 token endpoint): a scheme must say so.
  const bearer = ['oauthbearertoken', 'oauth2', 'oauth']
  ensure(types.some((t) => bearer.includes(t)), `the run authenticated with a ${run.auth.kind === 'bearer' ? 'bearer token' : 'client-credentials token'}, but authenticationSchemes does not advertise an OAuth bearer scheme`, { pointer: '/authenticationSchemes', expected: bearer, actual: types })
})
