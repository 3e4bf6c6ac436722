// The English locale alone: the package's root module loads every locale, which cost each worker a quarter second.
import { faker as englishFaker } from '@faker-js/faker/locale/en'
import type { Faker } from '@faker-js/faker'
import type { MappedAttribute, Profile } from '../profile.ts'
import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonObject, JsonValue } from '../scim/types.ts'

// The filter dataset's request bodies: users and groups from a faker seeded with the
// run seed, so the same seed gives the same bodies (ids aside, which the server assigns).
// Values are chosen to make filters interesting: names share prefixes and suffixes
// in varied letter case, multi-valued attributes carry several typed values, optional
// attributes are present on some users and absent on others, active is true and false.
// Every identifying value (userName, externalId, work email, displayName) starts with
// the dataset marker, so a filter on one of them can only match this dataset.

export const DATASET_USERS = 16
export const DATASET_GROUPS = 3

export interface DatasetBodies {
  readonly users: readonly JsonObject[]
  /** Group bodies without members, and the indexes (into `users`) of each group's members. */
  readonly groups: readonly { readonly body: JsonObject; readonly memberIndexes: readonly number[] }[]
}

const STEMS = ['ann', 'anna', 'annabel', 'bo', 'bob'] as const
const CASINGS = [(s: string) => s, (s: string) => s.toUpperCase(), (s: string) => s[0]!.toUpperCase() + s.slice(1)] as const
const DOMAINS = ['example.com', 'example.org', 'mail.example.com'] as const
const TEAMS = ['Alpha', 'alpha-Ops', 'Beta'] as const

/** Present on two users in three: optional attributes must be absent somewhere. */
const sometimes = (i: number, salt: number): boolean => (i + salt) % 3 !== 0

export function datasetBodies(seed: number, marker: string, profile: Profile): DatasetBodies {
  // Seeded here and used synchronously to the end, so the shared instance gives the same bodies for the same seed.
  const faker = englishFaker
  faker.seed(seed)
  const departments = [faker.commerce.department(), faker.commerce.department()]
  const titles = [faker.person.jobTitle(), faker.person.jobTitle(), 'Engineer']
  const users = Array.from({ length: DATASET_USERS }, (_, i) => pruneToProfile(fullUser(faker, marker, i, departments, titles), profile.user))
  const groups = TEAMS.map((team, g) => ({
    body: pruneToProfile({
      schemas: [SCHEMA_URN.group],
      displayName: `${marker}${team}`,
      ...(g !== 2 ? { externalId: `${marker}grp-${g}` } : {}),
    }, profile.group),
    memberIndexes: Array.from({ length: DATASET_USERS }, (_, i) => i).filter((i) => i % (g + 2) === 0),
  }))
  return { users, groups }
}

function fullUser(faker: Faker, marker: string, i: number, departments: readonly string[], titles: readonly string[]): JsonObject {
  const casing = CASINGS[i % CASINGS.length]!
  const stem = casing(STEMS[i % STEMS.length]!)
  const givenName = faker.person.firstName()
  const familyName = faker.person.lastName()
  const domain = DOMAINS[i % DOMAINS.length]!
  const local = `${stem}.${casing(familyName.toLowerCase())}${i}`
  const enterprise: JsonObject = {
    employeeNumber: String(1000 + i * 7),
    department: departments[i % departments.length]!,
    ...(sometimes(i, 1) ? { costCenter: `CC-${i % 4}` } : {}),
    ...(sometimes(i, 2) ? { organization: faker.company.name(), division: i % 2 === 0 ? 'North' : 'north-east' } : {}),
  }
  return {
    schemas: [SCHEMA_URN.user, SCHEMA_URN.enterpriseUser],
    userName: `${marker}${local}@${domain}`,
    ...(sometimes(i, 0) ? { externalId: `${marker}${casing('ext')}-${i}` } : {}),
    name: {
      givenName,
      familyName,
      formatted: `${givenName} ${familyName}`,
      ...(sometimes(i, 1) ? { middleName: faker.person.middleName() } : {}),
      ...(i % 4 === 0 ? { honorificPrefix: 'Dr.' } : {}),
      ...(i % 5 === 0 ? { honorificSuffix: 'Jr.' } : {}),
    },
    displayName: `${givenName} ${familyName}`,
    ...(sometimes(i, 2) ? { nickName: stem } : {}),
    ...(sometimes(i, 0) ? { title: titles[i % titles.length]! } : {}),
    userType: i % 2 === 0 ? 'Employee' : 'Contractor',
    ...(sometimes(i, 1) ? { preferredLanguage: i % 2 === 0 ? 'en-US' : 'en-GB', locale: i % 2 === 0 ? 'en-US' : 'fr-CA', timezone: 'Europe/Paris' } : {}),
    ...(i % 4 !== 1 ? { profileUrl: `https://profiles.example.com/${local}` } : {}),
    active: i % 3 !== 1,
    emails: [
      { value: `${marker}${local}@work.${domain}`, type: 'work', primary: true },
      ...(sometimes(i, 2) ? [{ value: `${local}@home.example.net`, type: 'home', primary: false }] : []),
    ],
    phoneNumbers: [
      { value: `+1 555 01${String(i).padStart(2, '0')}`, type: 'work' },
      ...(sometimes(i, 0) ? [{ value: faker.phone.number({ style: 'international' }), type: 'mobile' }] : []),
      ...(i % 4 === 2 ? [{ value: `+1 555 09${String(i).padStart(2, '0')}`, type: 'fax' }] : []),
    ],
    ...(sometimes(i, 1) ? { ims: [{ value: `${local}@xmpp.example.com`, type: 'xmpp' }] } : {}),
    ...(i % 3 === 0 ? { photos: [{ value: `https://photos.example.com/${i}.jpg`, type: 'photo' }] } : {}),
    addresses: [{
      type: 'work',
      streetAddress: faker.location.streetAddress(),
      locality: faker.location.city(),
      region: faker.location.state({ abbreviated: true }),
      postalCode: faker.location.zipCode('#####'),
      country: i % 2 === 0 ? 'US' : 'CA',
      formatted: `${i} Main St`,
    }],
    ...(sometimes(i, 2) ? { roles: [{ value: i % 2 === 0 ? 'admin' : 'Reader', primary: true }] } : {}),
    ...(i % 4 === 0 ? { entitlements: [{ value: 'licence-a', primary: true }] } : {}),
    [SCHEMA_URN.enterpriseUser]: enterprise,
  }
}

/**
 * Keeps only what the profile maps (an app accepts no more than its mapping), plus
 * "schemas" and the required name (userName, or a Group's displayName). A multi-valued attribute keeps the values
 * whose type the profile names (emails[type eq "work"].value keeps work emails).
 */
export function pruneToProfile(body: JsonObject, mapped: readonly MappedAttribute[]): JsonObject {
  const paths = mapped.map((m) => m.path.toLowerCase())
  const out: JsonObject = { schemas: body['schemas'] ?? [] }
  const required = (body['schemas'] as JsonValue[]).includes(SCHEMA_URN.group) ? 'displayName' : 'userName'
  for (const [key, value] of Object.entries(body)) {
    if (key === 'schemas') continue
    const lower = key.toLowerCase()
    if (key.includes(':')) {
      const kept = Object.entries(value as JsonObject).filter(([sub]) => paths.includes(`${lower}:${sub.toLowerCase()}`))
      if (kept.length > 0) out[key] = Object.fromEntries(kept)
      continue
    }
    const related = paths.filter((p) => p === lower || p.startsWith(`${lower}.`) || p.startsWith(`${lower}[`))
    if (related.length === 0 && key !== required) continue
    out[key] = keepMapped(value, lower, related)
  }
  if (!Object.keys(out).some((k) => k.includes(':'))) out['schemas'] = (out['schemas'] as JsonValue[]).filter((s) => s !== SCHEMA_URN.enterpriseUser)
  return out
}

function keepMapped(value: JsonValue, lower: string, related: readonly string[]): JsonValue {
  if (related.includes(lower) || related.length === 0) return value
  if (Array.isArray(value)) {
    const types = related.map((p) => /\[type eq "([^"]+)"\]/.exec(p)?.[1]).filter((t) => t !== undefined)
    return value.filter((v) => types.length === 0 || types.includes(String((v as JsonObject)['type'] ?? '').toLowerCase()))
  }
  if (typeof value === 'object' && value !== null) {
    const subs = related.map((p) => p.slice(lower.length + 1))
    return Object.fromEntries(Object.entries(value).filter(([sub]) => subs.includes(sub.toLowerCase())))
  }
  return value
}
