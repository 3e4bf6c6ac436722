import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot, tempDir } from './helpers.ts'
import { profileTemplate } from '../src/cli/profile-template.ts'
import { UsageError } from '../src/errors.ts'
import { builtInProfiles, listProfiles, loadProfile } from '../src/profile.ts'
import type { MappedAttribute, MappedType, Profile } from '../src/profile.ts'
import { entraDefaultMapping, galleryTutorial, textTablesOf, tutorialFixtureNames } from './tutorial-mappings.ts'
import type { TableRow } from './tutorial-mappings.ts'

const fixture = (name: string): string => `./test/fixtures/profiles/${name}`
const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:'
const galleryApps = ['zapier', 'zip', 'zscaler', 'zero', 'zendesk'] as const

function expectCitesRevision(profile: Profile, revision: { readonly url: string; readonly msDate: string }): void {
  expect(profile.source.url, `${profile.name} cites the tutorial's url`).toBe(revision.url)
  expect(profile.source.document, `${profile.name} cites the tutorial's ms.date`).toContain(`ms.date ${revision.msDate}`)
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

  it('exactly the five gallery apps have a tutorial fixture, and each profile cites its url and ms.date', () => {
    const apps = tutorialFixtureNames().filter((name) => name !== 'entra').map((name) => galleryTutorial(name).app)
    expect([...new Set(apps)].sort()).toEqual([...galleryApps].sort())
    for (const app of galleryApps) expectCitesRevision(loadProfile(app), galleryTutorial(app))
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

describe('tutorials with text tables: every row is in the profile', () => {
  it.each(['zapier', 'zip', 'zero'] as const)('%s', (app) => {
    const profile = loadProfile(app)
    expectCitesRevision(profile, galleryTutorial(app))
    const { user: users, group: groups } = textTablesOf(app)
    expect(users.length).toBeGreaterThan(0)
    expectRowsInProfile(users, profile.user, profile.matching.user)
    expectRowsInProfile(groups, profile.group, profile.matching.group)
  })
})

// Zendesk fields evidenced in Entra's connector (inferred), and the SCIM attribute each is carried on. Evidence:
// Zendesk's "Does Zendesk support SCIM?" (user_fields.department in Entra's Zendesk schema), MicrosoftDocs/azure-docs#100996
// (custom_role_id), MicrosoftDocs/entra-docs#251 (role sent on every update); the tutorial names groups and memberships.
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

function screenshotsOf(app: string): readonly { readonly image: string; readonly alt: string }[] {
  const tutorial = galleryTutorial(app)
  expect(tutorial.mappingShownAs, `${app} shows its mapping as screenshots`).toBe('screenshots')
  return tutorial.mappingShownAs === 'screenshots' ? tutorial.mappingScreenshots : []
}

describe('tutorials with screenshots: the text tables used instead are in the profile', () => {
  it('zscaler: the cited revision has no text table, its alt text counts match the newer revision\'s tables, every row is in the profile', () => {
    const profile = loadProfile('zscaler')
    expectCitesRevision(profile, galleryTutorial('zscaler'))
    const alts = screenshotsOf('zscaler').map((screenshot) => screenshot.alt)
    expect(alts.some((alt) => alt.includes('Attribute Mappings section with seven mappings displayed'))).toBe(true)
    expect(alts.some((alt) => alt.includes('Attribute Mappings section with three mappings displayed'))).toBe(true)
    const newer = galleryTutorial('zscaler-0a977237')
    const { user, group } = textTablesOf('zscaler-0a977237')
    expect(user).toHaveLength(7)
    expect(group).toHaveLength(3)
    expect(newer.url).toContain('0a977237e90af5bf769969f7e637304f61ffbf7a')
    expect(profile.source.mappingTable).toContain('0a977237e90af5bf769969f7e637304f61ffbf7a')
    expectRowsInProfile(user, profile.user, profile.matching.user)
    expectRowsInProfile(group, profile.group, profile.matching.group)
    expect(profile.limits).toMatchObject({ rateLimitPerSecond: 5, pageSize: 1000, groupsPerUser: 128 })
  })

  it('zendesk: the tutorial shows screenshots only; the profile models the REST connector on SCIM and says so', () => {
    const profile = loadProfile('zendesk')
    expectCitesRevision(profile, galleryTutorial('zendesk'))
    const images = screenshotsOf('zendesk').map((screenshot) => screenshot.image)
    expect(images.some((image) => image.endsWith('/ZenDesk11.png'))).toBe(true)
    expect(images.some((image) => image.endsWith('/ZenDesk13.png'))).toBe(true)
    expect(profile.connectorProtocol).toBe('vendor-rest-api')
    expect(profile.source.confidence).toBe('inferred')
    expect(profile.notes?.some((note) => note.includes('REST API, not SCIM'))).toBe(true)
    expect(profile.auth.kind).toBe('basic-api-token')
    for (const resource of ['user', 'group'] as const) {
      expectRowsInProfile(zendeskReference.filter((row) => row.resource === resource), profile[resource], profile.matching[resource])
    }
  })
})

describe('entra profile: the default mapping of the SCIM endpoint tutorial, "Design your user and group schema"', () => {
  it('has every target of the default user and group mapping', () => {
    const mapping = entraDefaultMapping()
    expect(mapping.section).toBe('Design your user and group schema')
    const userTargets = mapping.user.map((pair) => pair.target)
    const groupTargets = mapping.group.map((pair) => pair.target)
    expect(userTargets).toHaveLength(18)
    expect(groupTargets).toEqual(['displayName', 'members', 'externalId'])
    const profile = loadProfile('entra')
    expectCitesRevision(profile, mapping)
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

describe('the README', () => {
  it('shows a custom profile that loads as it is written', () => {
    const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
    const section = readme.slice(readme.indexOf('### Your own profile'))
    const json = /```json\n([\s\S]*?)\n```/.exec(section)?.[1]
    expect(json, 'a ```json block under "Your own profile"').toBeDefined()
    const file = path.join(tempDir('readme-profile'), 'my-app.json')
    writeFileSync(file, json!)
    const profile = loadProfile(file)
    expect(profile).toMatchObject({ name: 'my-app', dialect: 'entra', matching: { user: 'userName', group: 'displayName' } })
    expect(profile.user.map((a) => a.path)).toContain('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department')
    // `scim-conform profiles init` writes the same starting profile.
    expect(profileTemplate.trim()).toBe(json!.trim())
  })
})
