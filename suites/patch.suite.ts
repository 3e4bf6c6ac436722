import { serverRequired } from '../src/kit/advertised.ts'
import { blockedUnless, ensureSetUp } from '../src/kit/blocked.ts'
import { check, type CheckContext } from '../src/kit/check.ts'
import { CheckFailure, ensureStatus } from '../src/kit/check-failure.ts'
import type { ResourceKind, ScimClient } from '../src/kit/types.ts'
import { forAll } from '../src/kit/property.ts'
import { scimTypeRequirement } from '../src/kit/scim-type-requirements.ts'
import { baseResource, invalidPatchArbitrary, materialise, oracleContext, patchableAttributes, REF_COUNT, validPatchArbitrary, type PatchCase, type PatchSpace } from '../src/arbitraries/patches.ts'
import { compareMapped } from '../src/kit/patch-compare.ts'
import { lookupFor } from '../src/kit/dataset.ts'
import { idOf } from '../src/kit/resources.ts'
import { applyPatch } from '../src/scim/patch/apply.ts'
import type { JsonObject, ScimResource } from '../src/scim/types.ts'
import { createGroup, createUser, emailName } from '../src/kit/steps.ts'

// Generated PatchOp requests (RFC 7644 section 3.5.2) in the profile's dialect,
// checked against the PATCH oracle: one resource per case, created, patched, read back.

const STATE_CONSEQUENCE = 'Entra reads the resource back on its next cycle: a value that differs is sent again every cycle, and a value the server dropped is lost in the target app'

function spaceOf(run: CheckContext['run'], kind: ResourceKind): PatchSpace {
  return { kind, attributes: kind === 'User' ? run.profile.user : run.profile.group, dialect: run.profile.dialect, required: serverRequired(run.advertised, kind), advertised: run.advertised }
}

/** Users that members and manager values point at: created once per check, shared by its cases. */
async function referencedUsers(scim: ScimClient, uniqueName: (label: string) => string): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < REF_COUNT; i++) ids.push((await createUser(scim, emailName(uniqueName(`patchref${i}`)))).id)
  return ids
}

/** Creates the case's resource and reads it back: the oracle starts from what the server holds. */
async function createAndRead(scim: ScimClient, kind: ResourceKind, body: JsonObject): Promise<ScimResource & { id: string }> {
  const created = await scim.create(kind, body)
  // The base resource carries the profile's attributes, as the profile's own create check sends them.
  ensureSetUp(created, [200, 201], { check: kind === 'User' ? 'profile.user.create-read-back' : 'profile.group.create-read-back', what: `creating the ${kind} to patch failed` })
  const id = idOf(created.json)
  blockedUnless(id, `the created ${kind} has no id`, { check: kind === 'User' ? 'users.create.returns-resource' : 'schema.group-rules', request: `${created.method} ${created.path}`, answer: `${created.status} without an id` })
  const read = await scim.get(kind, id)
  ensureSetUp(read, 200, { check: kind === 'User' ? 'users.get.by-id' : 'groups.get.by-id', what: `reading the created ${kind} failed` })
  return { ...(read.json as ScimResource), id }
}

async function readBack(scim: ScimClient, kind: ResourceKind, id: string): Promise<ScimResource> {
  const read = await scim.get(kind, id)
  ensureStatus(read, 200, `GET after the PATCH failed`)
  return read.json as ScimResource
}

type Judge = (context: { scim: ScimClient; space: PatchSpace; before: ScimResource & { id: string }; request: PatchCase['request']; patchCase: PatchCase }) => Promise<void>

async function propertyOver(context: CheckContext, kind: ResourceKind, arbitrary: (space: PatchSpace) => ReturnType<typeof validPatchArbitrary>, judge: Judge): Promise<void> {
  const { scim, run, uniqueName, skip } = context
  if (!run.profile.provisions.includes(kind)) skip(`the ${run.profile.name} profile does not provision ${kind}s`)
  const space = spaceOf(run, kind)
  if (patchableAttributes(space).length === 0) skip(`the ${run.profile.name} profile maps no ${kind} attribute of the core or enterprise schemas`)
  const refs = await referencedUsers(scim, uniqueName)
  const base = baseResource(space)
  await forAll(arbitrary(space), async (patchCase, client) => {
    const bindings = { unique: uniqueName(kind === 'User' ? 'patch' : 'patchgroup'), refs }
    const before = await createAndRead(client, kind, materialise(base, bindings))
    await judge({ scim: client, space, before, request: materialise(patchCase.request, bindings), patchCase })
  }, { seed: run.seed, runs: run.runs, scim, describe: (patchCase) => JSON.stringify(patchCase.request) })
}

/** A valid request: 200 or 204, then every mapped attribute equals the oracle's. */
const judgeValid: Judge = async ({ scim, space, before, request }) => {
  const expected = applyPatch(before, request, oracleContext(space.kind, space.dialect))
  if (!expected.ok) throw new Error(`scim-conform bug: the generator emitted a request the oracle refuses (${expected.scimType}: ${expected.detail})`)
  const response = await scim.patch(space.kind, before.id, request)
  ensureStatus(response, [200, 204], 'a successful PATCH answers 200 with the resource or 204 (RFC 7644 section 3.5.2)')
  const actual = await readBack(scim, space.kind, before.id)
  const differences = compareMapped(expected.resource, actual, patchableAttributes(space), lookupFor(space.kind, space.advertised))
  if (differences.length > 0) {
    throw new CheckFailure(`after the PATCH, ${differences.map((d) => `${d.path} is ${JSON.stringify(d.actual)}, expected ${JSON.stringify(d.expected)}`).join('; ')}`, {
      expected: { before, after: expected.resource },
      actual: { after: actual },
      dialect: space.dialect,
      consequence: STATE_CONSEQUENCE,
    })
  }
}

/** An invalid request: 400 with the scimType of RFC 7644 Table 9, and the resource exactly as before (atomic). */
/** The Table 9 keywords that describe a refused PATCH request (RFC 7644 3.12). */
const PATCH_ERROR_KEYWORDS: readonly string[] = ['invalidSyntax', 'invalidValue', 'invalidPath', 'noTarget', 'mutability']

const judgeInvalid: Judge = async ({ scim, space, before, request, patchCase }) => {
  if (patchCase.validity !== 'invalid') throw new Error('scim-conform bug: a valid case reached the invalid-request judge')
  const response = await scim.patch(space.kind, before.id, request)
  const scimType = (response.json as { scimType?: unknown } | undefined)?.scimType
  const answered = `${response.status}${typeof scimType === 'string' ? ` ${scimType}` : ''}`
  const entra = { dialect: space.dialect, consequence: 'Entra cannot tell a refused update from an applied one, so the error never reaches the provisioning logs' }
  // The MUST is to fail (3.5.2: "SHALL return the appropriate HTTP response status code and a JSON detail error response").
  if (response.status < 400 || response.status >= 500) {
    throw new CheckFailure(`a PATCH with a ${patchCase.defect} answered ${answered}, expected a 4xx error (400 with scimType ${patchCase.scimType})`, {
      expected: { status: 400, scimType: patchCase.scimType }, actual: { status: response.status, scimType }, ...entra,
    }, 'rfc7644:3.5.2:patch-error-response')
  }
  const actual = await readBack(scim, space.kind, before.id)
  const differences = compareMapped(before, actual, patchableAttributes(space), lookupFor(space.kind, space.advertised))
  if (differences.length > 0) {
    throw new CheckFailure(`a refused PATCH still changed ${differences.map((d) => d.path).join(', ')}: PATCH is atomic (RFC 7644 section 3.5.2)`, {
      expected: { after: before },
      actual: { after: actual },
      dialect: space.dialect,
      consequence: 'Entra retries the refused update while part of it was applied: the target drifts from Entra',
    }, 'rfc7644:3.5.2:patch-atomic')
  }
  // 400 and the keyword come from Table 9, which carries no RFC 2119 keyword; scimType itself is OPTIONAL.
  if (response.status !== 400) {
    throw new CheckFailure(`a PATCH with a ${patchCase.defect} was refused with ${answered}; RFC 7644 Table 9 gives 400 with scimType ${patchCase.scimType}`, {
      expected: { status: 400, scimType: patchCase.scimType }, actual: { status: response.status, scimType }, ...entra,
    }, 'rfc7644:3.12:bad-request-400')
  }
  // Table 9's request-error keywords overlap (an unknown op is both an invalidSyntax body and an
  // invalidValue op), so any of them is lawful; only a missing keyword or one of another kind warns.
  if (typeof scimType !== 'string' || !PATCH_ERROR_KEYWORDS.includes(scimType)) {
    throw new CheckFailure(`a PATCH with a ${patchCase.defect} was refused with ${answered}; RFC 7644 Table 9 names scimType ${patchCase.scimType}`, {
      pointer: '/scimType', expected: patchCase.scimType, actual: scimType, ...entra,
    }, scimTypeRequirement[patchCase.scimType])
  }
}

check('patch.user.generated', {
  verifies: ['rfc7644:3.5.2:patch-path-syntax', 'rfc7644:3.5.2:patch-path-optional', 'rfc7644:3.5.2:patch-sequential', 'rfc7644:3.5.2:patch-200-resource', 'entra:2.1:patch-user-200-204', 'entra:2.6:simple-paths', 'entra:2.6:dotted-paths', 'entra:2.6:value-filter-paths', 'entra:2.6:urn-paths', 'entra:2.2:data-fidelity'],
}, (context) => propertyOver(context, 'User', validPatchArbitrary, judgeValid))

check('patch.group.generated', {
  verifies: ['rfc7644:3.5.2:patch-sequential', 'rfc7644:3.5.2:patch-200-resource', 'entra:2.8:groups-need-patch', 'entra:1.3:remove-member-keeps-others', 'entra:2.8:multi-member-patch'],
}, (context) => propertyOver(context, 'Group', validPatchArbitrary, judgeValid))

check('patch.user.invalid-refused', {
  verifies: [
    'rfc7644:3.5.2:patch-atomic', 'rfc7644:3.5.2:patch-op-values', 'rfc7644:3.5.2:patch-invalid-path-400', 'rfc7644:3.5.2:patch-mutability', 'rfc7644:3.5.2:patch-error-response', 'entra:2.6:ordered-atomic',
    'rfc7644:3.12:bad-request-400', 'rfc7644:3.12:invalid-syntax', 'rfc7644:3.12:mutability', 'rfc7644:3.12:no-target', 'rfc7644:3.12:invalid-path',
  ],
}, (context) => propertyOver(context, 'User', invalidPatchArbitrary, judgeInvalid))

check('patch.group.status-204', { verifies: ['entra:2.1:patch-group-204'] }, async ({ scim, run, uniqueName, skip }) => {
  if (!run.profile.provisions.includes('Group')) skip(`the ${run.profile.name} profile does not provision Groups`)
  // RFC 7644 3.5.2 allows 200 or 204 alike; only Entra recommends 204.
  if (run.profile.dialect === 'rfc') skip('not applicable: the rfc profile accepts 200 or 204 (RFC 7644 section 3.5.2); 204 is Entra\'s recommendation')
  const member = await createUser(scim, emailName(uniqueName('patch204m')))
  const group = await createGroup(scim, uniqueName('patch204'))
  const op = run.profile.dialect === 'entra' ? 'Add' : 'add'
  const response = await scim.patch('Group', group.id, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op, path: 'members', value: [{ value: member.id }] }] })
  ensureSetUp(response, [200, 204], { check: 'entra.patch.members-add-one', what: 'adding a member failed' })
  if (response.status !== 204) {
    throw new CheckFailure('PATCH /Groups/{id} answered 200 with a body; Entra expects 204 No Content', {
      expected: 204,
      actual: response.status,
      dialect: run.profile.dialect,
      consequence: 'Entra accepts the 200, but a body listing every member costs the server and the network on every membership change of a large group',
    })
  }
})
