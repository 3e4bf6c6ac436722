import { describe, expect, it } from 'vitest'
import { levelOf, observableRequirements, requirementIds, requirements, type Requirement } from '../src/catalogue/index.ts'
import { entra } from '../src/catalogue/entra.ts'
import { rfc7643 } from '../src/catalogue/rfc7643.ts'
import { rfc7644 } from '../src/catalogue/rfc7644.ts'
import { httpAuth } from '../src/catalogue/http-auth.ts'

// Section numbers as the documents number them (RFC tables of contents; the
// numbered sections of the Entra catalogue), so a typo such as 3.4.2.7 fails.
const SECTIONS: Record<Requirement['source'], readonly string[]> = {
  RFC7643: [
    '1', '1.1', '1.2', '2', '2.1', '2.2', '2.3', '2.3.1', '2.3.2', '2.3.3', '2.3.4', '2.3.5', '2.3.6', '2.3.7', '2.3.8',
    '2.4', '2.5', '3', '3.1', '3.2', '3.3', '4', '4.1', '4.1.1', '4.1.2', '4.2', '4.3', '5', '6', '7',
    '8', '8.1', '8.2', '8.3', '8.4', '8.5', '8.6', '8.7', '8.7.1', '8.7.2', '9', '9.1', '9.2', '9.3', '9.4', '10',
  ],
  RFC7644: [
    '1', '1.1', '1.2', '1.3', '2', '2.1', '2.2', '3', '3.1', '3.2', '3.3', '3.3.1', '3.4', '3.4.1', '3.4.2',
    '3.4.2.1', '3.4.2.2', '3.4.2.3', '3.4.2.4', '3.4.2.5', '3.4.3', '3.5', '3.5.1', '3.5.2', '3.5.2.1', '3.5.2.2',
    '3.5.2.3', '3.6', '3.7', '3.7.1', '3.7.2', '3.7.3', '3.7.4', '3.8', '3.9', '3.10', '3.11', '3.12', '3.13', '3.14',
    '4', '5', '6', '6.1', '6.2', '7', '7.1', '7.2', '7.3', '7.4', '7.5', '7.5.1', '7.5.2', '7.6', '7.7', '7.8', '8',
  ],
  RFC7235: ['3.1'],
  RFC6750: ['3'],
  Entra: [
    '1.1', '1.2', '1.2.1', '1.2.2', '1.2.3', '1.2.4', '1.2.5', '1.2.6', '1.2.7', '1.2.8', '1.3', '1.4', '1.5',
    '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '2.8', '2.9', '2.10', '2.11', '2.12', '2.13', '2.14', '2.15',
    '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4', '4.5', '5.1', '5.2', '5.3', '5.4', '5.5',
  ],
}

const PREFIX: Record<Requirement['source'], string> = { RFC7643: 'rfc7643', RFC7644: 'rfc7644', RFC7235: 'rfc7235', RFC6750: 'rfc6750', Entra: 'entra' }
// Ids cited by checks before Entra ids carried section numbers; kept for stability.
const LEGACY_ENTRA_SEGMENTS = new Set(['test-connection', 'auth'])

// Entra MUSTs whose page (the entry's url) has no sentence with must, shall or required that states
// the rule; they rest on the page's examples or on Entra's observed requests. The list may only shrink.
const UNQUOTED_ENTRA_MUSTS = [
  // The SCIM tutorial shows these by example, or words them with should or "Don't require".
  'entra:test-connection:empty-list', 'entra:1.5:content-type-charset', 'entra:1.1:groups-probe', 'entra:1.2.1:plus-encoded-filter',
  'entra:1.2.4:replace-keeps-other-values', 'entra:1.2.6:manager-persisted', 'entra:1.3:group-create-without-members',
  'entra:1.3:remove-member-keeps-others', 'entra:2.1:duplicate-409', 'entra:2.1:get-unknown-404', 'entra:2.1:filter-no-match-200',
  'entra:2.1:patch-user-200-204', 'entra:2.1:delete-204', 'entra:2.1:invalid-credentials-401', 'entra:2.2:query-list-response',
  'entra:2.2:content-type', 'entra:2.2:parseable-types', 'entra:2.2:single-match', 'entra:2.2:client-meta-ignored',
  'entra:2.3:op-case-insensitive', 'entra:2.3:filter-value-case', 'entra:2.3:path-name-case', 'entra:2.6:pathless-flattened-keys',
  'entra:2.6:string-booleans', 'entra:2.6:manager-bare-string', 'entra:2.6:clear-empty-or-null', 'entra:2.6:ordered-atomic',
  'entra:2.7:matching-unique', 'entra:2.7:extension-without-schemas-uri', 'entra:auth:reject-invalid-token',
  // Worded as rules with (Required) only on the gallery-listing page, or (2.11) on the SCIM tutorial, not on their own url.
  'entra:2.10:client-secret-basic', 'entra:2.10:client-credentials', 'entra:2.10:access-token-lifetime',
  'entra:2.10:no-long-lived-auth-for-gallery', 'entra:2.10:client-secret-expiry', 'entra:2.15:test-credentials',
  'entra:2.9:schemas-no-nulls', 'entra:2.9:schemas-camel-case', 'entra:2.11:https', 'entra:2.11:tls-1.2-only',
  'entra:2.11:cipher-suites', 'entra:2.11:key-size', 'entra:2.11:root-ca', 'entra:2.11:source-ips',
  // How-provisioning-works, the attribute-mapping page and the validator tutorial state none of these with must.
  'entra:1.2.8:recreate-after-delete', 'entra:2.13:default-mapping-targets', 'entra:4.4:pathless-username-replace',
  // The SCIM tutorial's list of what an application must support names the operation, not this rule
  // (201, the paging fields, these PATCH path forms); its error example says only that detail isn't required.
  'entra:2.1:create-201', 'entra:2.5:start-index-echo', 'entra:2.5:items-per-page', 'entra:2.2:error-body',
  'entra:2.6:dotted-paths', 'entra:2.6:value-filter-paths', 'entra:2.6:urn-paths', 'entra:2.6:members-filter-remove',
  // The SCIM compatibility page shows what Entra sends and states no rule.
  'entra:1.2.5:disabled-user-retrievable', 'entra:1.2.5:reenable', 'entra:3.3:flag-in-url', 'entra:3.3:mixed-path-and-pathless',
  'entra:3.4:capitalized-op', 'entra:3.4:string-primary', 'entra:3.4:remove-members-value-array', 'entra:3.4:member-ref-null',
  'entra:3.4:manager-read-back-complex', 'entra:3.4:manager-removal', 'entra:3.4:add-filter-creates-value',
  'entra:3.4:sub-attribute-ops-merge', 'entra:3.4:extra-group-schema', 'entra:3.4:post-nulls-and-empty',
]

const entries = Object.entries(requirements) as [string, Requirement][]
const entraSection = (section: string): string | undefined => /^\d+(?:\.\d+)*$/.exec(section)?.[0]

describe('requirement catalogue', () => {
  it('quotes the source for a MUST only with MUST, SHALL or REQUIRED in the quote (a failure at MUST needs one)', () => {
    const quoted = entries.filter(([, r]) => r.text !== undefined)
    expect(quoted.length).toBeGreaterThan(0)
    const unquoted = (entra: boolean) => entries.filter(([, r]) => (r.source === 'Entra') === entra && r.level === 'MUST' && r.text === undefined).map(([id]) => id).sort()
    expect(unquoted(false), 'RFC MUST requirements without the quoted sentence').toEqual([])
    expect(unquoted(true), 'Entra MUST requirements without a quote, against the known list').toEqual([...UNQUOTED_ENTRA_MUSTS].sort())
    const keyword = { MUST: /\b(MUST|SHALL|REQUIRED)\b/, SHOULD: /\b(SHOULD|RECOMMENDED)\b/, MAY: /\b(MAY|OPTIONAL)\b/ } as const
    // Microsoft writes its rules in lower case ("must", "(Required)"); the RFCs' keywords count only in capitals.
    const hasKeyword = ([, r]: [string, Requirement]) => (r.source === 'Entra' ? new RegExp(keyword[r.level].source, 'i') : keyword[r.level]).test(r.text!)
    const wrong = quoted.filter((entry) => !hasKeyword(entry)).map(([id, r]) => `${id} (${r.level}): ${r.text}`)
    expect(wrong).toEqual([])
  })

  it('merges the source files without losing or overriding an id', () => {
    const parts = [rfc7643, rfc7644, httpAuth, entra].map((part) => Object.keys(part))
    expect(parts.flat().length).toBe(requirementIds.length)
    expect(new Set(parts.flat()).size).toBe(requirementIds.length)
    for (const id of Object.keys(rfc7643)) expect(id.startsWith('rfc7643:')).toBe(true)
    for (const id of Object.keys(rfc7644)) expect(id.startsWith('rfc7644:')).toBe(true)
    for (const id of Object.keys(entra)) expect(id.startsWith('entra:')).toBe(true)
    for (const id of Object.keys(httpAuth)) expect(id).toMatch(/^rfc(7235|6750):/)
  })

  it('has ids of the form <source>:<section>:<kebab-name> that agree with the entry', () => {
    for (const [id, r] of entries) {
      const match = /^(rfc7643|rfc7644|rfc7235|rfc6750|entra):([0-9][0-9.]*|[a-z][a-z-]*):([a-z0-9]+(?:[.-][a-z0-9]+)*)$/.exec(id)
      expect(match, id).not.toBeNull()
      const [, prefix, segment] = match!
      expect(prefix, id).toBe(PREFIX[r.source])
      if (r.source === 'Entra') {
        if (!LEGACY_ENTRA_SEGMENTS.has(segment!)) expect(segment, id).toBe(entraSection(r.section))
      } else {
        expect(segment, id).toBe(r.section)
      }
    }
  })

  it('links every Entra requirement to the Microsoft page that documents it, never to a file of ours', () => {
    for (const [id, r] of entries.filter(([, r]) => r.source === 'Entra')) {
      expect(r.url, id).toMatch(/^https:\/\/learn\.microsoft\.com\/en-us\/entra\//)
      expect(r.title, id).toBeTruthy()
      expect(`${r.section} ${r.title} ${r.summary}`, id).not.toMatch(/\.md\b/)
    }
  })

  it('cites only sections that exist in the source document', () => {
    for (const [id, r] of entries) {
      const number = r.source === 'Entra' ? entraSection(r.section) : r.section
      expect(number, `${id}: ${r.section}`).toBeDefined()
      expect(SECTIONS[r.source], `${id}: ${r.section}`).toContain(number)
    }
  })

  it('uses valid levels, short summaries and non-empty unobservable reasons', () => {
    for (const [id, r] of entries) {
      expect(['MUST', 'SHOULD', 'MAY'], id).toContain(r.level)
      expect(r.summary.trim().length, id).toBeGreaterThan(10)
      expect(r.summary.length, id).toBeLessThanOrEqual(200)
      expect(r.summary, id).not.toContain('\n')
      if ('unobservable' in r) expect(r.unobservable?.trim().length, id).toBeGreaterThan(10)
    }
  })

  it('keeps the ids that checks cited before the catalogue grew', () => {
    for (const id of [
      'rfc7644:3.3:created-201', 'rfc7644:3.3:location-header', 'rfc7643:3.1:id-assigned', 'rfc7643:3.1:meta',
      'rfc7643:3:schemas', 'rfc7644:3.3:uniqueness-409', 'rfc7644:3.4.1:get-by-id', 'rfc7644:3.12:not-found-404',
      'rfc7644:3.12:error-schema', 'rfc7644:3.4.2.2:filter-eq', 'rfc7643:2.2:case-insensitive-string',
      'rfc7644:3.4.2:empty-list-200', 'rfc7644:3.6:delete-204', 'rfc7644:3.6:deleted-not-found',
      'rfc7644:4:service-provider-config', 'rfc7644:4:schemas', 'rfc7644:4:resource-types', 'rfc7644:2:authentication',
      'entra:test-connection:empty-list', 'entra:auth:reject-invalid-token',
      'rfc7644:3.1:content-type', 'rfc7643:2:attribute-types',
    ]) expect(requirementIds, id).toContain(id)
  })

  it('is broad enough to measure coverage against', () => {
    const observable = observableRequirements()
    expect(requirementIds.length).toBeGreaterThanOrEqual(200)
    expect(observable.length).toBeGreaterThanOrEqual(150)
    expect(observable.every((id) => (requirements[id] as Requirement).unobservable === undefined)).toBe(true)
    for (const source of ['RFC7643', 'RFC7644', 'Entra'] as const) {
      expect(observable.filter((id) => requirements[id].source === source).length, source).toBeGreaterThanOrEqual(40)
    }
  })

  it('derives a check level from the strongest requirement', () => {
    expect(levelOf(['rfc7644:3.4.2.4:count-fewer', 'rfc7644:3.4.2.2:filter-operators-supported'])).toBe('SHOULD')
    expect(levelOf(['rfc7644:3.4.2.4:count-fewer', 'rfc7644:3.3:created-201'])).toBe('MUST')
    expect(levelOf(['rfc7644:3.4.2.4:count-fewer'])).toBe('MAY')
  })
})
