import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { UsageError } from '../src/errors.ts'
import { packageRoot } from '../src/paths.ts'
import { builtInProfiles, listProfiles, loadProfile } from '../src/profile.ts'
import type { MappedAttribute, MappedType, Profile } from '../src/profile.ts'

const sharedDir = path.resolve(packageRoot, '../shared')
const seedsDir = path.join(sharedDir, 'seeds')
const fixture = (name: string): string => `./test/fixtures/profiles/${name}`
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:'

interface TableRow {
  readonly path: string
  readonly type: string
  /** undefined when the table has no "Supported for filtering" column. */
  readonly filterable?: boolean
  /** undefined when the table has no "Required by <app>" column. */
  readonly required?: boolean
}
interface Seed {
  readonly file: string
  readonly app: string
  readonly text: string
}

function readSeeds(): Seed[] {
  if (!existsSync(seedsDir)) {
    throw new Error(`seed tutorials not found at ${seedsDir}: the tests expect the shared folder beside the repository (../shared/seeds)`)
  }
  return readdirSync(seedsDir).filter((file) => file.endsWith('.txt')).map((file) => {
    const text = readFileSync(path.join(seedsDir, file), 'utf8')
    const app = /^title: .*Configure (\w+) for automatic user provisioning/m.exec(text)?.[1]
    if (app === undefined) throw new Error(`${file}: no "Configure <App> for automatic user provisioning" title`)
    return { file, app: app.toLowerCase(), text }
  })
}

function seedFor(app: string): Seed {
  const seed = readSeeds().find((candidate) => candidate.app === app)
  if (seed === undefined) throw new Error(`no seed tutorial for ${app} in ${seedsDir}`)
  return seed
}

/** The markdown tables of a tutorial, in order (users first, then groups). */
function markdownTables(text: string): TableRow[][] {
  const tables: string[][][] = []
  let current: string[][] | undefined
  for (const line of text.split('\n')) {
    const trimmed = line.trim()
    if (!trimmed.startsWith('|')) {
      current = undefined
      continue
    }
    if (current === undefined) tables.push((current = []))
    current.push(trimmed.split('|').slice(1).map((cell) => cell.trim()))
  }
  return tables.map(([header = [], , ...rows]) => {
    const filterColumn = header.findIndex((cell) => /supported for filtering/i.test(cell))
    const requiredColumn = header.findIndex((cell) => /^required/i.test(cell))
    const mark = (row: string[], column: number): boolean | undefined =>
      column < 0 ? undefined : /&check;|✓/.test(row[column] ?? '')
    return rows.map((row) => ({
      path: row[0] ?? '',
      type: row[1] ?? '',
      filterable: mark(row, filterColumn),
      required: mark(row, requiredColumn),
    }))
  })
}

function expectRowsInProfile(rows: readonly TableRow[], attributes: readonly MappedAttribute[], matching: string | undefined): void {
  for (const row of rows) {
    const attribute = attributes.find((candidate) => candidate.path === row.path)
    expect(attribute, `row ${row.path} is missing from the profile`).toBeDefined()
    expect(attribute?.type, `type of ${row.path}`).toBe(row.type)
    // Without a filter column the profile may claim only the matching attribute as filterable.
    expect(attribute?.filterable, `filterable mark of ${row.path}`).toBe(row.filterable ?? row.path === matching)
    if (row.required !== undefined) expect(attribute?.required, `required mark of ${row.path}`).toBe(row.required)
  }
  expect(attributes.map((attribute) => attribute.path).sort()).toEqual(rows.map((row) => row.path).sort())
}

describe('built-in profiles', () => {
  it('listProfiles names exactly entra, rfc, zapier, zip, zscaler, zero, zendesk, each with a title', () => {
    const listed = listProfiles()
    expect(listed.map((entry) => entry.name)).toEqual(['entra', 'rfc', 'zapier', 'zip', 'zscaler', 'zero', 'zendesk'])
    for (const entry of listed) expect(entry.title.length).toBeGreaterThan(10)
  })

  it.each(builtInProfiles)('%s passes the profile schema and carries its own name', (name) => {
    const profile = loadProfile(name)
    expect(profile.name).toBe(name)
    expect(profile.provisions).toContain('User')
  })

  it('exactly the five seed apps name a seed tutorial, and each names an existing seed file', () => {
    const named = builtInProfiles.filter((name) => loadProfile(name).source.seed !== undefined)
    expect(named).toEqual(['zapier', 'zip', 'zscaler', 'zero', 'zendesk'])
    const files = readSeeds().map((seed) => seed.file)
    for (const name of named) expect(files).toContain(loadProfile(name).source.seed)
  })

  it('rfc marks every attribute filterable and uses the rfc dialect; the others use Entra shapes', () => {
    const rfc = loadProfile('rfc')
    expect(rfc.dialect).toBe('rfc')
    expect([...rfc.user, ...rfc.group].every((attribute) => attribute.filterable)).toBe(true)
    for (const name of builtInProfiles.filter((candidate) => candidate !== 'rfc')) expect(loadProfile(name).dialect).toBe('entra')
  })

  it('the rfc profile covers the RFC 7643 core, enterprise and group attributes', () => {
    const paths = new Set(loadProfile('rfc').user.map((attribute) => attribute.path.startsWith(ENT) ? attribute.path : attribute.path.replace(/\[.*\]/, '').split('.')[0]))
    const core = ['userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale',
      'timezone', 'active', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses', 'entitlements', 'roles', 'x509Certificates', 'externalId']
    const enterprise = ['employeeNumber', 'costCenter', 'organization', 'division', 'department', 'manager'].map((name) => ENT + name)
    for (const attribute of [...core, ...enterprise]) expect(paths, attribute).toContain(attribute)
    expect(loadProfile('rfc').group.map((attribute) => attribute.path)).toEqual(['displayName', 'externalId', 'members'])
  })
})

describe('seed tutorials with text tables: every row is in the profile', () => {
  it.each(['zapier', 'zip', 'zero'] as const)('%s', (app) => {
    const seed = seedFor(app)
    const profile = loadProfile(app)
    expect(profile.source.seed).toBe(seed.file)
    const tables = markdownTables(seed.text)
    expect(tables).toHaveLength(2)
    const [users = [], groups = []] = tables
    expect(users.length).toBeGreaterThan(0)
    expectRowsInProfile(users, profile.user, profile.matching.user)
    expectRowsInProfile(groups, profile.group, profile.matching.group)
  })
})

// Seeds 002 (Zscaler) and 004 (Zendesk) show the mapping only as screenshots. These are
// the text tables used instead (reference/apps.md sections 4.2-4.3 and 6.3-6.4).
const zscalerReference: { readonly user: TableRow[]; readonly group: TableRow[] } = {
  // MicrosoftDocs/entra-docs zscaler-provisioning-tutorial.md @ 0a977237 (ms.date 05/20/2025): exact text.
  user: [
    { path: 'userName', type: 'String', filterable: true, required: true },
    { path: 'externalId', type: 'String', filterable: false, required: true },
    { path: 'active', type: 'Boolean', filterable: false, required: true },
    { path: 'name.givenName', type: 'String', filterable: false, required: false },
    { path: 'name.familyName', type: 'String', filterable: false, required: false },
    { path: 'displayName', type: 'String', filterable: false, required: true },
    { path: `${ENT}department`, type: 'String', filterable: false, required: true },
  ],
  group: [
    { path: 'displayName', type: 'String', filterable: true, required: true },
    { path: 'members', type: 'Reference', filterable: false, required: false },
    { path: 'externalId', type: 'String', filterable: false, required: true },
  ],
}

// Zendesk fields evidenced in Entra's connector (inferred), and the SCIM attribute each is carried on.
const zendeskReference: readonly (TableRow & { readonly zendeskField: string; readonly resource: 'user' | 'group' })[] = [
  { zendeskField: 'email', resource: 'user', path: 'userName', type: 'String', filterable: true, required: true },
  { zendeskField: 'email', resource: 'user', path: 'emails[type eq "work"].value', type: 'String', filterable: false, required: false },
  { zendeskField: 'name', resource: 'user', path: 'displayName', type: 'String', filterable: false, required: true },
  { zendeskField: 'role', resource: 'user', path: 'roles[primary eq "True"].value', type: 'String', filterable: false, required: false },
  { zendeskField: 'custom_role_id', resource: 'user', path: 'entitlements[type eq "customRole"].value', type: 'String', filterable: false, required: false },
  { zendeskField: 'user_fields.department', resource: 'user', path: `${ENT}department`, type: 'String', filterable: false, required: false },
  { zendeskField: 'name (group)', resource: 'group', path: 'displayName', type: 'String', filterable: true, required: true },
  { zendeskField: 'group_memberships', resource: 'group', path: 'members', type: 'Reference', filterable: false, required: false },
]

describe('seed tutorials with screenshots: the reference text tables are in the profile', () => {
  it('zscaler: seed has no text table, its alt text counts match the reference table, every row is in the profile', () => {
    const seed = seedFor('zscaler')
    const profile = loadProfile('zscaler')
    expect(profile.source.seed).toBe(seed.file)
    expect(markdownTables(seed.text)).toEqual([])
    expect(seed.text).toContain('Attribute Mappings section with seven mappings displayed')
    expect(seed.text).toContain('Attribute Mappings section with three mappings displayed')
    expect(zscalerReference.user).toHaveLength(7)
    expect(zscalerReference.group).toHaveLength(3)
    expect(profile.source.mappingTable).toContain('0a977237e90af5bf769969f7e637304f61ffbf7a')
    expectRowsInProfile(zscalerReference.user, profile.user, profile.matching.user)
    expectRowsInProfile(zscalerReference.group, profile.group, profile.matching.group)
    expect(profile.limits).toMatchObject({ rateLimitPerSecond: 5, pageSize: 1000, groupsPerUser: 128 })
  })

  it('zendesk: seed shows screenshots only; the profile models the REST connector on SCIM and says so', () => {
    const seed = seedFor('zendesk')
    const profile = loadProfile('zendesk')
    expect(profile.source.seed).toBe(seed.file)
    expect(markdownTables(seed.text)).toEqual([])
    expect(seed.text).toContain('ZenDesk11.png')
    expect(seed.text).toContain('ZenDesk13.png')
    expect(profile.connectorProtocol).toBe('vendor-rest-api')
    expect(profile.source.confidence).toBe('inferred')
    expect(profile.notes?.some((note) => note.includes('REST API, not SCIM'))).toBe(true)
    expect(profile.auth.kind).toBe('basic-api-token')
    for (const resource of ['user', 'group'] as const) {
      expectRowsInProfile(zendeskReference.filter((row) => row.resource === resource), profile[resource], profile.matching[resource])
    }
  })
})

describe('entra profile: the default mapping of reference/entra-provisioning.md section 2.13', () => {
  it('has every target of the default user and group mapping', () => {
    const reference = readFileSync(path.join(sharedDir, 'reference', 'entra-provisioning.md'), 'utf8')
    const section = reference.slice(reference.indexOf('Default user mapping reference'), reference.indexOf('* Null handling'))
    const targets = [...section.matchAll(/`[^`→]+→([^`]+)`/g)].map((match) => (match[1] ?? '').replace('urn:…:enterprise:2.0:User:', ENT))
    const groupTargets = targets.slice(targets.indexOf('userName') + 1)
    const userTargets = targets.slice(0, targets.indexOf('userName') + 1)
    expect(userTargets).toHaveLength(18)
    expect(groupTargets).toEqual(['displayName', 'members', 'externalId'])
    const profile = loadProfile('entra')
    expect(profile.user.map((attribute) => attribute.path).sort()).toEqual([...userTargets].sort())
    expect(profile.group.map((attribute) => attribute.path)).toEqual(groupTargets)
    const typeOf = (path: string): MappedType | undefined => profile.user.find((attribute) => attribute.path === path)?.type
    expect(typeOf('active')).toBe('Boolean')
    expect(typeOf(`${ENT}manager`)).toBe('Reference')
    expect(profile.user.filter((attribute) => attribute.filterable).map((attribute) => attribute.path).sort())
      .toEqual(['emails[type eq "work"].value', 'externalId', 'userName'])
  })
})

function usageErrorOf(load: () => Profile): UsageError {
  try {
    load()
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    const usage = error as UsageError
    expect(usage.exitCode).toBe(2)
    expect(usage.message).not.toContain('\n')
    return usage
  }
  throw new Error('expected a UsageError, but the profile loaded')
}

describe('malformed profiles give a one-line UsageError naming the file and the JSON pointer', () => {
  it('accepts the well-formed fixture the others are derived from', () => {
    expect(loadProfile(fixture('valid.json')).name).toBe('my-app')
  })

  it.each([
    ['wrong-type.json', '/user/3/type: must be one of String, Boolean, Integer, DateTime, Reference, Binary (got "string"; did you mean "String"?)'],
    ['missing-name.json', '/name: missing required field'],
    ['unknown-field.json', '/limit: unknown field; did you mean "limits"?'],
    ['matching-not-filterable.json', '/user/1/filterable: must be true, "active" is the matching attribute'],
    ['precedence-not-filterable.json', '/user/2/filterable: must be true when matchingPrecedence is set (got false)'],
  ])('%s', (file, expected) => {
    const error = usageErrorOf(() => loadProfile(fixture(file)))
    expect(error.message.startsWith(`${fixture(file)} ${expected}`), error.message).toBe(true)
  })

  it('bad JSON names the file and the line and column', () => {
    const error = usageErrorOf(() => loadProfile(fixture('bad-json.json')))
    expect(error.message).toMatch(/^\.\/test\/fixtures\/profiles\/bad-json\.json: not valid JSON: .*\(line 4, column 1\)$/)
  })

  it('a missing file is a UsageError naming the file', () => {
    expect(usageErrorOf(() => loadProfile(fixture('absent.json'))).message).toBe(`${fixture('absent.json')}: cannot read the profile (no such file)`)
  })

  it('an unknown built-in name lists the built-in names', () => {
    expect(usageErrorOf(() => loadProfile('zipp')).message)
      .toBe('unknown profile "zipp": did you mean "zip"? built-in profiles are entra, rfc, zapier, zip, zscaler, zero, zendesk; for your own, pass a path such as ./my-app.json')
  })
})
