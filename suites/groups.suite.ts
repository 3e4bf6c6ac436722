import { randomUUID } from 'node:crypto'
import { ensureSetUp } from '../src/kit/blocked.ts'
import { check } from '../src/kit/check.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { groupBody, resourcesOf } from '../src/kit/resources.ts'
import { createGroup } from '../src/kit/steps.ts'

// The Group lifecycle: RFC 7644 sections 3.3, 3.4, 3.6.

check('groups.create.status-201', { verifies: ['rfc7644:3.3:created-201'] }, async ({ scim, uniqueName }) => {
  ensureStatus(await scim.create('Group', groupBody(uniqueName('Group create'))), 201)
})

check('groups.get.by-id', { verifies: ['rfc7644:3.4.1:get-by-id', 'entra:1.2.3:get-by-id'] }, async ({ scim, uniqueName }) => {
  const displayName = uniqueName('Group get')
  const { id } = await createGroup(scim, displayName)
  const res = await scim.get('Group', id)
  ensureStatus(res, 200)
  const body = res.json as { id?: unknown; displayName?: unknown } | undefined
  ensure(body?.id === id, 'GET returned another group than the one asked for', { pointer: '/id', expected: id, actual: body?.id })
  ensure(body?.displayName === displayName, 'GET returned a different displayName than was created', { pointer: '/displayName', expected: displayName, actual: body?.displayName })
})

check('groups.filter.no-match', { verifies: ['rfc7644:3.4.2:empty-list-200', 'entra:test-connection:empty-list'], readOnly: true }, async ({ scim }) => {
  const res = await scim.list('Group', { filter: `displayName eq "${randomUUID()}"` })
  ensureStatus(res, 200, 'a filter that matches nothing is not an error (Entra\'s Test Connection sends exactly this)')
  const body = res.json as { totalResults?: unknown } | undefined
  ensure(body?.totalResults === 0, 'totalResults is not 0 for a filter that matches nothing', { pointer: '/totalResults', expected: 0, actual: body?.totalResults })
  ensure(resourcesOf(body).length === 0, 'a filter that matches nothing returned resources', { pointer: '/Resources', expected: [], actual: resourcesOf(body).length })
})

check('groups.delete.status-204', { verifies: ['rfc7644:3.6:delete-204'] }, async ({ scim, uniqueName }) => {
  const { id } = await createGroup(scim, uniqueName('Group delete'))
  ensureStatus(await scim.delete('Group', id), 204)
})

check('groups.delete.then-404', { verifies: ['rfc7644:3.6:deleted-not-found'] }, async ({ scim, uniqueName }) => {
  const { id } = await createGroup(scim, uniqueName('Group gone'))
  ensureSetUp(await scim.delete('Group', id), [200, 204], { check: 'groups.delete.status-204', what: 'deleting the group failed' })
  ensureStatus(await scim.get('Group', id), 404, 'a deleted group must no longer be returned')
})
