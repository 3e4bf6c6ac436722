import type { Advertised } from '../src/kit/advertised.ts'
import fc from 'fast-check'
import { check, type CheckContext } from '../src/kit/check.ts'
import { CheckFailure, ensure, ensureStatus } from '../src/kit/check-failure.ts'
import { forAll } from '../src/kit/property.ts'
import { expectedIds, lookupFor, sharedDataset, type Dataset } from '../src/kit/dataset.ts'
import { malformedCorpus } from '../src/arbitraries/malformed-corpus.ts'
import { entraFilter, filterTargets, isScoped, malformedFilter, rfcFilter, scopeFilter, type FilterLevel } from '../src/arbitraries/filters.ts'
import { formatEntraFilter, formatFilter } from '../src/scim/filter/format.ts'
import type { Filter } from '../src/scim/filter/ast.ts'
import type { HttpResponse, ResourceKind, ScimClient } from '../src/kit/types.ts'
import type { RunConfig } from '../src/kit/run-config.ts'
import { resourcesOf } from '../src/kit/resources.ts'
import { confiningFilter } from '../src/kit/confining-filter.ts'
import { parseFilter } from '../src/scim/filter/parse.ts'
import { createUserBody } from '../src/entra/requests.ts'
import { profileValues, withValues } from '../src/kit/profile-values.ts'
import type { ScimResource } from '../src/scim/types.ts'

// Generated filters against the local oracle (RFC 7644 section 3.4.2.2): for each
// filter, the dataset resources the target returns across all pages must be exactly
// those the oracle selects; resources outside the dataset are ignored unless the filter
// is confined to the dataset, where they are wrong and totalResults must be exact.

const verifiesEntraUsers = ['rfc7644:3.4.2.2:filter-eq', 'rfc7644:3.4.2.2:filter-and', 'rfc7644:3.4.2.2:filter-only-matching', 'rfc7644:3.4.2.2:filter-case-exact', 'rfc7644:3.4.2:total-results', 'entra:2.4:filter-username', 'entra:2.4:filter-matching-attributes', 'entra:2.3:filter-value-case', 'entra:2.1:filter-no-match-200'] as const

check('filters.users.entra-eq', { verifies: verifiesEntraUsers }, async (context) => {
  await generatedFilters(context, 'User', 'entra')
})

check('filters.users.rfc-operators', { verifies: ['rfc7644:3.4.2.2:filter-operators-supported'] }, async (context) => {
  await generatedFilters(context, 'User', 'rfc')
})

check('filters.groups.entra-eq', { verifies: ['rfc7644:3.4.2.2:filter-eq', 'rfc7644:3.4.2.2:filter-only-matching', 'rfc7644:3.4.2:total-results', 'entra:2.4:filter-group-display-name', 'entra:2.3:filter-value-case', 'entra:2.1:filter-no-match-200'] }, async (context) => {
  await generatedFilters(context, 'Group', 'entra')
})

check('filters.groups.rfc-operators', { verifies: ['rfc7644:3.4.2.2:filter-operators-supported'] }, async (context) => {
  await generatedFilters(context, 'Group', 'rfc')
})

check('filters.malformed.invalid-filter-400', { verifies: ['rfc7644:3.4.2.2:filter-unknown-operator-400'] }, async ({ scim, run }) => {
  await forAllMalformed({ scim, run }, run.runs, () => undefined)
})

// scimType is OPTIONAL in an Error (RFC 7644 3.12) and "invalidFilter" comes from Table 9, which
// carries no keyword: a bare 400 is a warning, never a failed run. A few cases are enough.
check('filters.malformed.scim-type-invalid-filter', { verifies: ['rfc7644:3.12:invalid-filter'] }, async ({ scim, run, skip }) => {
  const { judged } = await forAllMalformed({ scim, run }, Math.min(run.runs, 5), (res) => {
    const scimType = (res.json as { scimType?: unknown } | undefined)?.scimType
    ensure(scimType === 'invalidFilter', 'the 400 does not carry scimType "invalidFilter" (RFC 7644 section 3.12, Table 9)', { pointer: '/scimType', expected: 'invalidFilter', actual: scimType })
  }, true)
  if (judged === 0) skip('not applicable: no malformed filter was answered 400, so there is no scimType to judge (filters.malformed.invalid-filter-400 judges the status)')
})

/**
 * The fixed corpus, then generated malformed filters: each must be answered 400. `judge` adds what
 * else the check requires; `only400` leaves answers other than 400 to the check that requires 400.
 */
async function forAllMalformed({ scim, run }: { scim: ScimClient; run: RunConfig }, runs: number, judge: (res: HttpResponse) => void, only400 = false): Promise<{ judged: number }> {
  let judged = 0
  const answer = (res: HttpResponse, malformation: string): void => {
    if (only400 && res.status !== 400) return
    ensureStatus(res, 400, `a filter with ${malformation} is malformed (RFC 7644 section 3.4.2.2)`)
    judged++
    judge(res)
  }
  for (const { malformation, text } of malformedCorpus(run.dialect)) answer(await scim.list('User', { filter: text }), malformation)
  const dataset = await sharedDataset(scim, run, 'User')
  const arbitrary = malformedFilter(entraFilter(targetsOf(dataset, run, 'User'), dataset.marker), run.dialect)
  await forAll(arbitrary, async ({ malformation, text }, client) => {
    answer(await client.list('User', { filter: text }), malformation.replace('-', ' '))
  }, { seed: run.seed, runs, scim, describe: ({ text }) => text })
  return { judged }
}

check('filters.pagination', { verifies: ['rfc7644:3.4.2.4:start-index', 'rfc7644:3.4.2.4:count-max', 'rfc7644:3.4.2.4:response-attributes', 'entra:2.5:pages-walkable', 'entra:2.5:items-per-page', 'entra:2.5:start-index-echo'] }, async ({ scim, run, uniqueName, skip }) => {
  const dataset = await sharedDataset(scim, run, 'User')
  await createOutsider({ scim, run, uniqueName })
  const filter = await datasetScope(scim, dataset, skip)
  const expected = expectedIds(dataset, 'User', filter, run.advertised)
  const arbitrary = fc.integer({ min: 1, max: expected.size + 1 })
  await forAll(arbitrary, async (count, client) => {
    const pages = await collectPages(client, 'User', formatFilter(filter), count)
    for (const page of pages.pages) {
      ensure(page.resources.length <= count, `a page holds ${page.resources.length} resources, more than count=${count}`, { expected: count, actual: page.resources.length })
      ensure(page.itemsPerPage === page.resources.length, 'itemsPerPage is not the number of resources on the page', { pointer: '/itemsPerPage', expected: page.resources.length, actual: page.itemsPerPage })
      ensure(page.startIndex === page.requestedStartIndex, 'the page does not echo the startIndex requested', { pointer: '/startIndex', expected: page.requestedStartIndex, actual: page.startIndex })
      ensure(page.totalResults === expected.size, 'totalResults is not the number of matches', { pointer: '/totalResults', expected: expected.size, actual: page.totalResults })
    }
    // A server MAY return fewer than count (RFC 7644 3.4.2.4): only the walk as a whole must
    // see every match exactly once.
    compareSets(dataset, 'User', expected, pages.ids, 'walking the pages')
  }, { seed: run.seed, runs: Math.min(run.runs, expected.size + 1), scim, describe: (count) => `filter=${formatFilter(filter)}&count=${count}` })
})

check('filters.sort', { verifies: ['rfc7644:3.4.2.3:sort-by', 'rfc7644:3.4.2.3:sort-order-values', 'rfc7644:3.4.2.3:sort-case-by-type', 'rfc7643:5:capabilities-truthful'] }, async ({ scim, run, skip, uniqueName }) => {
  const config = await scim.send({ method: 'GET', path: '/ServiceProviderConfig', expect: 'ServiceProviderConfig' })
  if ((config.json as { sort?: { supported?: unknown } } | undefined)?.sort?.supported !== true) skip('not advertised: /ServiceProviderConfig sort.supported is not true')
  const dataset = await sharedDataset(scim, run, 'User')
  await createOutsider({ scim, run, uniqueName })
  const filter = formatFilter(await datasetScope(scim, dataset, skip))
  const byName = [...dataset.users].sort((a, b) => compareCodePoints(nameOf(a).toLowerCase(), nameOf(b).toLowerCase())).map(nameOf)
  for (const sortOrder of ['ascending', 'descending'] as const) {
    // Walked page by page: a server may return fewer than count (RFC 7644 3.4.2.4).
    const pages = await collectPages(scim, 'User', filter, dataset.users.length + 1, 'the filter', { sortBy: 'userName', sortOrder })
    const names = pages.pages.flatMap((page) => page.resources).map((r) => String(r.userName ?? ''))
    const expected = sortOrder === 'ascending' ? byName : [...byName].reverse()
    ensure(JSON.stringify(names) === JSON.stringify(expected), `sortBy=userName&sortOrder=${sortOrder} did not order the users case-insensitively by userName`, { expected, actual: names })
  }
})

/**
 * The filter that selects exactly the dataset's users: only the filters file writes them, so
 * a walk over it judges a set no other check changes meanwhile (RFC 7644 3.4.2.4: a client
 * "SHOULD never assume repeatable results" over a moving set).
 */
async function datasetScope(scim: ScimClient, dataset: Dataset, skip: (reason: string) => never): Promise<Filter> {
  const names = dataset.users.map(nameOf)
  const confinement = await confiningFilter(scim, 'User', 'userName', dataset.marker, names)
  return confinement.kind === 'confined' ? parseFilter(confinement.filter) : skip(confinement.reason)
}

/**
 * A user outside the dataset's scope, there for the rest of the check: a server that ignores the
 * filter cannot pass because, at that moment, it happens to hold only the dataset. Best effort:
 * the check is judged whether or not the create worked.
 */
async function createOutsider({ scim, run, uniqueName }: Pick<CheckContext, 'scim' | 'run' | 'uniqueName'>): Promise<void> {
  const body = createUserBody(run.profile.dialect, withValues({}, profileValues('User', run.profile.user, uniqueName('outside'))))
  await scim.create('User', body).catch(() => undefined)
}

interface FilterCase {
  readonly filter: Filter
  readonly text: string
}

async function generatedFilters({ scim, run, skip }: Pick<CheckContext, 'scim' | 'run' | 'skip'>, kind: ResourceKind, level: FilterLevel): Promise<void> {
  const dataset = await sharedDataset(scim, run, kind)
  const targets = targetsOf(dataset, run, kind)
  const scope = scopeFilter(kind === 'User' ? 'userName' : 'displayName', dataset.marker)
  const filters = level === 'entra' ? entraFilter(targets, dataset.marker) : rfcFilter(targets, dataset.marker, scope)
  // Entra-level filters go on the wire byte for byte as Entra writes them, under an Entra profile:
  // `emails[type eq "work"].value eq` is the PATCH path grammar (3.5.2), not the filter grammar
  // of RFC 7644 3.4.2.2, so the rfc profile sends the equivalent `emails[type eq "work" and value eq]`.
  const format = level === 'entra' && run.profile.dialect !== 'rfc' ? formatEntraFilter : formatFilter
  const cases = filters.map((filter): FilterCase => ({ filter, text: format(filter) }))
  // RFC 7644 3.12, Table 9: a server MAY refuse "the specified attribute and filter comparison
  // combination" with 400 invalidFilter. Beyond Entra's eq and "and", a refusal is lawful.
  const judged = new Set<string>()
  const refused = new Set<string>()
  await forAll(cases, async (c, client) => {
    try {
      await judge(client, dataset, kind, level, c, run.advertised)
      judged.add(c.text)
    } catch (error) {
      if (level === 'rfc' && error instanceof FilterRefused) return void refused.add(c.text)
      throw error
    }
  }, { seed: run.seed, runs: run.runs, scim, describe: (c) => c.text })
  if (judged.size === 0 && refused.size > 0) skip(`not applicable: the server refuses every generated RFC filter with 400 invalidFilter (RFC 7644 section 3.12 allows it for an unsupported operator), e.g. ${[...refused][0]}`)
}

/** 400 invalidFilter on a valid filter: the server does not support what it uses. */
class FilterRefused extends CheckFailure {}

/** The rfc profile writes only RFC 7644 3.4.2.2 filters; an Entra profile writes Entra's forms too. */
const grammarOf = (run: RunConfig): FilterLevel => (run.profile.dialect === 'rfc' ? 'rfc' : 'entra')

function targetsOf(dataset: Dataset, run: RunConfig, kind: ResourceKind) {
  const targets = kind === 'User'
    ? filterTargets(run.profile.user, dataset.users, lookupFor('User', run.advertised), grammarOf(run))
    : filterTargets(run.profile.group, dataset.groups, lookupFor('Group', run.advertised), grammarOf(run))
  if (targets.length === 0) throw new Error(`the profile ${run.profile.name} marks no ${kind} attribute filterable that the dataset holds`)
  return targets
}

/** One generated filter: the target's answer across all pages against the oracle's selection. */
async function judge(scim: ScimClient, dataset: Dataset, kind: ResourceKind, level: FilterLevel, { filter, text }: FilterCase, advertised: Advertised): Promise<void> {
  const expected = expectedIds(dataset, kind, filter, advertised)
  const pages = await collectPages(scim, kind, text, 100, level === 'entra' ? 'an Entra filter (eq and "and" only)' : 'an RFC 7644 filter')
  compareSets(dataset, kind, expected, pages.ids, `filter ${text}`)
  const returned = new Set(pages.ids)
  const total = pages.pages[0]?.totalResults
  if (isScoped(filter, dataset.marker)) {
    const own = new Set((kind === 'User' ? dataset.users : dataset.groups).map((r) => r.id as string))
    const strangers = [...returned].filter((id) => !own.has(id))
    ensure(strangers.length === 0, `filter ${text} can only match the dataset, yet returned ${strangers.length} other ${kind}(s)`, { expected: [], actual: strangers.slice(0, 5) })
    ensure(total === expected.size, `filter ${text}: totalResults is not the number of matches`, { pointer: '/totalResults', expected: expected.size, actual: total })
  } else {
    const found = [...returned].filter((id) => expected.has(id)).length
    ensure(typeof total === 'number' && total >= found, `filter ${text}: totalResults is below the number of matches returned`, { pointer: '/totalResults', expected: `>= ${found}`, actual: total })
  }
}

/** Dataset resources only: what the oracle selects must be exactly what came back. */
function compareSets(dataset: Dataset, kind: ResourceKind, expected: ReadonlySet<string>, returnedIds: readonly string[], what: string): void {
  const resources = kind === 'User' ? dataset.users : dataset.groups
  const names = new Map(resources.map((r) => [r.id as string, nameOf(r)]))
  const duplicates = returnedIds.filter((id, i) => returnedIds.indexOf(id) !== i)
  ensure(duplicates.length === 0, `${what}: the same ${kind} came back more than once across pages`, { actual: duplicates.slice(0, 5) })
  const returned = new Set(returnedIds)
  const missing = [...expected].filter((id) => !returned.has(id)).map((id) => names.get(id))
  const extra = [...returned].filter((id) => names.has(id) && !expected.has(id)).map((id) => names.get(id))
  if (missing.length > 0 || extra.length > 0) {
    const parts = [missing.length > 0 ? `${missing.length} matching ${kind}(s) missing` : '', extra.length > 0 ? `${extra.length} non-matching ${kind}(s) returned` : ''].filter(Boolean)
    throw new CheckFailure(`${what}: ${parts.join(', ')}`, { expected: [...expected].map((id) => names.get(id)), actual: [...returned].filter((id) => names.has(id)).map((id) => names.get(id)) })
  }
}

interface Page {
  readonly requestedStartIndex: number
  readonly resources: readonly ScimResource[]
  readonly totalResults: unknown
  readonly itemsPerPage: unknown
  readonly startIndex: unknown
}

const MAX_PAGES = 50

/**
 * Walks a filtered query page by page (RFC 7644 section 3.4.2.4) until totalResults
 * is reached or a page comes back empty. A 400 invalidFilter on a valid filter means
 * the target does not support it: `unsupported` names what was refused.
 */
async function collectPages(scim: ScimClient, kind: ResourceKind, filter: string, count: number, unsupported = 'the filter', extra: Readonly<Record<string, string>> = {}): Promise<{ pages: Page[]; ids: string[] }> {
  const pages: Page[] = []
  const ids: string[] = []
  for (let startIndex = 1; pages.length < MAX_PAGES;) {
    const res = await scim.list(kind, { ...extra, filter, startIndex: String(startIndex), count: String(count) })
    const body = res.json as { scimType?: unknown; totalResults?: unknown; itemsPerPage?: unknown; startIndex?: unknown } | undefined
    if (res.status === 400 && body?.scimType === 'invalidFilter') throw new FilterRefused(`unsupported: the target rejects ${unsupported} as invalidFilter: ${filter}`, { actual: 400 })
    ensureStatus(res, 200, `a valid filter must be answered with a ListResponse (RFC 7644 section 3.4.2)`)
    const resources = resourcesOf(res.json) as ScimResource[]
    pages.push({ requestedStartIndex: startIndex, resources, totalResults: body?.totalResults, itemsPerPage: body?.itemsPerPage, startIndex: body?.startIndex })
    ids.push(...resources.map((r) => String(r.id)))
    startIndex += resources.length
    if (resources.length === 0 || typeof body?.totalResults !== 'number' || startIndex > body.totalResults) break
  }
  return { pages, ids }
}

const nameOf = (resource: ScimResource): string => String(resource.userName ?? resource.displayName ?? resource.id)

/** RFC 7644 section 3.4.2.3: strings sort by Unicode code point, no locale. */
function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
