import { ensureSetUp } from '../src/kit/blocked.ts'
import { randomUUID } from 'node:crypto'
import { check } from '../src/kit/check.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { groupBody, userBody } from '../src/kit/resources.ts'
import type { JsonObject } from '../src/scim/types.ts'
import { createGroup, createUser, emailName } from '../src/kit/steps.ts'

// Replacing with PUT (RFC 7644 section 3.5.1). PUT is not optional, so these checks
// run on every target. What happens to a readWrite attribute the PUT leaves out is
// not judged: the server "MAY" clear it, give it a default, or take it as not asserted.

type Body = JsonObject & { displayName?: unknown; nickName?: unknown; title?: unknown; name?: { givenName?: unknown }; userName?: unknown; id?: unknown; meta?: { created?: unknown; resourceType?: unknown }; groups?: unknown; members?: unknown }

check('put.replaces-resource', { verifies: ['rfc7644:3.5.1:put-replaces', 'rfc7644:3.5.1:put-200-resource'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('put'))
  const { id } = await createUser(scim, userName, { displayName: 'Before', title: 'Before title' })
  const res = await scim.put('User', id, userBody(userName, { displayName: 'After', title: 'After title', name: { givenName: 'Replaced', familyName: 'Check' } }))
  ensureStatus(res, 200, 'a successful PUT answers 200 with the resource')
  for (const [where, body] of [['the PUT response', res.json], ['a GET after the PUT', (await scim.get('User', id)).json]] as const) {
    const b = body as Body | undefined
    ensure(b?.id === id, `${where} is not the replaced user`, { pointer: '/id', expected: id, actual: b?.id })
    ensure(b?.displayName === 'After' && b.title === 'After title', `${where} does not carry the values the PUT sent`, { pointer: '/displayName', expected: ['After', 'After title'], actual: [b?.displayName, b?.title] })
    ensure(b?.name?.givenName === 'Replaced', `${where} does not carry name.givenName sent by the PUT`, { pointer: '/name/givenName', expected: 'Replaced', actual: b?.name?.givenName })
  }
})

check('put.read-only-ignored', { verifies: ['rfc7644:3.5.1:put-read-only-ignored'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('put-ro'))
  const { id } = await createUser(scim, userName)
  const before = (await scim.get('User', id)).json as Body | undefined
  const res = await scim.put('User', id, userBody(userName, { id: randomUUID(), meta: { created: '2001-01-01T00:00:00Z', resourceType: 'Group' }, groups: [{ value: randomUUID() }] }))
  ensureStatus(res, 200, 'readOnly attributes in a PUT are ignored, not refused')
  const after = (await scim.get('User', id)).json as Body | undefined
  ensure(after?.id === id, 'the PUT changed the readOnly id', { pointer: '/id', expected: id, actual: after?.id })
  ensure(after?.meta?.created === before?.meta?.created, 'the PUT changed the readOnly meta.created', { pointer: '/meta/created', expected: before?.meta?.created, actual: after?.meta?.created })
  ensure(after?.meta?.resourceType === 'User', 'the PUT changed the readOnly meta.resourceType', { pointer: '/meta/resourceType', expected: 'User', actual: after?.meta?.resourceType })
  ensure(after?.groups === undefined, 'the PUT stored the readOnly groups it was sent', { pointer: '/groups', expected: 'absent', actual: after?.groups })
})

check('put.required-enforced', { verifies: ['rfc7643:4.1.1:username-required', 'rfc7644:3.12:invalid-value'] }, async ({ scim, uniqueName }) => {
  const userName = emailName(uniqueName('put-req'))
  const { id } = await createUser(scim, userName)
  const { userName: _dropped, ...withoutUserName } = userBody(userName, { displayName: 'No userName' })
  const res = await scim.put('User', id, withoutUserName)
  const after = (await scim.get('User', id)).json as Body | undefined
  // RFC 7644 section 3.5.1: an omitted readWrite attribute "MAY be assumed to be not asserted by the
  // client", so a server that keeps the stored userName may accept the PUT; none may store a user without it.
  if (res.status === 200 && after?.userName === userName) return
  ensureStatus(res, 400, 'userName is required (RFC 7643 section 4.1.1): a PUT without it is refused, or keeps the stored userName')
  ensure(after?.userName === userName && after.displayName !== 'No userName', 'the refused PUT changed the user anyway', { pointer: '/userName', expected: userName, actual: after?.userName })
})

check('put.immutable-resent-unchanged', { verifies: ['rfc7644:3.5.1:put-immutable-match'] }, async ({ scim, uniqueName }) => {
  // members.value is immutable (RFC 7643 section 4.2): resending the same members must be accepted and keep them.
  const { id: userId } = await createUser(scim, emailName(uniqueName('put-member')))
  const displayName = uniqueName('put-group')
  const members = [{ value: userId }]
  const { id } = await createGroup(scim, displayName, { members })
  const res = await scim.put('Group', id, groupBody(`${displayName}-renamed`, { members }))
  ensureStatus(res, 200, 'a PUT that resends immutable values unchanged must be accepted')
  const after = (await scim.get('Group', id)).json as Body | undefined
  const values = Array.isArray(after?.members) ? (after.members as { value?: unknown }[]).map((m) => m.value) : []
  ensure(values.length === 1 && values[0] === userId, 'the group lost or changed its member after a PUT that resent it unchanged', { pointer: '/members', expected: [userId], actual: values })
  ensure(after?.displayName === `${displayName}-renamed`, 'the PUT did not replace displayName', { pointer: '/displayName', expected: `${displayName}-renamed`, actual: after?.displayName })
})
