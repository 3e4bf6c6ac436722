import { ensureSetUp } from '../src/kit/blocked.ts'
import { check } from '../src/kit/check.ts'
import { CheckFailure, ensure, ensureStatus } from '../src/kit/check-failure.ts'
import type { HttpResponse } from '../src/kit/types.ts'
import { groupBody, resourcesOf, userBody } from '../src/kit/resources.ts'
import type { RunConfig } from '../src/kit/run-config.ts'
import { requireClaim } from '../src/kit/service-provider-config.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import type { JsonObject } from '../src/scim/types.ts'
import { emailName } from '../src/kit/steps.ts'
import { sendBulk, bulkResults, type BulkResult } from '../src/kit/bulk-request.ts'

// Bulk (RFC 7644 section 3.7), checked only when the target claims bulk.supported:
// bulkId references between operations (3.7.2), failOnErrors (3.7), per-operation
// status and location (3.7.3), the published limits enforced with 413 (3.7.4) and
// circular references resolved or refused with 409 (3.7.1).

/** The largest request the checks will send to prove a limit: beyond it the limit cannot be probed politely. */
const MAX_PROBE_OPERATIONS = 1000
const MAX_PROBE_BYTES = 8 * 1024 * 1024

const postUser = (bulkId: string, userName: string, extra: JsonObject = {}): JsonObject => ({ method: 'POST', path: '/Users', bulkId, data: userBody(userName, extra) })

function resultFor(results: readonly BulkResult[], bulkId: string): BulkResult {
  const result = results.find((r) => r.bulkId === bulkId)
  if (!result) throw new CheckFailure(`the BulkResponse has no result carrying bulkId "${bulkId}" (RFC 7644 section 3.7)`, { expected: bulkId, actual: results.map((r) => r.bulkId) })
  return result
}

async function expect413(run: RunConfig, res: HttpResponse, limit: string): Promise<void> {
  await bulkResults(res, run)
  ensureStatus(res, 413, `a bulk request over ${limit} must be refused (RFC 7644 section 3.7.4)`)
}

check('bulk.bulkid-references', { verifies: ['rfc7644:3.7.2:bulk-id-resolution', 'rfc7644:3.7:bulk-id-echoed', 'rfc7644:3.7.3:status', 'rfc7644:3.7.3:location', 'rfc7644:3.7:bulk-response-schema', 'rfc7644:3.7:bulk-200'] }, async ({ scim, run, skip, uniqueName }) => {
  await requireClaim(scim, 'bulk', skip)
  const res = await sendBulk(scim, [
    postUser('member', emailName(uniqueName('bulk-member'))),
    { method: 'POST', path: '/Groups', bulkId: 'team', data: groupBody(uniqueName('bulk-team'), { members: [{ type: 'User', value: 'bulkId:member' }] }) },
  ])
  const results = await bulkResults(res, run)
  ensureStatus(res, 200, 'a processed bulk request answers 200 (RFC 7644 section 3.7)')
  const schemas = (res.json as { schemas?: unknown } | undefined)?.schemas
  ensure(Array.isArray(schemas) && schemas.includes(SCHEMA_URN.bulkResponse), `the BulkResponse does not list ${SCHEMA_URN.bulkResponse} in "schemas"`, { pointer: '/schemas', actual: schemas })
  const member = resultFor(results, 'member')
  const team = resultFor(results, 'team')
  for (const result of [member, team]) {
    ensure(result.status === 201, `the bulk POST "${result.bulkId}" has status ${result.statusShown}, expected 201`, { expected: 201, actual: result.raw })
    ensure(result.id !== undefined, `the bulk POST "${result.bulkId}" has no location naming the created resource`, { actual: result.location })
  }
  const group = await scim.get('Group', team.id as string)
  ensureSetUp(group, 200, { check: 'groups.get.by-id', what: 'reading the group the bulk request created failed' })
  const values = resourcesOf({ Resources: (group.json as { members?: unknown } | undefined)?.members }).map((m) => m.value)
  ensure(values.length === 1 && values[0] === member.id, '"bulkId:member" was not resolved to the id of the user created with bulkId "member" (RFC 7644 section 3.7.2)', { pointer: '/members', expected: [member.id], actual: values })
})

check('bulk.fail-on-errors', { verifies: ['rfc7644:3.7:bulk-fail-on-errors', 'rfc7644:3.7:bulk-continue-on-error', 'rfc7644:3.7:bulk-error-body', 'rfc7644:3.7.3:error-detail'] }, async ({ scim, run, skip, uniqueName }) => {
  await requireClaim(scim, 'bulk', skip)
  const invalid = (bulkId: string): JsonObject => ({ method: 'POST', path: '/Users', bulkId, data: { schemas: [SCHEMA_URN.user], displayName: 'No userName' } })
  const stopped = emailName(uniqueName('bulk-stopped'))
  const stopping = await sendBulk(scim, [invalid('bad'), postUser('after', stopped)], 1)
  const stoppingResults = await bulkResults(stopping, run)
  ensureStatus(stopping, 200, 'a bulk request whose operations fail still answers 200 with the results')
  const bad = resultFor(stoppingResults, 'bad')
  ensure(bad.status >= 400 && bad.status < 500, `the POST without userName has status ${bad.statusShown}, expected a 4xx`, { actual: bad.raw })
  ensure(bad.errorStatus !== undefined, 'the failed operation carries no SCIM Error in "response" (RFC 7644 section 3.7.3)', { actual: bad.raw })
  ensure(!stoppingResults.some((r) => r.bulkId === 'after'), 'with failOnErrors=1 the operation after the first error was processed anyway', { expected: ['bad'], actual: stoppingResults.map((r) => r.bulkId) })
  const found = await scim.list('User', { filter: `userName eq "${stopped}"` })
  ensure((found.json as { totalResults?: unknown } | undefined)?.totalResults === 0, 'with failOnErrors=1 the user after the first error was created anyway', { actual: (found.json as { totalResults?: unknown } | undefined)?.totalResults })
  const continuing = await sendBulk(scim, [invalid('bad'), postUser('after', emailName(uniqueName('bulk-continued')))])
  const continuingResults = await bulkResults(continuing, run)
  ensureStatus(continuing, 200)
  const after = resultFor(continuingResults, 'after')
  ensure(after.status === 201, `without failOnErrors the operations after an error must still be performed (RFC 7644 section 3.7); "after" has status ${after.statusShown}, expected 201`, { expected: 201, actual: after.raw })
})

check('bulk.max-operations-413', { verifies: ['rfc7644:3.7.4:limits-413', 'rfc7644:3.7.4:limits-defined'] }, async ({ scim, run, skip, uniqueName }) => {
  const { bulk } = await requireClaim(scim, 'bulk', skip)
  ensure(bulk.maxOperations !== undefined && bulk.maxOperations >= 1, 'bulk.supported is true but bulk.maxOperations is not a positive number (RFC 7643 section 5)', { pointer: '/bulk/maxOperations', actual: bulk.maxOperations })
  if (bulk.maxOperations >= MAX_PROBE_OPERATIONS) skip(`not observable: bulk.maxOperations ${bulk.maxOperations} is above the ${MAX_PROBE_OPERATIONS} operations this check will send`)
  const prefix = uniqueName('bulk-many')
  const operations = Array.from({ length: bulk.maxOperations + 1 }, (_, i) => postUser(`op${i}`, emailName(`${prefix}-${i}`)))
  await expect413(run, await sendBulk(scim, operations), `maxOperations (${bulk.maxOperations})`)
})

check('bulk.max-payload-413', { verifies: ['rfc7644:3.7.4:limits-413', 'rfc7644:3.7.4:limits-defined'] }, async ({ scim, run, skip, uniqueName }) => {
  const { bulk } = await requireClaim(scim, 'bulk', skip)
  ensure(bulk.maxPayloadSize !== undefined && bulk.maxPayloadSize >= 1, 'bulk.supported is true but bulk.maxPayloadSize is not a positive number (RFC 7643 section 5)', { pointer: '/bulk/maxPayloadSize', actual: bulk.maxPayloadSize })
  if (bulk.maxPayloadSize >= MAX_PROBE_BYTES) skip(`not observable: bulk.maxPayloadSize ${bulk.maxPayloadSize} is above the ${MAX_PROBE_BYTES} bytes this check will send`)
  const operations = [postUser('big', emailName(uniqueName('bulk-big')), { nickName: 'x'.repeat(bulk.maxPayloadSize + 1) })]
  await expect413(run, await sendBulk(scim, operations), `maxPayloadSize (${bulk.maxPayloadSize} bytes)`)
})

check('bulk.circular-references', { verifies: ['rfc7644:3.7.1:circular-references', 'rfc7644:3.7.1:circular-409'] }, async ({ scim, run, skip, uniqueName }) => {
  await requireClaim(scim, 'bulk', skip)
  const res = await sendBulk(scim, [
    { method: 'POST', path: '/Groups', bulkId: 'left', data: groupBody(uniqueName('bulk-left'), { members: [{ type: 'Group', value: 'bulkId:right' }] }) },
    { method: 'POST', path: '/Groups', bulkId: 'right', data: groupBody(uniqueName('bulk-right'), { members: [{ type: 'Group', value: 'bulkId:left' }] }) },
  ])
  const results = await bulkResults(res, run)
  // RFC 7644 section 3.7.1: the server MUST try to resolve the cycle and MAY give up with 409.
  if (res.status === 409) return
  ensureStatus(res, [200, 409], 'circular bulkId references are resolved or refused with 409, never a crash')
  const byId = new Map(results.map((r) => [r.bulkId, r]))
  for (const [name, other] of [['left', 'right'], ['right', 'left']] as const) {
    const result = byId.get(name)
    ensure(result !== undefined, `the BulkResponse has no result for bulkId "${name}"`, { actual: results.map((r) => r.bulkId) })
    if (result.status === 409) continue
    ensure(result.status === 201 && result.id !== undefined, `the cyclic POST "${name}" has status ${result.statusShown}: resolve the cycle (201) or refuse it (409)`, { expected: [201, 409], actual: result.raw })
    const group = await scim.get('Group', result.id)
    const values = resourcesOf({ Resources: (group.json as { members?: unknown } | undefined)?.members }).map((m) => String(m.value))
    const otherId = byId.get(other)?.id
    ensure(values.length === 1 && values[0] === otherId, `group "${name}" was created with a member other than the group created with bulkId "${other}": the cycle was neither resolved nor refused`, { pointer: '/members', expected: [otherId], actual: values })
  }
})
