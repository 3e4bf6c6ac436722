// Per-app profiles: what one Entra provisioning connector maps and sends.
// The JSON files are validated once at the boundary (schemas/profile.schema.json
// plus the cross-field rules below); everything downstream trusts the Profile type.

import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import { UsageError } from './errors.ts'
import { packageRoot, profilesDir, schemasDir } from './paths.ts'

export const builtInProfiles = ['entra', 'rfc', 'zapier', 'zip', 'zscaler', 'zero', 'zendesk'] as const
export type BuiltInProfileName = (typeof builtInProfiles)[number]

/** rfc: RFC 7644 shapes. entra: Entra's default scim job (Add/Replace, "False"). entra-flag: Entra with ?aadOptscim062020. */
export type Dialect = 'rfc' | 'entra' | 'entra-flag'
export type ResourceKind = 'User' | 'Group'
/** Types as Entra's attribute editor and the gallery tutorials write them. */
export type MappedType = 'String' | 'Boolean' | 'Integer' | 'DateTime' | 'Reference' | 'Binary'

interface MappedAttributeBase {
  /** Entra's target path form: userName, name.givenName, emails[type eq "work"].value, urn:…:User:manager. */
  readonly path: string
  readonly type: MappedType
  readonly required: boolean
  readonly note?: string
}
/** Only a filterable attribute can be a matching attribute: Entra matches with `filter=<path> eq "…"`. */
export type MappedAttribute =
  | (MappedAttributeBase & { readonly filterable: true; readonly matchingPrecedence?: number })
  | (MappedAttributeBase & { readonly filterable: false })

export interface ProfileSource {
  readonly document: string
  readonly url?: string
  /** Where the attribute rows come from (the tutorial's text table, or the text table used instead of a screenshot). */
  readonly mappingTable: string
  readonly confidence: 'exact-text' | 'reconstructed' | 'inferred'
  readonly note?: string
}

/** The credentials Entra's connector asks for; documentation only, the run's credentials come from flags. */
export interface ConnectorAuth {
  readonly kind: 'bearer' | 'oauth-client-credentials' | 'oauth-authorization-code' | 'basic-api-token'
  readonly credentials: readonly string[]
  readonly tenantUrl?: string
}

export interface ProfileLimits {
  readonly rateLimitPerSecond?: number
  readonly rateLimitPerMinute?: number
  readonly pageSize?: number
  readonly groupsPerUser?: number
  readonly note?: string
}

export interface Profile {
  readonly name: string
  readonly title: string
  readonly source: ProfileSource
  /** 'vendor-rest-api': Entra's connector is not SCIM (Zendesk); the profile models its fields on a SCIM endpoint. */
  readonly connectorProtocol: 'scim' | 'vendor-rest-api'
  /**
   * true: a survey of the RFC's attributes; the server is judged only on those it advertises.
   * Otherwise the app sends every mapped attribute, advertised or not (profile.attributes-advertised).
   */
  readonly judgeAdvertisedOnly?: boolean
  readonly dialect: Dialect
  readonly provisions: readonly ResourceKind[]
  /** Precedence-1 matching attribute per resource type; `group` is present exactly when Groups are provisioned. */
  readonly matching: { readonly user: string; readonly group?: string }
  readonly user: readonly MappedAttribute[]
  readonly group: readonly MappedAttribute[]
  readonly auth: ConnectorAuth
  readonly limits?: ProfileLimits
  readonly notes?: readonly string[]
}

let compiled: ValidateFunction | undefined
function validator(): ValidateFunction {
  if (compiled === undefined) {
    const schema = JSON.parse(readFileSync(path.join(schemasDir, 'profile.schema.json'), 'utf8')) as object
    compiled = new Ajv2020({ verbose: true }).compile(schema)
  }
  return compiled
}

function isBuiltIn(name: string): name is BuiltInProfileName {
  return (builtInProfiles as readonly string[]).includes(name)
}

/** A built-in profile name, or a path to a profile JSON file. Throws a one-line UsageError on any problem. */
export function loadProfile(nameOrPath: string): Profile {
  if (isBuiltIn(nameOrPath)) {
    const file = path.join(profilesDir, `${nameOrPath}.json`)
    return parseProfile(file, path.relative(packageRoot, file))
  }
  if (!/[\\/]|\.json$/i.test(nameOrPath)) {
    const hint = suggestion(nameOrPath, builtInProfiles, ' ')
    throw new UsageError(`unknown profile "${nameOrPath}":${hint} built-in profiles are ${builtInProfiles.join(', ')}; for your own, pass a path such as ./my-app.json`)
  }
  return parseProfile(path.resolve(nameOrPath), nameOrPath)
}

export function listProfiles(): { name: BuiltInProfileName; title: string }[] {
  return builtInProfiles.map((name) => ({ name, title: loadProfile(name).title }))
}

function parseProfile(file: string, shown: string): Profile {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    throw new UsageError(`${shown}: cannot read the profile (${code === 'ENOENT' ? 'no such file' : code})`)
  }
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new UsageError(`${shown}: not valid JSON: ${jsonErrorText(error, text)}`)
  }
  const validate = validator()
  if (!validate(data)) {
    const [first] = validate.errors ?? []
    throw new UsageError(first === undefined ? `${shown}: invalid profile` : `${shown} ${describeAjvError(first)}`)
  }
  const profile = data as Profile
  const problem = crossFieldProblem(profile)
  if (problem !== undefined) throw new UsageError(`${shown} ${problem}`)
  return profile
}

function jsonErrorText(error: unknown, text: string): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ')
  const position = /at position (\d+)/.exec(message)?.[1]
  if (position === undefined) return message
  const before = text.slice(0, Number(position)).split('\n')
  return `${message} (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1')
const shownValue = (value: unknown): string => {
  const json = JSON.stringify(value) ?? String(value)
  return json.length > 60 ? `${json.slice(0, 57)}...` : json
}

/** `<json pointer>: <problem>`, the pointer aimed at the offending field itself. */
function describeAjvError(error: ErrorObject): string {
  const at = error.instancePath
  const params = error.params as Record<string, unknown>
  switch (error.keyword) {
    case 'required':
      return `${at}/${escapePointer(String(params['missingProperty']))}: missing required field`
    case 'additionalProperties': {
      const field = String(params['additionalProperty'])
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {})
      return `${at}/${escapePointer(field)}: unknown field${suggestion(field, allowed, '; ')} (allowed: ${allowed.join(', ')})`
    }
    case 'enum': {
      const allowed = (params['allowedValues'] as unknown[]).map(String)
      return `${at}: must be one of ${allowed.join(', ')} (got ${shownValue(error.data)}${suggestion(String(error.data), allowed, '; ')})`
    }
    case 'const': {
      const why = error.schemaPath.includes('/then/') ? ' when matchingPrecedence is set' : ''
      return `${at}: must be ${shownValue(params['allowedValue'])}${why} (got ${shownValue(error.data)})`
    }
    default:
      return `${at}: ${error.message ?? error.keyword} (got ${shownValue(error.data)})`
  }
}

function suggestion(got: string, allowed: readonly string[], lead: string): string {
  const near = allowed.find((candidate) => candidate.toLowerCase() === got.toLowerCase())
    ?? allowed.find((candidate) => editDistance(candidate.toLowerCase(), got.toLowerCase()) <= 2)
  return near === undefined ? '' : `${lead}did you mean "${near}"?`
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.length] ?? 0
}

/** Rules a JSON Schema cannot state: matching attributes exist and are filterable, lists agree with `provisions`. */
function crossFieldProblem(profile: Profile): string | undefined {
  const hasGroups = profile.provisions.includes('Group')
  if (hasGroups && profile.group.length === 0) return '/group: provisions includes Group but no group attribute is mapped'
  if (!hasGroups && profile.group.length > 0) return '/group: provisions has no Group, so the list must be empty'
  if (hasGroups && profile.matching.group === undefined) return '/matching/group: missing required field (provisions includes Group)'
  if (!hasGroups && profile.matching.group !== undefined) return '/matching/group: provisions has no Group'
  for (const kind of ['user', 'group'] as const) {
    const list = profile[kind]
    const seen = new Map<string, number>()
    const precedences = new Map<number, number>()
    for (const [index, attribute] of list.entries()) {
      const earlier = seen.get(attribute.path)
      if (earlier !== undefined) return `/${kind}/${index}/path: duplicates /${kind}/${earlier}/path ("${attribute.path}")`
      seen.set(attribute.path, index)
      if (attribute.filterable && attribute.matchingPrecedence !== undefined) {
        const other = precedences.get(attribute.matchingPrecedence)
        if (other !== undefined) return `/${kind}/${index}/matchingPrecedence: ${attribute.matchingPrecedence} is already used by /${kind}/${other}`
        precedences.set(attribute.matchingPrecedence, index)
      }
    }
    const matching = profile.matching[kind]
    if (matching === undefined) continue
    const index = seen.get(matching)
    if (index === undefined) return `/matching/${kind}: "${matching}" is not a path in /${kind}`
    const attribute = list[index]
    if (attribute !== undefined && !attribute.filterable) return `/${kind}/${index}/filterable: must be true, "${matching}" is the matching attribute (Entra matches with eq)`
    if (attribute?.filterable && attribute.matchingPrecedence !== undefined && attribute.matchingPrecedence !== 1) {
      return `/${kind}/${index}/matchingPrecedence: must be 1, "${matching}" is /matching/${kind}`
    }
    const first = precedences.get(1)
    if (first !== undefined && first !== index) return `/${kind}/${first}/matchingPrecedence: 1 belongs to /matching/${kind} ("${matching}")`
  }
  return undefined
}
