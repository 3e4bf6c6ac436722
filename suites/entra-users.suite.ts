import { requireAdvertised } from '../src/kit/advertised.ts'
import { blockedUnless, ensureSetUp } from '../src/kit/blocked.ts'
import { lookupFor } from '../src/kit/dataset.ts'
import { scenario } from '../src/kit/scenario.ts'
import { isDeleteUnsupported } from '../src/kit/delete-support.ts'
import { CheckFailure, ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { consequence } from '../src/entra/consequences.ts'
import { activeOp, changedAttributeOps, createUserBody, managerOp, matchQuery, MANAGER_PATH, patchBody } from '../src/entra/requests.ts'
import { describeRead, differences, profileValues, readValue, sampleValue, withValues } from '../src/kit/profile-values.ts'
import { idOf, resourcesOf } from '../src/kit/resources.ts'
import type { Profile, ScimClient } from '../src/kit/types.ts'
import type { JsonValue } from '../src/scim/types.ts'

// Entra's user provisioning cycle, request for request:
// match, create, read, update only what changed, disable, re-enable, manager in a
// second round trip, a second cycle that must find nothing to change, hard delete.

interface CycleState {
  token: string
  id: string
  /** What Entra holds for the user, path → value: the second cycle compares the app against it. */
  expected: Map<string, JsonValue>
}

const state: CycleState = { token: '', id: '', expected: new Map() }

async function readUser(scim: ScimClient, id: string): Promise<unknown> {
  const res = await scim.get('User', id)
  ensureStatus(res, 200)
  return res.json
}

const matchValue = (profile: Profile): JsonValue => {
  const value = state.expected.get(profile.matching.user)
  if (value === undefined) throw new Error(`profile ${profile.name}: the matching attribute ${profile.matching.user} has no value`)
  return value
}

/** Up to two String attributes Entra would update (new value differs), never the matching attribute or externalId. */
function updates(profile: Profile): { path: string; value: JsonValue; hadValue: true }[] {
  return profile.user
    .filter((a) => a.type === 'String' && a.path !== profile.matching.user && a.path !== 'externalId' && state.expected.has(a.path))
    .map((a) => ({ path: a.path, value: sampleValue('User', a, `${state.token}u`), hadValue: true as const }))
    .filter((change) => change.value !== state.expected.get(change.path))
    .slice(0, 2)
}

scenario('entra.user-cycle', (step) => {
  step('match-absent', { verifies: ['entra:2.1:filter-no-match-200', 'entra:2.4:filter-matching-attributes'], consequence: consequence.matchAbsent }, async ({ scim, run, uniqueName }) => {
    state.token = uniqueName('cycle')
    state.expected = new Map(profileValues('User', run.profile.user, state.token))
    const res = await scim.list('User', matchQuery('User', run.profile.matching.user, matchValue(run.profile), run.profile.dialect))
    ensureStatus(res, 200, 'Entra matches with this filter before it creates anything')
    ensure(resourcesOf(res.json).length === 0, 'the match query for a user that does not exist returned resources', { pointer: '/Resources', expected: [], actual: resourcesOf(res.json).length })
  })

  step('create', { verifies: ['entra:2.1:create-201', 'entra:2.2:client-meta-ignored', 'entra:3.4:post-nulls-and-empty'], consequence: consequence.create }, async ({ scim, run }) => {
    const res = await scim.create('User', createUserBody(run.profile.dialect, withValues({}, [...state.expected])))
    ensureStatus(res, [200, 201], 'Entra\'s create body (meta.resourceType, roles: []) must be accepted')
    const id = idOf(res.json)
    if (!id) throw new CheckFailure('the create response has no id: Entra caches it for every later operation', { pointer: '/id', actual: res.json })
    state.id = id
  })

  step('get-by-id', { verifies: ['entra:1.2.3:inactive-still-returned', 'entra:2.2:id-on-every-resource'], consequence: consequence.getById }, async ({ scim, run }) => {
    const user = await readUser(scim, state.id)
    ensure(idOf(user) === state.id, 'GET by id returned another resource', { pointer: '/id', expected: state.id, actual: idOf(user) })
    const path = run.profile.matching.user
    ensure(readValue(user, path) === matchValue(run.profile), `the matching attribute ${path} does not read back as sent`, { expected: matchValue(run.profile), actual: readValue(user, path) })
  })

  step('match-found', { verifies: ['entra:2.4:filter-matching-attributes', 'entra:2.2:single-match'], consequence: consequence.match }, async ({ scim, run }) => {
    const res = await scim.list('User', matchQuery('User', run.profile.matching.user, matchValue(run.profile), run.profile.dialect))
    ensureStatus(res, 200)
    const ids = resourcesOf(res.json).map((r) => r.id)
    ensure(ids.length === 1 && ids[0] === state.id, `the match query on ${run.profile.matching.user} did not return exactly the created user`, { expected: [state.id], actual: ids })
  })

  step('update-changed-only', { verifies: ['entra:2.1:patch-user-200-204', 'entra:2.6:simple-paths'], consequence: consequence.update }, async ({ scim, run, skip }) => {
    const changes = updates(run.profile)
    if (changes.length === 0) skip(`profile ${run.profile.name} maps no updatable String attribute`)
    const paths = changes.map((c) => c.path)
    const res = await scim.patch('User', state.id, patchBody(run.profile.dialect, changedAttributeOps(changes)))
    ensureStatus(res, [200, 204])
    for (const change of changes) state.expected.set(change.path, change.value)
    // Only the changed attributes here: everything else is the second cycle's comparison.
    const wrong = differences(await readUser(scim, state.id), changes.map((c) => [c.path, c.value] as const), lookupFor('User', run.advertised))
    ensure(wrong.length === 0, `after PATCHing ${paths.join(', ')}: ${wrong.join('; ')}`, { expected: Object.fromEntries(changes.map((c) => [c.path, c.value])), actual: wrong })
  })

  step('disable', { verifies: ['entra:1.2.5:disabled-user-retrievable', 'entra:2.6:string-booleans'], consequence: consequence.disable }, async ({ scim, run, skip }) => {
    if (!state.expected.has('active')) skip(`profile ${run.profile.name} does not map active`)
    const res = await scim.patch('User', state.id, patchBody(run.profile.dialect, [activeOp(run.profile.dialect, false)]))
    ensureStatus(res, [200, 204])
    const user = await readUser(scim, state.id)
    ensure(readValue(user, 'active') === false, 'GET after disabling does not show active false', { pointer: '/active', expected: false, actual: readValue(user, 'active') })
    const found = await scim.list('User', matchQuery('User', run.profile.matching.user, matchValue(run.profile), run.profile.dialect))
    const listed = resourcesOf(found.json).find((r) => r.id === state.id)
    ensure(found.status === 200 && listed?.active === false, 'the match query does not return the disabled user with active false', { expected: false, actual: listed?.active ?? 'not returned' })
  })

  step('re-enable', { verifies: ['entra:1.2.5:reenable', 'entra:2.6:string-booleans'], consequence: consequence.reenable }, async ({ scim, run, skip }) => {
    if (!state.expected.has('active')) skip(`profile ${run.profile.name} does not map active`)
    const res = await scim.patch('User', state.id, patchBody(run.profile.dialect, [activeOp(run.profile.dialect, true)]))
    ensureStatus(res, [200, 204])
    const active = readValue(await readUser(scim, state.id), 'active')
    ensure(active === true, 'GET after re-enabling does not show active true', { pointer: '/active', expected: true, actual: active })
  })

  step('manager', { verifies: ['entra:1.2.6:manager-persisted', 'entra:2.6:manager-bare-string', 'entra:3.4:manager-read-back-complex'], consequence: consequence.manager }, async ({ scim, run, skip, uniqueName }) => {
    if (run.leftOut.some((l) => l.attribute.path === MANAGER_PATH)) requireAdvertised(run, skip, 'User', MANAGER_PATH)
    if (!run.profile.user.some((a) => a.path === MANAGER_PATH)) skip(`profile ${run.profile.name} does not map the enterprise manager`)
    const manager = await scim.create('User', createUserBody(run.profile.dialect, withValues({}, profileValues('User', run.profile.user, uniqueName('manager')))))
    ensureSetUp(manager, [200, 201], { check: 'profile.user.create-read-back', what: 'creating the manager failed' })
    const managerId = idOf(manager.json)
    blockedUnless(managerId, 'the created manager has no id', { check: 'users.create.returns-resource', request: `${manager.method} ${manager.path}`, answer: `${manager.status} without an id` })
    // The second round trip: the manager reference is written once both users exist (1.2 step 4).
    const res = await scim.patch('User', state.id, patchBody(run.profile.dialect, [managerOp(run.profile.dialect, managerId, false)]))
    ensureStatus(res, [200, 204])
    state.expected.set(MANAGER_PATH, managerId)
    const read = readValue(await readUser(scim, state.id), MANAGER_PATH)
    ensure(read === managerId, `GET shows the manager as ${describeRead(read, managerId)}, not as {"value": "${managerId}"}`, { pointer: `/${MANAGER_PATH}/value`, expected: managerId, actual: read })
  })

  step('second-cycle-no-patch', { verifies: ['entra:2.2:data-fidelity', 'entra:1.2.6:manager-persisted'], consequence: consequence.perpetualUpdate }, async ({ scim, run }) => {
    const found = await scim.list('User', matchQuery('User', run.profile.matching.user, matchValue(run.profile), run.profile.dialect))
    ensureStatus(found, 200)
    ensure(resourcesOf(found.json).some((r) => r.id === state.id), 'the next cycle\'s match query does not find the user', { expected: state.id, actual: resourcesOf(found.json).map((r) => r.id), consequence: consequence.match })
    const wrong = differences(await readUser(scim, state.id), [...state.expected], lookupFor('User', run.advertised))
    ensure(wrong.length === 0, `nothing changed in Entra, yet it would PATCH ${wrong.length} attribute(s) again: ${wrong.join('; ')}`, { expected: Object.fromEntries(state.expected), actual: wrong })
  })

  step('delete', { verifies: ['entra:2.1:delete-204', 'entra:2.15:soft-or-hard-delete', 'entra:1.2.8:hard-delete-optional'], consequence: consequence.delete }, async ({ scim, run }) => {
    const res = await scim.delete('User', state.id)
    if (isDeleteUnsupported(res.status)) {
      throw new CheckFailure(`DELETE /Users/{id} answered ${res.status}: the app deletes users only softly (PATCH active=false, which the disable step judges); hard delete is optional for Entra`, {
        expected: 204, actual: res.status, consequence: consequence.softDeleteOnly,
      }, 'entra:1.2.8:hard-delete-optional')
    }
    ensureStatus(res, [200, 204])
    const after = await scim.get('User', state.id)
    ensureStatus(after, 404, 'a hard-deleted user must be gone')
    const found = await scim.list('User', matchQuery('User', run.profile.matching.user, matchValue(run.profile), run.profile.dialect))
    ensure(found.status === 200 && resourcesOf(found.json).length === 0, 'the match query still finds the deleted user', { expected: [], actual: resourcesOf(found.json).map((r) => r.id) })
  })
})
