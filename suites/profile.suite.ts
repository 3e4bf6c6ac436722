import { answerOf, ensureSetUp } from '../src/kit/blocked.ts'
import { lookupFor } from '../src/kit/dataset.ts'
import { check, type CheckContext } from '../src/kit/check.ts'
import { CheckFailure, ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { consequence } from '../src/entra/consequences.ts'
import { addMembersOp, changedAttributeOps, eqFilter, createGroupBody, createUserBody, managerOp, matchQuery, MANAGER_PATH, patchBody } from '../src/entra/requests.ts'
import { differences, filterLiteral, needsReference, profileValues, withValues } from '../src/kit/profile-values.ts'
import { idOf, resourcesOf } from '../src/kit/resources.ts'
import type { MappedAttribute, Profile, ResourceKind } from '../src/kit/types.ts'
import type { JsonValue } from '../src/scim/types.ts'

// Round trips of every attribute the profile maps (issue 6 part 3): each value is
// sent the way Entra sends it — in the POST body on create, by its path-form PATCH
// on update — and must read back unchanged by GET and by the matching filter.
// The same check ids for every run of one profile; the attributes are named in the message.

type Values = [string, JsonValue][]
const kinds = [['user', 'User'], ['group', 'Group']] as const

const mapped = (profile: Profile, kind: ResourceKind): readonly MappedAttribute[] => (kind === 'User' ? profile.user : profile.group)
const matchingOf = (profile: Profile, kind: ResourceKind): string | undefined => (kind === 'User' ? profile.matching.user : profile.matching.group)

function applies({ run, skip }: CheckContext, kind: ResourceKind): string {
  if (!run.profile.provisions.includes(kind)) skip(`profile ${run.profile.name} does not provision ${kind}s`)
  return matchingOf(run.profile, kind) ?? skip(`profile ${run.profile.name} has no ${kind} matching attribute`)
}

/**
 * `setUpFor`: the create is this check's set-up, judged by that other check (which sends the
 * same attributes), so a refusal blocks this check instead of failing it a second time.
 */
async function create(context: CheckContext, kind: ResourceKind, values: Values, setUpFor?: string): Promise<string> {
  const { dialect } = context.run.profile
  const body = withValues({}, values)
  const res = await context.scim.create(kind, kind === 'User' ? createUserBody(dialect, body) : createGroupBody(dialect, body))
  const carrying = values.map(([p]) => p).join(', ')
  if (setUpFor !== undefined) ensureSetUp(res, [200, 201], { check: setUpFor, what: `creating a ${kind} carrying ${values.length} of the profile's attributes failed` })
  ensureStatus(res, [200, 201], `the create carrying ${carrying} was refused`)
  const id = idOf(res.json)
  if (!id) throw new CheckFailure('the create response has no id', { pointer: '/id', actual: res.json })
  return id
}

async function readBack(context: CheckContext, kind: ResourceKind, id: string, values: Values, how: string): Promise<void> {
  const res = await context.scim.get(kind, id)
  ensureStatus(res, 200)
  const wrong = differences(res.json, values, lookupFor(kind, context.run.advertised))
  ensure(wrong.length === 0, `profile ${context.run.profile.name}: ${wrong.length} of ${values.length} attributes not read back by GET after ${how}: ${wrong.join('; ')}`, { expected: Object.fromEntries(values), actual: wrong, dialect: context.run.profile.dialect, consequence: consequence.roundTrip })
}

/** Walks the pages of a filter until the resource shows up: values like "en-US" are shared by many users. */
async function findByFilter(context: CheckContext, kind: ResourceKind, query: Record<string, string>, id: string): Promise<Record<string, JsonValue> | undefined> {
  for (let startIndex = 1, page = 0; page < 20; page++) {
    const res = await context.scim.list(kind, { ...query, startIndex: String(startIndex) })
    if (res.status !== 200) throw new CheckFailure(`GET ${query['filter']} answered ${res.status}, expected 200`, { expected: 200, actual: res.status, consequence: consequence.filterable })
    const resources = resourcesOf(res.json)
    const found = resources.find((r) => r.id === id)
    if (found) return found
    startIndex += resources.length
    const total = (res.json as { totalResults?: unknown }).totalResults
    if (resources.length === 0 || typeof total !== 'number' || startIndex > total) return undefined
  }
  return undefined
}

for (const [label, kind] of kinds) {
  check(`profile.${label}.create-read-back`, { verifies: ['entra:2.2:data-fidelity', 'entra:2.13:default-mapping-targets'] }, async (context) => {
    applies(context, kind)
    const values = profileValues(kind, mapped(context.run.profile, kind), context.uniqueName(`rt-${label}`))
    await readBack(context, kind, await create(context, kind, values), values, 'the create')
  })

  check(`profile.${label}.match-read-back`, { verifies: ['entra:2.4:filter-matching-attributes', 'entra:2.2:data-fidelity'] }, async (context) => {
    const matching = applies(context, kind)
    const values = profileValues(kind, mapped(context.run.profile, kind), context.uniqueName(`mt-${label}`))
    const id = await create(context, kind, values, `profile.${label}.create-read-back`)
    const value = values.find(([path]) => path === matching)?.[1] ?? null
    const res = await context.scim.list(kind, { filter: eqFilter(context.run.profile.dialect, matching, value) })
    ensureStatus(res, 200)
    const resources = resourcesOf(res.json)
    ensure(resources.length === 1 && resources[0]?.id === id, `the matching filter ${matching} eq ${filterLiteral(value)} did not return exactly the created ${kind}`, { expected: [id], actual: resources.map((r) => r.id), consequence: consequence.match })
    const wrong = differences(resources[0], values, lookupFor(kind, context.run.advertised))
    ensure(wrong.length === 0, `profile ${context.run.profile.name}: ${wrong.length} attribute(s) read back differently by the matching filter: ${wrong.join('; ')}`, { actual: wrong, dialect: context.run.profile.dialect, consequence: consequence.roundTrip })
  })

  check(`profile.${label}.filterable-eq`, { verifies: ['entra:2.4:filter-matching-attributes'] }, async (context) => {
    applies(context, kind)
    const attributes = mapped(context.run.profile, kind)
    const values = profileValues(kind, attributes, context.uniqueName(`eq-${label}`))
    const id = await create(context, kind, values, `profile.${label}.create-read-back`)
    const filterable = new Set(attributes.filter((a) => a.filterable).map((a) => a.path))
    const missed: string[] = []
    // A value like "en-US" or primary=true is shared by many resources, which other checks create
    // meanwhile: "and" the matching attribute (eq and "and" are what Entra sends) so the set stays small.
    const matching = matchingOf(context.run.profile, kind)
    const own = matching === undefined ? undefined : values.find(([p]) => p === matching)
    const mine = own === undefined ? '' : ` and ${eqFilter(context.run.profile.dialect, own[0], own[1])}`
    for (const [path, value] of values.filter(([p]) => filterable.has(p))) {
      const filter = eqFilter(context.run.profile.dialect, path, value)
      if (!(await findByFilter(context, kind, { filter: path === matching ? filter : `${filter}${mine}` }, id))) missed.push(path)
    }
    ensure(missed.length === 0, `profile ${context.run.profile.name} marks ${missed.join(', ')} filterable, but eq on ${missed.length === 1 ? 'it' : 'them'} does not find the ${kind}`, { expected: id, actual: missed, consequence: consequence.filterable })
  })

  check(`profile.${label}.patch-read-back`, { verifies: ['entra:2.6:value-filter-paths', 'entra:2.6:urn-paths', 'entra:2.2:data-fidelity'] }, async (context) => {
    const matching = applies(context, kind)
    const { profile } = context.run
    const token = context.uniqueName(`pt-${label}`)
    const attributes = mapped(profile, kind)
    const initial = profileValues(kind, attributes, token, (a) => a.required || a.path === matching)
    const id = await create(context, kind, initial, `profile.${label}.required-only-create`)
    const added = profileValues(kind, attributes, token, (a) => !a.required && a.path !== matching)
    // References point at a second resource, written in their own op as Entra's second round trip does.
    const referenced = attributes.some((a) => needsReference(a)) ? await create(context, 'User', profileValues('User', profile.user, context.uniqueName(`ref-${label}`)), 'profile.user.create-read-back') : undefined
    // Entra adds each value by its path; through a value filter that matches nothing that is Entra's
    // own rule, undefined in RFC 7644 3.5.2.1, so the rfc dialect adds
    // the same values as one path-less add of the attributes (3.5.2.1: "the target location is assumed to be the resource itself").
    const ops = profile.dialect === 'rfc'
      ? (added.length > 0 ? [{ op: 'add' as const, value: withValues({}, added) }] : [])
      : changedAttributeOps(added.map(([path, value]) => ({ path, value, hadValue: false })))
    if (referenced && kind === 'User' && attributes.some((a) => a.path === MANAGER_PATH)) ops.push(managerOp(profile.dialect, referenced, false))
    if (referenced && kind === 'Group' && attributes.some((a) => a.path === 'members')) ops.push(addMembersOp(profile.dialect, [referenced]))
    if (ops.length === 0) context.skip(`profile ${profile.name} maps no ${kind} attribute beyond the required ones`)
    const res = await context.scim.patch(kind, id, patchBody(profile.dialect, ops))
    ensureStatus(res, [200, 204], `the PATCH of ${[...added.map(([p]) => p), ...ops.flatMap((o) => (o.path === undefined || added.some(([p]) => p === o.path) ? [] : [o.path]))].join(', ')} was refused`)
    const expected: Values = [...initial, ...added]
    if (ops.some((o) => o.path === MANAGER_PATH) && referenced) expected.push([MANAGER_PATH, referenced])
    if (ops.some((o) => o.path === 'members') && referenced) expected.push(['members[value eq "' + referenced + '"].value', referenced])
    await readBack(context, kind, id, expected, 'path-form PATCH')
  })

  check(`profile.${label}.required-only-create`, { verifies: ['entra:3.4:post-nulls-and-empty'] }, async (context) => {
    const matching = applies(context, kind)
    // Entra skips attributes that are empty in the directory: a create with only the required ones must work.
    const values = profileValues(kind, mapped(context.run.profile, kind), context.uniqueName(`rq-${label}`), (a) => a.required || a.path === matching)
    const id = await create(context, kind, values).catch((error: unknown) => {
      throw error instanceof CheckFailure ? new CheckFailure(error.message, { ...error.evidence, consequence: consequence.requiredOnly }, error.requirement) : error
    })
    await readBack(context, kind, id, values, 'a create with only the required attributes')
  })
}

/**
 * The run sends only what /Schemas and /ResourceTypes list (src/kit/advertised.ts). An app profile's
 * attribute the server does not list is still sent by Entra: this one check tries those attributes,
 * and fails when the server refuses them or does not store them. The other checks were judged
 * without them, so nothing else fails for the same cause.
 */
check('profile.attributes-advertised', { verifies: ['entra:2.13:default-mapping-targets'] }, async (context) => {
  const { run } = context
  if (run.profile.judgeAdvertisedOnly) context.skip(`profile ${run.profile.name} judges only the attributes the server advertises`)
  const problems: string[] = []
  for (const [label, kind] of kinds) {
    const left = run.leftOut.filter((l) => l.kind === kind).map((l) => l.attribute)
    if (left.length === 0 || !run.profile.provisions.includes(kind)) continue
    const matching = matchingOf(run.profile, kind)
    const token = context.uniqueName(`adv-${label}`)
    const values = [...profileValues(kind, mapped(run.profile, kind), token, (a) => a.required || a.path === matching), ...profileValues(kind, left, token)]
    const listed = left.filter((a) => !needsReference(a)).map((a) => a.path)
    const res = await context.scim.create(kind, kind === 'User' ? createUserBody(run.profile.dialect, withValues({}, values)) : createGroupBody(run.profile.dialect, withValues({}, values)))
    const id = idOf(res.json)
    if (res.status !== 200 && res.status !== 201) {
      if (listed.length > 0) problems.push(`a create carrying ${listed.join(', ')} answered ${answerOf(res)}`)
      continue
    }
    if (id === undefined) continue
    const expected: Values = values.filter(([p]) => listed.includes(p))
    const reference = left.find((a) => needsReference(a) && kind === 'User' && a.path === MANAGER_PATH)
    if (reference) {
      const managerId = idOf((await context.scim.create('User', createUserBody(run.profile.dialect, withValues({}, profileValues('User', run.profile.user, context.uniqueName('adv-ref'), (a) => a.required || a.path === run.profile.matching.user))))).json)
      if (managerId !== undefined) {
        const patched = await context.scim.patch('User', id, patchBody(run.profile.dialect, [managerOp(run.profile.dialect, managerId, false)]))
        if (patched.status === 200 || patched.status === 204) expected.push([MANAGER_PATH, managerId])
        else problems.push(`a PATCH of ${MANAGER_PATH} answered ${answerOf(patched)}`)
      }
    }
    const read = await context.scim.get(kind, id)
    const wrong = read.status === 200 ? differences(read.json, expected, lookupFor(kind, context.run.advertised)) : expected.map(([p]) => `${p} (GET answered ${read.status})`)
    if (wrong.length > 0) problems.push(`not stored: ${wrong.join('; ')}`)
  }
  const names = run.leftOut.map((l) => `${l.kind} ${l.attribute.path}`).join(', ')
  ensure(problems.length === 0, `profile ${run.profile.name} maps ${names}, which /Schemas and /ResourceTypes do not list, and Entra sends them: ${problems.join('; ')}. Support and list them, or remove them from the app's attribute mapping`, {
    expected: names, actual: problems, dialect: run.profile.dialect, consequence: consequence.update,
  })
})
