import { blockedUnless, ensureSetUp } from '../src/kit/blocked.ts'
import { scenario } from '../src/kit/scenario.ts'
import { CheckFailure, ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { consequence } from '../src/entra/consequences.ts'
import { addMembersOp, createGroupBody, createUserBody, matchQuery, patchBody, removeMembersOps } from '../src/entra/requests.ts'
import { profileValues, readValue, withValues } from '../src/kit/profile-values.ts'
import { idOf, resourcesOf } from '../src/kit/resources.ts'
import type { CheckContext } from '../src/kit/check.ts'
import type { JsonValue } from '../src/scim/types.ts'

// Entra's group cycle: create without members, match by
// displayName with excludedAttributes=members, add members, remove members, rename,
// delete; displayName must be unique (2.8).

const state = { displayName: '', id: '', members: [] as string[] }

/** Every step applies only to profiles that provision groups. */
function groupMatching({ run, skip }: CheckContext): string {
  return run.profile.matching.group ?? skip(`profile ${run.profile.name} provisions users only`)
}

async function memberIds(context: CheckContext): Promise<string[]> {
  const res = await context.scim.get('Group', state.id)
  ensureStatus(res, 200)
  const members = (res.json as { members?: unknown } | undefined)?.members
  return Array.isArray(members) ? members.map((m) => String((m as { value?: unknown }).value)) : []
}

const groupQuery = (context: CheckContext, value: JsonValue) => matchQuery('Group', groupMatching(context), value, context.run.profile.dialect)

scenario('entra.group-cycle', (step) => {
  step('match-absent', { verifies: ['entra:2.4:filter-group-display-name', 'entra:2.1:filter-no-match-200'], consequence: consequence.matchGroup }, async (context) => {
    groupMatching(context)
    state.displayName = context.uniqueName('group')
    const res = await context.scim.list('Group', groupQuery(context, state.displayName))
    ensureStatus(res, 200, 'Entra matches with this filter before it creates the group')
    ensure(resourcesOf(res.json).length === 0, 'the match query for a group that does not exist returned resources', { expected: [], actual: resourcesOf(res.json).length })
  })

  step('create', { verifies: ['entra:1.3:group-create-without-members', 'entra:3.4:extra-group-schema', 'entra:2.1:create-201'], consequence: consequence.createGroup }, async (context) => {
    const { run, scim } = context
    const values = profileValues('Group', run.profile.group, state.displayName).map(([path, value]): [string, JsonValue] => [path, path === groupMatching(context) ? state.displayName : value])
    const res = await scim.create('Group', createGroupBody(run.profile.dialect, withValues({}, values)))
    ensureStatus(res, [200, 201], 'Entra\'s group create body (with the ADSCIM schema URI and meta) must be accepted')
    const id = idOf(res.json)
    if (!id) throw new CheckFailure('the create response has no id', { pointer: '/id', actual: res.json })
    state.id = id
  })

  step('add-members', { verifies: ['entra:2.8:multi-member-patch', 'entra:3.4:member-ref-null', 'entra:2.1:patch-group-204'], consequence: consequence.addMembers }, async (context) => {
    const { run, scim, uniqueName } = context
    groupMatching(context)
    state.members = []
    for (const label of ['member-a', 'member-b']) {
      const res = await scim.create('User', createUserBody(run.profile.dialect, withValues({}, profileValues('User', run.profile.user, uniqueName(label)))))
      ensureSetUp(res, [200, 201], { check: 'profile.user.create-read-back', what: 'creating a member failed' })
      const id = idOf(res.json)
      blockedUnless(id, 'the created member has no id', { check: 'users.create.returns-resource', request: `${res.method} ${res.path}`, answer: `${res.status} without an id` })
      state.members.push(id)
    }
    const res = await scim.patch('Group', state.id, patchBody(run.profile.dialect, [addMembersOp(run.profile.dialect, state.members)]))
    ensureStatus(res, [200, 204])
    const ids = await memberIds(context)
    ensure(state.members.every((m) => ids.includes(m)), 'GET does not list the members just added', { expected: state.members, actual: ids })
  })

  step('match-excludes-members', { verifies: ['entra:2.8:excluded-members', 'entra:2.2:single-match'], consequence: consequence.excludedMembers }, async (context) => {
    const res = await context.scim.list('Group', groupQuery(context, state.displayName))
    ensureStatus(res, 200)
    const resources = resourcesOf(res.json)
    ensure(resources.length === 1 && resources[0]?.id === state.id, 'the match query by displayName did not return exactly the group', { expected: [state.id], actual: resources.map((r) => r.id), consequence: consequence.matchGroup })
    ensure(resources[0]?.members === undefined, 'members came back although the query said excludedAttributes=members', { pointer: '/Resources/0/members', expected: 'absent', actual: resources[0]?.members })
    const byId = await context.scim.get('Group', state.id, { excludedAttributes: 'members' })
    ensureStatus(byId, 200)
    const members = (byId.json as { members?: unknown } | undefined)?.members
    ensure(members === undefined, 'GET /Groups/{id}?excludedAttributes=members returned members', { pointer: '/members', expected: 'absent', actual: members })
  })

  step('remove-member', { verifies: ['entra:1.3:remove-member-keeps-others', 'entra:3.4:remove-members-value-array'], consequence: consequence.removeMembers }, async (context) => {
    const { run, scim } = context
    const [removed, kept] = state.members
    if (removed === undefined || kept === undefined) throw new Error('the add-members step left no members')
    const res = await scim.patch('Group', state.id, patchBody(run.profile.dialect, removeMembersOps(run.profile.dialect, [removed])))
    ensureStatus(res, [200, 204])
    const ids = await memberIds(context)
    ensure(!ids.includes(removed), 'the removed member is still listed', { expected: [kept], actual: ids })
    ensure(ids.includes(kept), 'removing one member also removed the other', { expected: [kept], actual: ids })
  })

  step('rename', { verifies: ['entra:2.6:simple-paths', 'entra:2.4:filter-group-display-name'], consequence: consequence.rename }, async (context) => {
    const { run, scim } = context
    const renamed = `${state.displayName}-renamed`
    const res = await scim.patch('Group', state.id, patchBody(run.profile.dialect, [{ op: 'replace', path: 'displayName', value: renamed }]))
    ensureStatus(res, [200, 204])
    state.displayName = renamed
    const read = await scim.get('Group', state.id, { excludedAttributes: 'members' })
    ensureStatus(read, 200)
    ensure(readValue(read.json, 'displayName') === renamed, 'GET does not show the new displayName', { pointer: '/displayName', expected: renamed, actual: readValue(read.json, 'displayName') })
    const found = await scim.list('Group', groupQuery(context, renamed))
    ensure(found.status === 200 && resourcesOf(found.json).some((r) => r.id === state.id), 'the match query on the new displayName does not find the group', { expected: state.id, actual: resourcesOf(found.json).map((r) => r.id) })
  })

  step('display-name-unique', { verifies: ['entra:2.8:display-name-unique', 'entra:2.1:duplicate-409'], consequence: consequence.groupUniqueness }, async (context) => {
    groupMatching(context)
    const res = await context.scim.create('Group', createGroupBody(context.run.profile.dialect, { displayName: state.displayName }))
    ensureStatus(res, 409, 'Entra needs displayName to be unique to match groups')
  })

  step('delete', { verifies: ['entra:2.1:delete-204'], consequence: consequence.deleteGroup }, async (context) => {
    groupMatching(context)
    const res = await context.scim.delete('Group', state.id)
    ensureStatus(res, [200, 204])
    ensureStatus(await context.scim.get('Group', state.id), 404, 'a deleted group must be gone')
  })
})
