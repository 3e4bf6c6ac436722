import { describeRead } from '../src/kit/profile-values.ts'
import { ensureSetUp } from '../src/kit/blocked.ts'
import { check, type CheckContext } from '../src/kit/check.ts'
import { isAdvertised, requireAdvertised } from '../src/kit/advertised.ts'
import { CheckFailure, ensureStatus } from '../src/kit/check-failure.ts'
import type { Dialect, ScimClient } from '../src/kit/types.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import type { JsonObject, JsonValue, PatchOperation } from '../src/scim/types.ts'
import { createGroup, createUser, emailName } from '../src/kit/steps.ts'

// The PATCH requests Entra really sends, request for request (Microsoft's Entra SCIM
// documentation), each followed by a GET proving what the server kept.

const MANAGER = `${SCHEMA_URN.enterpriseUser}:manager`

function patchOp(...operations: PatchOperation[]): JsonObject {
  return { schemas: [SCHEMA_URN.patchOp], Operations: operations as unknown as JsonValue[] }
}

async function patchAndRead(scim: ScimClient, kind: 'User' | 'Group', id: string, body: JsonObject): Promise<JsonObject> {
  ensureStatus(await scim.patch(kind, id, body), [200, 204], 'Entra expects 200 or 204 for a PATCH')
  const read = await scim.get(kind, id)
  ensureStatus(read, 200, `GET after the PATCH failed`)
  return read.json as JsonObject
}

/** Entra checks are skipped with the rfc profile: that target is not provisioned by Entra. */
function entraOnly({ run, skip }: CheckContext): void {
  if (run.profile.dialect === 'rfc') skip('the rfc profile does not model Entra\'s requests')
}

function expectValue(actual: unknown, expected: unknown, message: string, dialect: Dialect, consequence: string, pointer?: string): void {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) throw new CheckFailure(message, { expected, actual, dialect, consequence, ...(pointer ? { pointer } : {}) })
}

const DISABLE_CONSEQUENCE = 'Entra believes the user is disabled (or re-enabled) while the target app keeps the old state: a leaver keeps access, or a returning user stays locked out'

async function disableAndEnable(context: CheckContext, dialect: Dialect, op: string, off: JsonValue, on: JsonValue): Promise<void> {
  entraOnly(context)
  const { id } = await createUser(context.scim, emailName(context.uniqueName('disable')))
  const disabled = await patchAndRead(context.scim, 'User', id, patchOp({ op, path: 'active', value: off }))
  expectValue(disabled.active, false, `after {"op":"${op}","path":"active","value":${JSON.stringify(off)}} the user's active is ${JSON.stringify(disabled.active)}`, dialect, DISABLE_CONSEQUENCE, '/active')
  const enabled = await patchAndRead(context.scim, 'User', id, patchOp({ op, path: 'active', value: on }))
  expectValue(enabled.active, true, `after {"op":"${op}","path":"active","value":${JSON.stringify(on)}} the user's active is ${JSON.stringify(enabled.active)}`, dialect, DISABLE_CONSEQUENCE, '/active')
}

check('entra.patch.disable-string-boolean', { verifies: ['entra:2.6:string-booleans', 'entra:1.2.5:reenable', 'entra:3.4:capitalized-op'] },
  (context) => disableAndEnable(context, 'entra', 'Replace', 'False', 'True'))

check('entra.patch.disable-json-boolean', { verifies: ['entra:1.2.5:reenable', 'entra:2.6:simple-paths'] },
  (context) => disableAndEnable(context, 'entra-flag', 'replace', false, true))

const memberIds = (group: JsonObject): string[] =>
  (Array.isArray(group.members) ? group.members : []).flatMap((m) => (m && typeof m === 'object' && !Array.isArray(m) && typeof m.value === 'string' ? [m.value] : [])).sort()

async function groupWithMembers(context: CheckContext, count: number, initial: number): Promise<{ groupId: string; users: string[] }> {
  entraOnly(context)
  if (!context.run.profile.provisions.includes('Group')) context.skip(`the ${context.run.profile.name} profile does not provision Groups`)
  const users: string[] = []
  for (let i = 0; i < count; i++) users.push((await createUser(context.scim, emailName(context.uniqueName(`member${i}`)))).id)
  const { id: groupId } = await createGroup(context.scim, context.uniqueName('entragroup'))
  if (initial > 0) {
    const value = users.slice(0, initial).map((id) => ({ $ref: null, value: id }))
    ensureSetUp(await context.scim.patch('Group', groupId, patchOp({ op: 'Add', path: 'members', value })), [200, 204], { check: 'entra.patch.members-add-many', what: 'adding the members failed' })
  }
  return { groupId, users }
}

const MEMBERS_CONSEQUENCE = 'group-based access in the target app no longer matches the group in Entra; Entra does not notice, as it does not re-read members'

async function addMembers(context: CheckContext, count: number): Promise<void> {
  const { groupId, users } = await groupWithMembers(context, count, 0)
  const group = await patchAndRead(context.scim, 'Group', groupId, patchOp({ op: 'Add', path: 'members', value: users.map((id) => ({ $ref: null, value: id })) }))
  expectValue(memberIds(group), [...users].sort(), `after one PATCH adding ${count} member(s) the group holds ${memberIds(group).length}`, 'entra', MEMBERS_CONSEQUENCE, '/members')
}

check('entra.patch.members-add-one', { verifies: ['entra:2.8:groups-need-patch', 'entra:3.4:member-ref-null', 'entra:3.4:capitalized-op'] }, (context) => addMembers(context, 1))

check('entra.patch.members-add-many', { verifies: ['entra:2.8:multi-member-patch'] }, (context) => addMembers(context, 4))

async function removeOneMember(context: CheckContext, dialect: Dialect, removal: (id: string) => PatchOperation): Promise<void> {
  const { groupId, users } = await groupWithMembers(context, 3, 3)
  const [kept0, removed, kept1] = users as [string, string, string]
  const group = await patchAndRead(context.scim, 'Group', groupId, patchOp(removal(removed)))
  expectValue(memberIds(group), [kept0, kept1].sort(), `removing member ${removed} left members ${JSON.stringify(memberIds(group))}; the other two must survive`, dialect,
    'a spec-literal server that ignores the value array removes every member: everyone loses the access the group grants', '/members')
}

check('entra.patch.members-remove-value-array', { verifies: ['entra:3.4:remove-members-value-array', 'entra:1.3:remove-member-keeps-others', 'entra:3.4:member-ref-null'] },
  (context) => removeOneMember(context, 'entra', (id) => ({ op: 'Remove', path: 'members', value: [{ $ref: null, value: id }] })))

check('entra.patch.members-remove-filter', { verifies: ['entra:2.6:members-filter-remove', 'entra:1.3:remove-member-keeps-others'] },
  (context) => removeOneMember(context, 'entra-flag', (id) => ({ op: 'remove', path: `members[value eq "${id}"]` })))

const managerOf = (user: JsonObject): JsonValue | undefined => {
  const extension = user[SCHEMA_URN.enterpriseUser]
  return extension && typeof extension === 'object' && !Array.isArray(extension) ? extension.manager : undefined
}

check('entra.patch.manager-bare-id', { verifies: ['entra:2.6:manager-bare-string', 'entra:3.4:manager-read-back-complex', 'entra:3.4:manager-removal', 'entra:1.2.6:manager-persisted'] }, async (context) => {
  entraOnly(context)
  requireAdvertised(context.run, context.skip, 'User', MANAGER)
  const { scim, uniqueName } = context
  const [first, second, user] = [await createUser(scim, emailName(uniqueName('mgr1'))), await createUser(scim, emailName(uniqueName('mgr2'))), await createUser(scim, emailName(uniqueName('report')))]
  const consequence = 'Entra reads the manager back as {"value": id}: any other shape fails to deserialise or makes Entra re-send the manager every cycle'
  for (const [op, manager] of [['Add', first.id], ['replace', second.id]] as const) {
    const read = await patchAndRead(scim, 'User', user.id, patchOp({ op, path: MANAGER, value: manager }))
    const got = managerOf(read)
    const value = got && typeof got === 'object' && !Array.isArray(got) ? got.value : undefined
    expectValue(value === manager ? { value } : got, { value: manager }, `after {"op":"${op}","path":"…:manager","value":"${manager}"} the manager reads back as ${describeRead(got, manager)}`, 'entra', consequence, '/urn:ietf:params:scim:schemas:extension:enterprise:2.0:User/manager')
  }
  const cleared = managerOf(await patchAndRead(scim, 'User', user.id, patchOp({ op: 'replace', path: MANAGER, value: '' })))
  const clearedValue = cleared && typeof cleared === 'object' && !Array.isArray(cleared) ? cleared.value : cleared
  if (clearedValue !== undefined && clearedValue !== null && clearedValue !== '') {
    throw new CheckFailure(`after replacing the manager with "" it still reads ${JSON.stringify(cleared)}`, { expected: 'no manager', actual: cleared, dialect: 'entra', consequence: 'the user keeps a manager Entra removed' })
  }
})

check('entra.patch.add-work-email-filter', { verifies: ['entra:3.4:add-filter-creates-value', 'entra:1.2.4:replace-keeps-other-values', 'entra:2.6:value-filter-paths'] }, async (context) => {
  entraOnly(context)
  const userName = emailName(context.uniqueName('workmail'))
  const home = `home.${userName}`
  const { id } = await createUser(context.scim, userName, { emails: [{ value: home, type: 'home' }] })
  const work = `Work.${userName}`
  const user = await patchAndRead(context.scim, 'User', id, patchOp({ op: 'Add', path: 'emails[type eq "work"].value', value: work }))
  // emails.value is caseExact=false: the server MAY store "work.x" for "Work.x" (RFC 7643 2.2).
  const fold = (v: JsonValue | undefined) => (typeof v === 'string' ? v.toLowerCase() : v)
  const emails = (Array.isArray(user.emails) ? user.emails : []).map((e) => (e && typeof e === 'object' && !Array.isArray(e) ? { type: fold(e.type), value: fold(e.value) } : e))
  expectValue(emails.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))), [{ type: 'home', value: home.toLowerCase() }, { type: 'work', value: work.toLowerCase() }],
    'Add on emails[type eq "work"].value with no work email must create the work email and keep the home one', 'entra',
    'the work email Entra sends is never stored: Entra re-sends it every cycle and matching by email fails', '/emails')
})

check('entra.patch.address-sub-attributes-merge', { verifies: ['entra:3.4:sub-attribute-ops-merge', 'entra:2.6:value-filter-paths'] }, async (context) => {
  entraOnly(context)
  const { id } = await createUser(context.scim, emailName(context.uniqueName('address')))
  const parts = { streetAddress: '18/2111 Main St', locality: 'Redmond', postalCode: '98052' }
  const user = await patchAndRead(context.scim, 'User', id, patchOp(...Object.entries(parts).map(([sub, value]) => ({ op: 'Add', path: `addresses[type eq "work"].${sub}`, value }))))
  const work = (Array.isArray(user.addresses) ? user.addresses : []).filter((a) => a && typeof a === 'object' && !Array.isArray(a) && a.type === 'work')
  const merged = work.length === 1 ? Object.fromEntries(Object.keys(parts).map((k) => [k, (work[0] as JsonObject)[k]])) : work
  expectValue(merged, parts, `three sibling sub-attribute ops left ${work.length} work address(es): ${JSON.stringify(work)}`, 'entra',
    'the work address is split into fragments, so the target app shows a partial address and Entra keeps re-sending the rest', '/addresses')
})

const ENTERPRISE = SCHEMA_URN.enterpriseUser
const enterpriseOf = (user: JsonObject): JsonObject => {
  const extension = user[ENTERPRISE]
  return extension && typeof extension === 'object' && !Array.isArray(extension) ? extension : {}
}
const nameOf = (user: JsonObject): JsonObject => (user.name && typeof user.name === 'object' && !Array.isArray(user.name) ? user.name : {})

check('entra.patch.pathless-flattened-keys', { verifies: ['entra:2.6:pathless-flattened-keys'] }, async (context) => {
  entraOnly(context)
  const { id } = await createUser(context.scim, emailName(context.uniqueName('flat')))
  // The aadOptscim062020 job and Microsoft's validator update several attributes in one path-less
  // replace whose keys are paths: dotted sub-attributes and URN-qualified extension attributes.
  const employeeNumber = `${ENTERPRISE}:employeeNumber`
  const withExtension = isAdvertised(context.run.advertised, 'User', employeeNumber)
  const value: JsonObject = { displayName: 'Flat Keys', 'name.givenName': 'Kkom', 'name.familyName': 'Unua', ...(withExtension ? { [employeeNumber]: 'E-4711' } : {}) }
  const user = await patchAndRead(context.scim, 'User', id, patchOp({ op: 'replace', value }))
  const read = { displayName: user.displayName, 'name.givenName': nameOf(user).givenName, 'name.familyName': nameOf(user).familyName, ...(withExtension ? { [employeeNumber]: enterpriseOf(user).employeeNumber } : {}) }
  // All four are caseExact=false: a server MAY alter their case (RFC 7643 2.2), so case is not judged here.
  const folded = (o: Record<string, unknown>) => JSON.stringify(o).toLowerCase()
  if (folded(read) !== folded(value)) {
    throw new CheckFailure(`after a path-less replace with the keys ${Object.keys(value).join(', ')} the user reads ${JSON.stringify(read)}: each key is a path (name.givenName is name's givenName), never a literal attribute name`, {
      expected: value, actual: read, dialect: 'entra-flag',
      consequence: 'with the aadOptscim062020 flag (and in Microsoft\'s validator) Entra updates these attributes in one request: ignored keys never reach the app, and Entra re-sends them every cycle',
    })
  }
})

check('entra.patch.clear-empty-string', { verifies: ['entra:2.6:clear-empty-or-null'] }, async (context) => {
  entraOnly(context)
  const { id } = await createUser(context.scim, emailName(context.uniqueName('clear')), { title: 'To be cleared' })
  // An attribute emptied in Entra arrives as a Replace with "": the app must drop the old value.
  const user = await patchAndRead(context.scim, 'User', id, patchOp({ op: 'Replace', path: 'title', value: '' }))
  const title = user.title
  if (title !== undefined && title !== null && title !== '') {
    throw new CheckFailure(`after {"op":"Replace","path":"title","value":""} the title still reads ${JSON.stringify(title)}`, { pointer: '/title', expected: 'absent, null or ""', actual: title, dialect: 'entra', consequence: 'a value cleared in Entra stays in the app, and Entra sends the Replace again on every cycle' })
  }
})

check('entra.patch.extension-on-core-only-user', { verifies: ['entra:2.6:urn-paths', 'entra:3.4:post-nulls-and-empty'] }, async (context) => {
  entraOnly(context)
  const department = `${ENTERPRISE}:department`
  requireAdvertised(context.run, context.skip, 'User', department)
  // Microsoft's validator creates the user with schemas [core] only, then adds enterprise attributes
  // by PATCH: the extension's URN was never in the user's schemas before.
  const { id } = await createUser(context.scim, emailName(context.uniqueName('ext')))
  const user = await patchAndRead(context.scim, 'User', id, patchOp({ op: 'Add', path: department, value: 'Retail' }))
  expectValue(enterpriseOf(user).department, 'Retail', `after {"op":"Add","path":"…:department","value":"Retail"} on a user created without the enterprise schema, department reads ${describeRead(enterpriseOf(user).department as JsonValue | undefined, 'Retail')}`, 'entra',
    'Entra adds enterprise attributes to users it created earlier: the update fails or is lost, and is escrowed', `/${ENTERPRISE}/department`)
})
