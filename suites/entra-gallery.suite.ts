import { blockedUnless, ensureSetUp } from '../src/kit/blocked.ts'
import { check } from '../src/kit/check.ts'
import { skipIfDeleteUnsupported } from '../src/kit/delete-support.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { consequence } from '../src/entra/consequences.ts'
import { createGroupBody, createUserBody, matchQuery, patchBody } from '../src/entra/requests.ts'
import { profileValues, withValues } from '../src/kit/profile-values.ts'
import { idOf, resourcesOf } from '../src/kit/resources.ts'
import type { CheckContext } from '../src/kit/check.ts'

// The checks of Microsoft's gallery validation:
// paging 11 users by 5, duplicate creates, filters in another letter case, deleting twice.

async function createEntraUser({ scim, run, uniqueName }: CheckContext, label: string): Promise<{ id: string; userName: string }> {
  const values = profileValues('User', run.profile.user, uniqueName(label))
  const res = await scim.create('User', createUserBody(run.profile.dialect, withValues({}, values)))
  ensureSetUp(res, [200, 201], { check: 'profile.user.create-read-back', what: 'creating a user carrying the profile\'s attributes failed' })
  const id = idOf(res.json)
  const userName = (res.json as { userName?: unknown } | undefined)?.userName
  blockedUnless(id && typeof userName === 'string', 'the created user has no id or userName', { check: 'users.create.returns-resource', request: `${res.method} ${res.path}`, answer: `${res.status} without an id or userName` })
  return { id, userName }
}

const PAGE = 5
const MAX_PAGES = 40

check('entra.gallery.user-pagination', { verifies: ['entra:2.5:start-index-echo', 'entra:2.5:pages-walkable', 'entra:2.5:items-per-page'] }, async (context) => {
  const [first] = await Promise.all(Array.from({ length: 11 }, (_, i) => createEntraUser(context, `page${i}`)))
  const evidence = { consequence: consequence.pagination }
  await firstPageIsStartIndexOne(context, first!.userName)
  let startIndex = 1
  let pages = 0
  let previous: (string | undefined)[] = []
  // SCIM_User_Pagination_Test: walk startIndex=N&count=5 while startIndex <= totalResults.
  for (;;) {
    const res = await context.scim.list('User', { startIndex: String(startIndex), count: String(PAGE) })
    ensureStatus(res, 200)
    const body = res.json as { startIndex?: unknown; totalResults?: unknown; itemsPerPage?: unknown } | undefined
    ensure(body?.startIndex === startIndex, `page ${pages + 1} echoes startIndex ${String(body?.startIndex)}, expected ${startIndex}`, { ...evidence, pointer: '/startIndex', expected: startIndex, actual: body?.startIndex })
    const ids = resourcesOf(body).map(idOf)
    const count = ids.length
    ensure(count <= PAGE, `page ${pages + 1} returned ${count} resources for count=${PAGE}`, { ...evidence, pointer: '/Resources', expected: `at most ${PAGE}`, actual: count })
    ensure(body?.itemsPerPage === undefined || body.itemsPerPage === count, 'itemsPerPage differs from the resources on the page', { ...evidence, pointer: '/itemsPerPage', expected: count, actual: body?.itemsPerPage })
    ensure(typeof body?.totalResults === 'number' && body.totalResults >= 11, 'totalResults is missing or smaller than the 11 users created', { ...evidence, pointer: '/totalResults', expected: '>= 11', actual: body?.totalResults })
    // Other checks create and delete users meanwhile, so a user may shift across a page boundary;
    // a whole page repeated is never that: the server served the same slice for another startIndex.
    ensure(count === 0 || ids.join() !== previous.join(), `page ${pages + 1} (startIndex=${startIndex}) repeats the users of page ${pages}: startIndex is not applied`, { ...evidence, pointer: '/Resources', expected: 'the next users', actual: ids })
    previous = ids
    pages++
    startIndex += count
    if (count === 0 || startIndex > body.totalResults || pages >= MAX_PAGES) break
  }
  ensure(pages >= 2, `the walk ended after ${pages} page(s); 11 users need at least 3 pages of 5`, { consequence: consequence.pagination, expected: '>= 2 pages', actual: pages })
})

/**
 * startIndex is 1-based and defaults to 1 (RFC 7644 3.4.2.4): the page asked for with
 * startIndex=1 is the page asked for without it. A server that counts from 0 skips the first
 * user of every walk. Asked of a filter that matches one of this check's users, so users that
 * other checks create and delete meanwhile cannot change either page.
 */
async function firstPageIsStartIndexOne({ scim, run }: CheckContext, userName: string): Promise<void> {
  const query = matchQuery('User', 'userName', userName, run.profile.dialect)
  const implicit = await scim.list('User', { ...query, count: String(PAGE) })
  ensureStatus(implicit, 200)
  blockedUnless(resourcesOf(implicit.json).length === 1, `the filter for ${userName} did not find the user just created`, { check: 'entra.user-cycle.match-found', request: `${implicit.method} ${implicit.path}`, answer: `${implicit.status} with ${resourcesOf(implicit.json).length} resources` })
  const explicit = await scim.list('User', { ...query, startIndex: '1', count: String(PAGE) })
  ensureStatus(explicit, 200)
  const served = resourcesOf(explicit.json).map(idOf)
  ensure(served.length === 1, 'startIndex=1 does not return the first page (the page without startIndex): startIndex is 1-based, and a server counting from 0 skips the first user', {
    consequence: consequence.pagination, pointer: '/Resources', expected: resourcesOf(implicit.json).map(idOf), actual: served,
  })
}

check('entra.gallery.update-username', { verifies: ['entra:4.4:pathless-username-replace', 'entra:2.4:filter-username'] }, async (context) => {
  const { scim, run } = context
  const { id, userName } = await createEntraUser(context, 'rename')
  // Update User userName: the validator renames with a path-less replace (a new address at the same domain).
  const renamed = userName.replace(/^[^@]*/, (local) => `${local}-renamed`)
  const res = await scim.patch('User', id, patchBody(run.profile.dialect, [{ op: 'replace', value: { userName: renamed } }]))
  ensureStatus(res, [200, 204], 'the validator\'s Update User userName sends this PATCH')
  const read = await scim.get('User', id)
  ensureStatus(read, 200)
  const stored = (read.json as { userName?: unknown } | undefined)?.userName
  // userName is caseExact false (RFC 7643 4.1.1): a server may store it in another case.
  ensure(typeof stored === 'string' && stored.toLowerCase() === renamed.toLowerCase(), `after a path-less replace of userName, GET shows userName ${JSON.stringify(stored)}`, { pointer: '/userName', expected: renamed, actual: stored, consequence: consequence.renameUser })
  const found = await scim.list('User', matchQuery('User', 'userName', renamed, run.profile.dialect))
  ensureStatus(found, 200)
  const ids = resourcesOf(found.json).map((r) => r.id)
  ensure(ids.length === 1 && ids[0] === id, 'a filter on the new userName does not find exactly the renamed user', { expected: [id], actual: ids, consequence: consequence.renameUser })
})

check('entra.gallery.duplicate-user-409', { verifies: ['entra:2.1:duplicate-409', 'entra:2.7:matching-unique'] }, async (context) => {
  const { scim, run } = context
  const token = context.uniqueName('duplicate')
  const body = createUserBody(run.profile.dialect, withValues({}, profileValues('User', run.profile.user, token)))
  ensureSetUp(await scim.create('User', body), [200, 201], { check: 'profile.user.create-read-back', what: 'creating a user carrying the profile\'s attributes failed' })
  const again = await scim.create('User', body)
  ensure(again.status === 409, `a second create of the same user answered ${again.status}, expected 409`, { expected: 409, actual: again.status, consequence: consequence.userUniqueness })
})

check('entra.gallery.duplicate-group-409', { verifies: ['entra:2.1:duplicate-409', 'entra:2.8:display-name-unique'] }, async ({ scim, run, uniqueName }) => {
  const body = createGroupBody(run.profile.dialect, { displayName: uniqueName('duplicate-group') })
  ensureSetUp(await scim.create('Group', body), [200, 201], { check: 'groups.create.status-201', what: 'creating a group failed' })
  const again = await scim.create('Group', body)
  ensure(again.status === 409, `a second create of the same group answered ${again.status}, expected 409`, { expected: 409, actual: again.status, consequence: consequence.groupUniqueness })
})

check('entra.gallery.filter-case-user', { verifies: ['entra:2.3:filter-value-case'] }, async (context) => {
  const { id, userName } = await createEntraUser(context, 'CaseUser')
  const res = await context.scim.list('User', matchQuery('User', 'userName', userName.toUpperCase(), context.run.profile.dialect))
  ensureStatus(res, 200)
  const ids = resourcesOf(res.json).map((r) => r.id)
  ensure(ids.includes(id), 'userName eq in upper case did not find the user (userName is caseExact false)', { expected: id, actual: ids, consequence: consequence.filterCase })
})

check('entra.gallery.filter-case-group', { verifies: ['entra:2.3:filter-value-case'] }, async ({ scim, run, uniqueName }) => {
  const displayName = uniqueName('CaseGroup')
  const created = await scim.create('Group', createGroupBody(run.profile.dialect, { displayName }))
  ensureSetUp(created, [200, 201], { check: 'groups.create.status-201', what: 'creating a group failed' })
  const res = await scim.list('Group', matchQuery('Group', 'displayName', displayName.toUpperCase(), run.profile.dialect))
  ensureStatus(res, 200)
  const ids = resourcesOf(res.json).map((r) => r.id)
  ensure(ids.includes(idOf(created.json)), 'displayName eq in upper case did not find the group (displayName is caseExact false)', { expected: idOf(created.json), actual: ids, consequence: consequence.filterCase })
})

check('entra.gallery.delete-twice-404', { verifies: ['entra:2.1:delete-unknown-404'] }, async (context) => {
  const { id } = await createEntraUser(context, 'delete-twice')
  const first = await context.scim.delete('User', id)
  skipIfDeleteUnsupported(first, context.skip)
  ensureSetUp(first, [200, 204], { check: 'users.delete.status-204', what: 'the first DELETE failed' })
  const user = await context.scim.delete('User', id)
  ensure(user.status === 404, `the second DELETE of a user answered ${user.status}, expected 404`, { expected: 404, actual: user.status, consequence: consequence.deleteTwice })
  const group = await context.scim.create('Group', createGroupBody(context.run.profile.dialect, { displayName: context.uniqueName('delete-twice') }))
  const groupId = idOf(group.json)
  ensureSetUp(group, [200, 201], { check: 'groups.create.status-201', what: 'creating a group failed' })
  blockedUnless(groupId, 'the created group has no id', { check: 'schema.group-rules', request: `${group.method} ${group.path}`, answer: `${group.status} without an id` })
  ensureSetUp(await context.scim.delete('Group', groupId), [200, 204], { check: 'groups.delete.status-204', what: 'the first DELETE of the group failed' })
  const again = await context.scim.delete('Group', groupId)
  ensure(again.status === 404, `the second DELETE of a group answered ${again.status}, expected 404`, { expected: 404, actual: again.status, consequence: consequence.deleteTwice })
})

check('entra.gallery.recreate-after-delete', { verifies: ['entra:1.2.8:recreate-after-delete'] }, async ({ scim, run, uniqueName, skip }) => {
  // A user unassigned (and deleted) in Entra, then assigned again, is created again with the same userName.
  const body = createUserBody(run.profile.dialect, withValues({}, profileValues('User', run.profile.user, uniqueName('recreate'))))
  const first = await scim.create('User', body)
  ensureSetUp(first, [200, 201], { check: 'profile.user.create-read-back', what: 'creating a user carrying the profile\'s attributes failed' })
  const id = idOf(first.json)
  blockedUnless(id, 'the created user has no id', { check: 'users.create.returns-resource', request: `${first.method} ${first.path}`, answer: `${first.status} without an id` })
  // Restore_User_Test's other path, disable and re-enable, is the user cycle's to judge.
  const deleted = await scim.delete('User', id)
  skipIfDeleteUnsupported(deleted, skip)
  ensureSetUp(deleted, [200, 204], { check: 'users.delete.status-204', what: 'deleting the user failed' })
  const again = await scim.create('User', body)
  // 201 itself is users.create.status-201's to judge; here the create must succeed at all.
  ensureStatus(again, [200, 201], 'the same user, created again after its DELETE, must be created: a deleted userName is free again', 'entra:1.2.8:recreate-after-delete')
})
