import { randomUUID } from 'node:crypto'
import { ensureSetUp } from '../src/kit/blocked.ts'
import { check } from '../src/kit/check.ts'
import { skipIfDeleteUnsupported } from '../src/kit/delete-support.ts'
import { CheckFailure, ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import { userBody, idOf, resourcesOf } from '../src/kit/resources.ts'
import { createUser, emailName } from '../src/kit/steps.ts'
import type { ScimClient } from '../src/kit/types.ts'

// The User lifecycle every client depends on: RFC 7644 sections 3.3, 3.4, 3.6.

check('users.create.status-201', { verifies: ['rfc7644:3.3:created-201'] }, async ({ scim, uniqueName }) => {
  const res = await scim.create('User', userBody(emailName(uniqueName('create'))))
  ensureStatus(res, 201)
})

check('users.create.returns-resource', { verifies: ['rfc7643:3.1:id-assigned', 'rfc7643:3.1:meta', 'rfc7643:3:schemas'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('body'))
  const res = await scim.create('User', userBody(userName))
  ensureSetUp(res, [200, 201], { check: 'users.create.status-201', what: 'creating a user failed' })
  const body = res.json as { id?: unknown; schemas?: unknown; meta?: { resourceType?: unknown }; userName?: unknown } | undefined
  ensure(idOf(body), 'the created user has no id', { pointer: '/id', actual: body?.id })
  ensure(Array.isArray(body?.schemas) && body.schemas.includes(SCHEMA_URN.user), `"schemas" does not list ${SCHEMA_URN.user}`, { pointer: '/schemas', actual: body?.schemas })
  ensure(body?.meta?.resourceType === 'User', 'meta.resourceType is not "User"', { pointer: '/meta/resourceType', expected: 'User', actual: body?.meta?.resourceType })
  ensure(body?.userName === userName, 'the created user does not carry the userName sent', { pointer: '/userName', expected: userName, actual: body?.userName })
})

check('users.create.location-header', { verifies: ['rfc7644:3.3:location-header'] }, async ({ scim, uniqueName }) => {
  const res = await scim.create('User', userBody(emailName(uniqueName('location'))))
  ensureSetUp(res, [200, 201], { check: 'users.create.status-201', what: 'creating a user failed' })
  const location = res.headers.location
  const metaLocation = (res.json as { meta?: { location?: unknown } } | undefined)?.meta?.location
  ensure(location, 'the create response has no Location header')
  ensure(location === metaLocation, 'the Location header differs from meta.location', { expected: metaLocation, actual: location })
})

check('users.get.by-id', { verifies: ['rfc7644:3.4.1:get-by-id', 'entra:1.2.3:get-by-id'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('get'))
  const { id } = await createUser(scim, userName)
  const res = await scim.get('User', id)
  ensureStatus(res, 200)
  const body = res.json as { id?: unknown; userName?: unknown } | undefined
  ensure(body?.id === id, 'GET returned another resource than the one asked for', { pointer: '/id', expected: id, actual: body?.id })
  ensure(body?.userName === userName, 'GET returned a different userName than was created', { pointer: '/userName', expected: userName, actual: body?.userName })
})

/** Every returned resource must match the filter; ours must be among them (other tenant data is ignored). */
async function findByUserName(scim: ScimClient, filterValue: string, id: string): Promise<void> {
  const res = await scim.list('User', { filter: `userName eq "${filterValue}"` })
  ensureStatus(res, 200)
  const resources = resourcesOf(res.json)
  const strangers = resources.filter((r) => typeof r.userName !== 'string' || r.userName.toLowerCase() !== filterValue.toLowerCase())
  if (strangers.length > 0) {
    throw new CheckFailure(`the filter returned ${strangers.length} user(s) whose userName is not ${JSON.stringify(filterValue)}: the filter was ignored`, { expected: filterValue, actual: strangers.slice(0, 3).map((r) => r.userName) })
  }
  ensure(resources.some((r) => r.id === id), `userName eq ${JSON.stringify(filterValue)} did not return the user (id ${id})`, { expected: id, actual: resources.map((r) => r.id) })
  const total = (res.json as { totalResults?: unknown }).totalResults
  ensure(total === resources.length || (typeof total === 'number' && total >= resources.length), 'totalResults is smaller than the resources returned', { pointer: '/totalResults', expected: resources.length, actual: total })
}

check('users.filter.username-eq', { verifies: ['rfc7644:3.4.2.2:filter-eq'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('filter'))
  const { id } = await createUser(scim, userName)
  await findByUserName(scim, userName, id)
})

check('users.filter.username-case-insensitive', { verifies: ['rfc7644:3.4.2.2:filter-eq', 'rfc7643:2.2:case-insensitive-string'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('Case'))
  const { id } = await createUser(scim, userName)
  await findByUserName(scim, userName.toUpperCase(), id)
})

check('users.filter.no-match', { verifies: ['rfc7644:3.4.2:empty-list-200', 'entra:test-connection:empty-list'], readOnly: true }, async ({ scim }) => {
  const res = await scim.list('User', { filter: `userName eq "${randomUUID()}"` })
  ensureStatus(res, 200, 'a filter that matches nothing is not an error (Entra\'s Test Connection sends exactly this)')
  const body = res.json as { totalResults?: unknown; schemas?: unknown } | undefined
  ensure(body?.totalResults === 0, 'totalResults is not 0 for a filter that matches nothing', { pointer: '/totalResults', expected: 0, actual: body?.totalResults })
  ensure(resourcesOf(body).length === 0, 'a filter that matches nothing returned resources', { pointer: '/Resources', expected: [], actual: resourcesOf(body).length })
})

check('users.create.duplicate-409', { verifies: ['rfc7644:3.3:uniqueness-409'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('dup'))
  await createUser(scim, userName)
  const res = await scim.create('User', userBody(userName))
  ensureStatus(res, 409, 'userName is unique (RFC 7643 section 4.1)')
  const scimType = (res.json as { scimType?: unknown } | undefined)?.scimType
  ensure(scimType === 'uniqueness', 'the 409 does not carry scimType "uniqueness"', { pointer: '/scimType', expected: 'uniqueness', actual: scimType })
})

check('users.get.unknown-404', { verifies: ['rfc7644:3.12:not-found-404', 'rfc7644:3.12:error-schema'], readOnly: true }, async ({ scim }) => {
  const res = await scim.get('User', randomUUID())
  ensureStatus(res, 404)
  const body = res.json as { schemas?: unknown; status?: unknown } | undefined
  ensure(Array.isArray(body?.schemas) && body.schemas.includes(SCHEMA_URN.error), `the 404 body is not a SCIM Error (schemas must list ${SCHEMA_URN.error})`, { pointer: '/schemas', actual: body?.schemas })
  ensure(body?.status === '404', 'the Error body\'s status is not the string "404"', { pointer: '/status', expected: '404', actual: body?.status })
})

check('users.delete.status-204', { verifies: ['rfc7644:3.6:delete-204'] }, async ({ scim, uniqueName, skip }) => {
  const { id } = await createUser(scim, emailName(uniqueName('delete')))
  const res = await scim.delete('User', id)
  skipIfDeleteUnsupported(res, skip)
  ensureStatus(res, 204)
})

check('users.delete.then-404', { verifies: ['rfc7644:3.6:deleted-not-found'] }, async ({ scim, uniqueName, skip }) => {
  const { id } = await createUser(scim, emailName(uniqueName('gone')))
  const res = await scim.delete('User', id)
  skipIfDeleteUnsupported(res, skip)
  ensureSetUp(res, [200, 204], { check: 'users.delete.status-204', what: 'deleting the user failed' })
  ensureStatus(await scim.get('User', id), 404, 'a deleted user must no longer be returned')
})
