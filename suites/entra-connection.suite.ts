import { randomUUID } from 'node:crypto'
import { check } from '../src/kit/check.ts'
import { CheckFailure, ensure } from '../src/kit/check-failure.ts'
import { consequence } from '../src/entra/consequences.ts'
import { createGroupBody, createUserBody, matchQuery } from '../src/entra/requests.ts'
import { profileValues, withValues } from '../src/kit/profile-values.ts'
import { resourcesOf } from '../src/kit/resources.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import type { HttpResponse } from '../src/kit/types.ts'
import type { CheckContext } from '../src/kit/check.ts'

// Entra's Test Connection: a filter on the matching
// attribute with a random GUID, on /Users and on /Groups, must answer 200 with an
// empty ListResponse. Entra sends the same probes at the start of every cycle.

function ensureEmptyList(res: HttpResponse, profileName: string): void {
  const evidence = { consequence: consequence.testConnection }
  if (res.status !== 200) {
    throw new CheckFailure(`Test Connection probe ${res.method} ${res.path} answered ${res.status}, expected 200 with an empty ListResponse (profile ${profileName})`, { ...evidence, expected: 200, actual: res.status })
  }
  const body = res.json as { schemas?: unknown; totalResults?: unknown } | undefined
  ensure(Array.isArray(body?.schemas) && body.schemas.includes(SCHEMA_URN.listResponse), 'the probe answer is not a ListResponse', { ...evidence, pointer: '/schemas', expected: [SCHEMA_URN.listResponse], actual: body?.schemas })
  ensure(body?.totalResults === 0, 'totalResults is not 0 for a random GUID', { ...evidence, pointer: '/totalResults', expected: 0, actual: body?.totalResults })
  ensure(resourcesOf(body).length === 0, 'the probe for a random GUID returned resources', { ...evidence, pointer: '/Resources', expected: [], actual: resourcesOf(body).length })
}

/**
 * One resource of the run's own on the server before the probe, so a server that ignores the
 * filter cannot pass by being empty. Best effort: the probe is judged whether or not the create
 * worked, and a --read-only run probes whatever the server holds.
 */
async function populate({ scim, run, uniqueName }: CheckContext, kind: 'User' | 'Group'): Promise<void> {
  if (run.readOnly) return
  const body = kind === 'User'
    ? createUserBody(run.profile.dialect, withValues({}, profileValues('User', run.profile.user, uniqueName('probe'))))
    : createGroupBody(run.profile.dialect, { displayName: uniqueName('probe-group') })
  await scim.create(kind, body).catch(() => undefined)
}

check('entra.test-connection.users', { verifies: ['entra:test-connection:empty-list', 'entra:2.1:filter-no-match-200', 'entra:1.2.1:plus-encoded-filter'], readOnly: true }, async (context) => {
  const { scim, run } = context
  await populate(context, 'User')
  const res = await scim.list('User', matchQuery('User', run.profile.matching.user, randomUUID(), run.profile.dialect))
  ensureEmptyList(res, run.profile.name)
})

// A user-only app must answer the Groups probe too: a 404 fails Test Connection (1.1).
check('entra.test-connection.groups', { verifies: ['entra:1.1:groups-probe', 'entra:2.1:filter-no-match-200'], readOnly: true }, async (context) => {
  const { scim, run } = context
  await populate(context, 'Group')
  const res = await scim.list('Group', matchQuery('Group', run.profile.matching.group ?? 'displayName', randomUUID(), run.profile.dialect))
  ensureEmptyList(res, run.profile.name)
})
