import fc from 'fast-check'
import type { Dialect, MappedAttribute, ResourceKind } from '../profile.ts'
import { applyPatch, type PatchContext } from '../scim/patch/apply.ts'
import { parseEntraPath } from '../kit/profile-values.ts'
import type { Advertised } from '../kit/advertised.ts'
import { coreSchemas } from '../scim/core-schemas.ts'
import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonObject, JsonValue, PatchOperation, PatchRequest, ScimResource, ScimType } from '../scim/types.ts'

// PatchOp requests over the attributes a profile maps, following RFC 7644 section 3.5.2:
//   PatchOp   = { "schemas": [ "urn:ietf:params:scim:api:messages:2.0:PatchOp" ], "Operations": [ operation+ ] }
//   operation = { "op": "add" / "remove" / "replace", [ "path": PATH ], [ "value": value ] }
//   PATH      = attrPath / valuePath [subAttr]
// in three dialects:
//   rfc         lowercase ops, JSON booleans, manager as { "value": id }, members removed by members[value eq "id"]
//   entra       Add/Replace/Remove, "True"/"False", one op per attribute, manager as a bare id, members removed by a value array
//   entra-flag  lowercase ops, JSON booleans, bare manager id, path-less replace with flattened keys, members[value eq "id"]
// Requests carry placeholders ({{unique}}, {{ref0}}...) bound at run time by materialise(),
// so the same seed gives the same requests whatever ids the target assigns.
// A valid case is one the oracle accepts in the dialect's semantics; an invalid one
// carries the scimType the oracle (and so the target) must answer.

export type PatchCase =
  | { readonly validity: 'valid'; readonly request: PatchRequest }
  | { readonly validity: 'invalid'; readonly request: PatchRequest; readonly scimType: ScimType; readonly defect: string }

export interface PatchSpace {
  readonly kind: ResourceKind
  /** The profile's mapped attributes for this kind, in Entra path form. */
  readonly attributes: readonly MappedAttribute[]
  readonly dialect: Dialect
  /**
   * Attributes the server declares required in /Schemas (RFC 7643 section 2.2), as
   * `name` or `urn:…:name`: a request that would leave one unassigned may lawfully be
   * refused, so it is no valid case.
   */
  readonly required?: readonly string[]
  /** What the server lists, for the characteristics the comparison reads (caseExact). */
  readonly advertised?: Advertised
}

/** Values bound into a request: a run-unique name, and ids of users the check created (members, manager). */
export interface PatchBindings {
  readonly unique: string
  readonly refs: readonly string[]
}

export const REF_COUNT = 3
const ref = (i: number): string => `{{ref${i}}}`
const ENTERPRISE = SCHEMA_URN.enterpriseUser

/** The oracle's semantics for a dialect: Entra with or without the flag needs Entra's leniency (3.4). */
export function oracleContext(kind: ResourceKind, dialect: Dialect): PatchContext {
  return { schemas: coreSchemas, coreSchemaId: kind === 'User' ? SCHEMA_URN.user : SCHEMA_URN.group, dialect: dialect === 'rfc' ? 'rfc' : 'entra' }
}

export function materialise<T extends JsonValue | PatchRequest>(value: T, bindings: PatchBindings): T {
  const bind = (v: JsonValue): JsonValue => {
    if (typeof v === 'string') return v.replace(/\{\{(unique|ref(\d))\}\}/g, (_, name: string, i?: string) => (i === undefined ? bindings.unique : bindings.refs[Number(i)] ?? name))
    if (Array.isArray(v)) return v.map(bind)
    if (v !== null && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [bind(k) as string, bind(x)]))
    return v
  }
  return bind(value as JsonValue) as T
}

/** The mapped attributes the oracle knows (core and enterprise schemas); custom extensions are left out. */
export function patchableAttributes(space: PatchSpace): MappedAttribute[] {
  return space.attributes.filter((a) => a.path !== 'members' || space.kind === 'Group').filter((a) => {
    const probe = { op: 'add', path: a.path, value: probeValue(a) }
    return applyPatch(skeleton(space.kind), { schemas: [SCHEMA_URN.patchOp], Operations: [probe] }, oracleContext(space.kind, 'entra')).ok
  })
}

const probeValue = (a: MappedAttribute): JsonValue =>
  a.path === 'members' ? [{ value: ref(0) }] : a.type === 'Reference' && !isManager(a) ? 'https://example.com/base' : a.type === 'Boolean' ? true : a.type === 'Integer' ? 1 : a.type === 'DateTime' ? '2024-01-02T03:04:05Z' : 'x'

function skeleton(kind: ResourceKind): ScimResource {
  return kind === 'User' ? { schemas: [SCHEMA_URN.user, ENTERPRISE], userName: '{{unique}}' } : { schemas: [SCHEMA_URN.group], displayName: '{{unique}}' }
}

/**
 * The create body each iteration starts from: every other mapped attribute set, so
 * requests meet both present and absent values. Built by the oracle from add
 * operations, so filtered paths (emails[type eq "work"].value) become elements.
 */
export function baseResource(space: PatchSpace): ScimResource {
  const operations = patchableAttributes(space).filter((a, i) => i % 2 === 0 || a.path === 'active' || a.path === 'members' || isServerRequired(space, a))
    .filter((a) => !isUnique(space.kind, a.path))
    .map((a) => ({ op: 'add', path: a.path, value: a.path === 'members' ? [{ value: ref(0) }, { value: ref(1) }] : isManager(a) ? ref(0) : probeValue(a) === 'x' ? baseString(a) : probeValue(a) }))
  if (operations.length === 0) return skeleton(space.kind)
  const result = applyPatch(skeleton(space.kind), { schemas: [SCHEMA_URN.patchOp], Operations: operations }, oracleContext(space.kind, 'entra'))
  if (!result.ok) throw new Error(`scim-conform: the base ${space.kind} does not build: ${result.detail}`)
  return result.resource
}

/**
 * A valid value for a String attribute of the base resource: an address for emails
 * (RFC 7643 4.1.2, RFC 5321 4.1.2 Mailbox), and a run-unique externalId, which many
 * servers keep unique.
 */
function baseString(a: MappedAttribute): string {
  if (isEmail(a)) return 'base.{{unique}}@example.com'
  if (a.path === 'externalId') return 'base-{{unique}}'
  return `base ${a.path.split(/[:.]/).at(-1)!}`
}

/** The server requires the attribute this path writes into (PatchSpace.required). */
function isServerRequired(space: PatchSpace, a: MappedAttribute): boolean {
  const path = parseEntraPath(a.path)
  const name = (path.urn ? `${path.urn}:${path.attribute}` : path.attribute).toLowerCase()
  return (space.required ?? []).some((r) => r.toLowerCase() === name)
}

const isManager = (a: MappedAttribute): boolean => /(^|:)manager$/i.test(a.path)
const isEmail = (a: MappedAttribute): boolean => /^emails/i.test(a.path)
const isUnique = (kind: ResourceKind, path: string): boolean => (kind === 'User' ? path === 'userName' : path === 'displayName')

const opName = (dialect: Dialect, op: 'add' | 'replace' | 'remove'): string => (dialect === 'entra' ? op[0]!.toUpperCase() + op.slice(1) : op)

const word = fc.stringMatching(/^[A-Za-z][a-z]{0,7}$/)
const text = fc.oneof(
  fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
  fc.constantFrom('Zoë Ångström', "O'Brien", 'Łukasz Żółć', 'MiXeD CaSe', '+1 (555) 010-0199', 'Straße 7'),
)

/** A value of the attribute's type, shaped as the dialect sends it; never normalised. */
function valueOf(space: PatchSpace, a: MappedAttribute): fc.Arbitrary<JsonValue> {
  if (isUnique(space.kind, a.path)) return word.map((w) => `{{unique}}.${w}`)
  if (a.type === 'Boolean') return space.dialect === 'entra' ? fc.constantFrom('True', 'False') : fc.boolean()
  if (a.type === 'Integer') return fc.integer({ min: 0, max: 99_999 })
  if (a.type === 'DateTime') return fc.constantFrom('2024-01-02T03:04:05Z', '2031-12-31T23:59:59+01:00')
  if (isManager(a)) return fc.nat(REF_COUNT - 1).map((i) => (space.dialect === 'rfc' ? { value: ref(i) } : ref(i)))
  if (a.type === 'Reference') return word.map((w) => `https://example.com/${w}`)
  // Unique to the resource, as a server keeping addresses or externalIds unique needs.
  if (isEmail(a)) return fc.tuple(word, fc.constantFrom('example.com', 'Example.ORG')).map(([w, d]) => `${w}.{{unique}}@${d}`)
  if (a.path === 'externalId') return word.map((w) => `{{unique}}-${w}`)
  return text
}

const refList = fc.uniqueArray(fc.nat(REF_COUNT - 1), { minLength: 1, maxLength: REF_COUNT })

/** members: add one or many, remove one in the dialect's form. */
function memberOps(dialect: Dialect): fc.Arbitrary<PatchOperation> {
  const element = (i: number): JsonObject => (dialect === 'entra' ? { $ref: null, value: ref(i) } : { value: ref(i) })
  const add = refList.map((ids) => ({ op: opName(dialect, 'add'), path: 'members', value: ids.map(element) }))
  const remove = dialect === 'entra'
    ? refList.map((ids) => ({ op: 'Remove', path: 'members', value: ids.map(element) }))
    : fc.nat(REF_COUNT - 1).map((i) => ({ op: 'remove', path: `members[value eq "${ref(i)}"]` }))
  return dialect === 'rfc' ? fc.oneof(add, remove, refList.map((ids) => ({ op: 'replace', path: 'members', value: ids.map(element) }))) : fc.oneof(add, remove)
}

function attributeOp(space: PatchSpace, a: MappedAttribute): fc.Arbitrary<PatchOperation> {
  if (a.path === 'members') return memberOps(space.dialect)
  const set = fc.tuple(fc.constantFrom<'add' | 'replace'>('add', 'replace'), valueOf(space, a)).map(([op, value]) => ({ op: opName(space.dialect, op), path: a.path, value }))
  const remove = fc.constant({ op: opName(space.dialect, 'remove'), path: a.path })
  return fc.oneof({ arbitrary: set, weight: 4 }, { arbitrary: remove, weight: 1 })
}

/** Path-less replace (3.5.2.3): flattened keys in the flag dialect (3.3 row 3), nested objects in rfc. */
function pathlessOp(space: PatchSpace, plain: readonly MappedAttribute[]): fc.Arbitrary<PatchOperation> {
  const entries = fc.uniqueArray(fc.constantFrom(...plain), { minLength: 1, maxLength: 4, selector: (a) => a.path })
    .chain((attrs) => fc.tuple(...attrs.map((a) => valueOf(space, a).map((v) => [a.path, v] as const))))
  return entries.map((pairs) => ({ op: 'replace', value: space.dialect === 'rfc' ? nested(pairs) : Object.fromEntries(pairs) }))
}

function nested(pairs: readonly (readonly [string, JsonValue])[]): JsonObject {
  const out: JsonObject = {}
  for (const [path, value] of pairs) {
    const urn = path.startsWith(ENTERPRISE + ':') ? ENTERPRISE : undefined
    const [name, sub] = (urn ? path.slice(urn.length + 1) : path).split('.') as [string, string?]
    const holder = urn ? ((out[urn] ??= {}) as JsonObject) : out
    if (sub) ((holder[name] ??= {}) as JsonObject)[sub] = value
    else holder[name] = value
  }
  return out
}

const patchOp = (operations: readonly PatchOperation[]): PatchRequest => ({ schemas: [SCHEMA_URN.patchOp], Operations: [...operations] })

function operationArbitrary(space: PatchSpace): fc.Arbitrary<PatchOperation> {
  const attributes = patchableAttributes(space)
  if (attributes.length === 0) throw new Error(`scim-conform: the profile maps no ${space.kind} attribute the PATCH oracle knows`)
  const single = fc.constantFrom(...attributes).chain((a) => attributeOp(space, a))
  // Entra without the flag sends one op per attribute; the flag and the RFC also send path-less replaces.
  const plain = attributes.filter((a) => !a.path.includes('[') && a.path !== 'members' && !isUnique(space.kind, a.path))
  return space.dialect === 'entra' || plain.length === 0 ? single : fc.oneof({ arbitrary: single, weight: 3 }, { arbitrary: pathlessOp(space, plain), weight: 1 })
}

const dummyBindings: PatchBindings = { unique: 'u', refs: Array.from({ length: REF_COUNT }, (_, i) => `r${i}`) }

/** The oracle's verdict on a request against the base resource (placeholders bound to stand-ins). */
function oracleVerdict(space: PatchSpace): (request: PatchRequest) => ReturnType<typeof applyPatch> {
  const base = materialise(baseResource(space), dummyBindings) as ScimResource
  const context = oracleContext(space.kind, space.dialect)
  return (request) => applyPatch(base, materialise(request, dummyBindings), context)
}

/** One to four operations the oracle accepts, applied in order (3.5.2: "in the order in which they appear"). */
export function validPatchArbitrary(space: PatchSpace): fc.Arbitrary<PatchCase> {
  const verdict = oracleVerdict(space)
  const base = materialise(baseResource(space), dummyBindings) as ScimResource
  return fc.array(operationArbitrary(space), { minLength: 1, maxLength: 4 })
    .map(patchOp)
    .filter((request) => {
      const outcome = verdict(request)
      return outcome.ok && (space.required ?? []).every((name) => isAssigned(outcome.resource, name)) && !(space.dialect === 'rfc' && addsThroughUnmatchedFilter(base, space, request))
    })
    .map((request) => ({ validity: 'valid' as const, request }))
}

/**
 * RFC 7644 3.5.2.1 does not say what `add` on `emails[type eq "work"].value` does when no
 * element matches the filter (Entra's connector relies on it creating one, as Microsoft
 * documents): an undefined case, so the rfc dialect never generates it.
 */
function addsThroughUnmatchedFilter(base: ScimResource, space: PatchSpace, request: PatchRequest): boolean {
  let current = base
  const context = oracleContext(space.kind, space.dialect)
  for (const operation of request.Operations) {
    const path = typeof operation.path === 'string' && operation.path.includes('[') ? filteredPath(operation.path) : undefined
    if (operation.op.toLowerCase() === 'add' && path !== undefined) {
      const elements = valueAt(current, path.attribute)
      const wanted = String(path.filter.value).toLowerCase()
      const matches = Array.isArray(elements) && elements.some((e) => e !== null && typeof e === 'object' && !Array.isArray(e) && String(valueAt(e, path.filter.attribute)).toLowerCase() === wanted)
      if (!matches) return true
    }
    const step = applyPatch(current, patchOp([operation]), context)
    if (!step.ok) return false
    current = step.resource
  }
  return false
}

function filteredPath(path: string): { readonly attribute: string; readonly filter: { readonly attribute: string; readonly value: string | boolean } } | undefined {
  try {
    const parsed = parseEntraPath(path)
    return parsed.filter === undefined || parsed.urn !== undefined ? undefined : { attribute: parsed.attribute, filter: parsed.filter }
  } catch {
    return undefined
  }
}

/** RFC 7643 section 2.5: null and [] are unassigned. Names match case-insensitively. */
function isAssigned(resource: ScimResource, name: string): boolean {
  const colon = name.lastIndexOf(':')
  const holder = colon === -1 ? resource : valueAt(resource, name.slice(0, colon))
  const value = holder !== null && typeof holder === 'object' && !Array.isArray(holder) ? valueAt(holder as JsonObject, name.slice(colon + 1)) : undefined
  return value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0)
}

const valueAt = (object: JsonObject, key: string): JsonValue | undefined => Object.entries(object).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1]

interface Defect {
  readonly defect: string
  readonly scimType: ScimType
  readonly operation: fc.Arbitrary<PatchOperation>
}

/** RFC 7644 section 3.5.2 and Table 9: what each broken operation must get. */
function defects(space: PatchSpace): Defect[] {
  const op = (name: 'add' | 'replace' | 'remove') => opName(space.dialect, name)
  const attr = space.kind === 'User' ? 'name' : 'displayName'
  return [
    { defect: 'unknown op', scimType: 'invalidSyntax', operation: fc.constantFrom('copy', 'Move', 'merge', 'update', 'Delete').map((o) => ({ op: o, path: space.kind === 'User' ? 'title' : 'externalId', value: 'x' })) },
    {
      defect: 'path into a readOnly attribute',
      scimType: 'mutability',
      operation: fc.constantFrom<PatchOperation>(
        { op: op('replace'), path: 'id', value: 'another-id' }, { op: op('remove'), path: 'id' }, { op: op('add'), path: 'meta', value: { resourceType: 'Other' } },
        { op: op('replace'), path: 'meta.created', value: '2001-01-01T00:00:00Z' }, { op: op('remove'), path: 'meta' }, { op: op('replace'), path: 'meta.resourceType', value: 'Other' },
      ),
    },
    { defect: 'remove without path', scimType: 'noTarget', operation: fc.constant({ op: op('remove') }) },
    {
      defect: 'malformed path',
      scimType: 'invalidPath',
      operation: fc.constantFrom('emails[type eq "work"', 'emails[type eq]', `${attr}..givenName`, 'emails[type eq "work"]]', '[type eq "work"].value', `${attr}.`, 'noSuchAttribute', 'emails.value')
        .map((path) => ({ op: op('replace'), path, value: 'x' })),
    },
  ]
}

/** A broken operation among valid ones: the whole request must fail and change nothing (3.5.2 atomicity). */
export function invalidPatchArbitrary(space: PatchSpace): fc.Arbitrary<PatchCase> {
  const valid = operationArbitrary(space)
  const oracle = oracleVerdict(space)
  return fc.constantFrom(...defects(space)).chain((d) =>
    fc.tuple(fc.array(valid, { maxLength: 2 }), d.operation, fc.array(valid, { maxLength: 1 }))
      .map(([before, broken, after]) => patchOp([...before, broken, ...after]))
      .filter((request) => {
        const verdict = oracle(request)
        return !verdict.ok && verdict.scimType === d.scimType
      })
      .map((request) => ({ validity: 'invalid' as const, request, scimType: d.scimType, defect: d.defect })))
}
