import { check } from '../src/kit/check.ts'
import { ensure, ensureStatus } from '../src/kit/check-failure.ts'
import type { ScimClient } from '../src/kit/types.ts'
import { resourcesOf } from '../src/kit/resources.ts'
import { requireClaim } from '../src/kit/service-provider-config.ts'
import { SCHEMA_URN } from '../src/scim/schema-model.ts'
import type { JsonObject } from '../src/scim/types.ts'
import { createUser } from '../src/kit/steps.ts'
import { confiningFilter } from '../src/kit/confining-filter.ts'

// sortBy / sortOrder (RFC 7644 section 3.4.2.3), checked only when the target claims
// sort.supported. Every query is confined to users this check created (userName sw
// its own prefix, or their names joined by or), so the expected order is known exactly,
// and walked page by page: a server MAY return fewer results than count (3.4.2.4).

type Skip = (reason: string) => never

interface Created {
  readonly prefix: string
  readonly ids: readonly string[]
  /** The filter that selects exactly these users. */
  readonly filter: string
}

/** Names "a", "B", "c": case-insensitive order a B c, code-point order B a c. */
const SUFFIXES = ['a', 'B', 'c'] as const

async function createTrio(scim: ScimClient, skip: Skip, prefix: string, extra: (suffix: string, index: number) => JsonObject = () => ({})): Promise<Created> {
  const ids: string[] = []
  const names = SUFFIXES.map((suffix) => `${prefix}-${suffix}@example.com`)
  for (const [index, suffix] of SUFFIXES.entries()) {
    ids.push((await createUser(scim, names[index]!, { externalId: `${prefix}-${suffix}`, ...extra(suffix, index) })).id)
  }
  const confinement = await confiningFilter(scim, 'User', 'userName', prefix, names)
  if (confinement.kind === 'refused') skip(confinement.reason)
  return { prefix, ids, filter: confinement.filter }
}

/** Every page of a sorted query, from `startIndex` on; `count` caps what is asked per page. */
async function sortedResources(scim: ScimClient, filter: string, query: Record<string, string>, what: string, limit = Infinity): Promise<JsonObject[]> {
  const resources: JsonObject[] = []
  for (let startIndex = Number(query['startIndex'] ?? 1), pages = 0; pages < 10 && resources.length < limit; pages++) {
    const res = await scim.list('User', { ...query, filter, startIndex: String(startIndex) })
    ensureStatus(res, 200, `${what} must be accepted when sort.supported is true`)
    const page = resourcesOf(res.json)
    resources.push(...page)
    startIndex += page.length
    const total = (res.json as { totalResults?: unknown } | undefined)?.totalResults
    if (page.length === 0 || typeof total !== 'number' || startIndex > total) break
  }
  return resources.slice(0, limit)
}

async function sortedIds(scim: ScimClient, filter: string, sortBy: string, sortOrder: 'ascending' | 'descending', page: Record<string, string> = {}): Promise<string[]> {
  const limit = page['count'] === undefined ? Infinity : Number(page['count'])
  return (await sortedResources(scim, filter, { sortBy, sortOrder, ...page }, `sortBy=${sortBy}&sortOrder=${sortOrder}`, limit)).map((r) => String(r.id))
}

function expectOrder(actual: readonly string[], expected: readonly string[], what: string): void {
  ensure(JSON.stringify(actual) === JSON.stringify(expected), `${what} did not come back in that order (RFC 7644 section 3.4.2.3)`, { expected, actual })
}

/** caseExact of a User attribute as /Schemas publishes it; RFC 7643 section 4.1 defaults otherwise. */
async function caseExactOf(scim: ScimClient, attribute: string, fallback: boolean): Promise<boolean> {
  const res = await scim.send({ method: 'GET', path: `/Schemas/${SCHEMA_URN.user}`, expect: 'Schema' })
  const attributes = (res.json as { attributes?: unknown } | undefined)?.attributes
  const found = Array.isArray(attributes) ? (attributes as { name?: unknown; caseExact?: unknown }[]).find((a) => typeof a.name === 'string' && a.name.toLowerCase() === attribute.toLowerCase()) : undefined
  return typeof found?.caseExact === 'boolean' ? found.caseExact : fallback
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

check('sort.string-case-rules', { verifies: ['rfc7644:3.4.2.3:sort-by', 'rfc7644:3.4.2.3:sort-case-by-type', 'rfc7644:3.4.2.3:sort-order-values'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'sort', skip)
  const trio = await createTrio(scim, skip, uniqueName('sortstr'))
  for (const [attribute, fallback] of [['userName', false], ['externalId', true]] as const) {
    const caseExact = await caseExactOf(scim, attribute, fallback)
    const keys = SUFFIXES.map((s) => (caseExact ? s : s.toLowerCase()))
    const expected = trio.ids.map((id, i) => ({ id, key: keys[i] as string })).sort((x, y) => byCodePoint(x.key, y.key)).map((x) => x.id)
    const rule = caseExact ? 'by code point (caseExact true)' : 'case-insensitively (caseExact false)'
    expectOrder(await sortedIds(scim, trio.filter, attribute, 'ascending'), expected, `users sorted by ${attribute} ascending, ${rule},`)
    expectOrder(await sortedIds(scim, trio.filter, attribute, 'descending'), [...expected].reverse(), `users sorted by ${attribute} descending, ${rule},`)
  }
})

check('sort.datetime', { verifies: ['rfc7644:3.4.2.3:sort-by', 'rfc7644:3.4.2.3:sort-order-values'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'sort', skip)
  const trio = await createTrio(scim, skip, uniqueName('sortdate'))
  for (const sortOrder of ['ascending', 'descending'] as const) {
    const sorted = await sortedResources(scim, trio.filter, { sortBy: 'meta.created', sortOrder }, 'sortBy=meta.created')
    const created = sorted.map((r) => Date.parse(String((r.meta as { created?: unknown } | undefined)?.created)))
    ensure(created.length === trio.ids.length && created.every((t) => !Number.isNaN(t)), 'the sorted page does not hold the three users with their meta.created', { expected: trio.ids.length, actual: created.length })
    // Equal timestamps may come in any order; only a step the wrong way is a failure.
    const wrongStep = created.findIndex((t, i) => i > 0 && (sortOrder === 'ascending' ? t < (created[i - 1] as number) : t > (created[i - 1] as number)))
    ensure(wrongStep === -1, `users sorted by meta.created ${sortOrder} are out of order at position ${wrongStep + 1} (dateTime compares as time, RFC 7644 section 3.4.2.3)`, { actual: created.map((t) => new Date(t).toISOString()) })
    // Not the server's fault: users created within one clock tick leave no order to judge.
    if (sortOrder === 'descending' && created[0] === created[created.length - 1]) skip('not observable: the three users share one meta.created, so a dateTime order cannot be seen')
  }
})

check('sort.multi-valued-primary', { verifies: ['rfc7644:3.4.2.3:sort-multi-valued-primary'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'sort', skip)
  const prefix = uniqueName('sortmv')
  // Primary values order the users 0 1 2; their first values would order them 1 2 0.
  const emails: JsonObject[][] = [
    [{ value: `${prefix}-y@example.com`, type: 'home' }, { value: `${prefix}-a@example.com`, type: 'work', primary: true }],
    [{ value: `${prefix}-b@example.com`, type: 'work', primary: true }],
    [{ value: `${prefix}-c@example.com`, type: 'work', primary: true }, { value: `${prefix}-z@example.com`, type: 'home' }],
  ]
  const trio = await createTrio(scim, skip, prefix, (_suffix, index) => ({ emails: emails[index] ?? [] }))
  expectOrder(await sortedIds(scim, trio.filter, 'emails.value', 'ascending'), trio.ids, 'users sorted by emails.value ascending, by their primary email,')
  expectOrder(await sortedIds(scim, trio.filter, 'emails.value', 'descending'), [...trio.ids].reverse(), 'users sorted by emails.value descending, by their primary email,')
})

check('sort.with-filter-and-paging', { verifies: ['rfc7644:3.4.2.3:sort-by', 'rfc7644:3.4.2.3:sort-order-default', 'rfc7644:3.4.2.4:start-index'] }, async ({ scim, skip, uniqueName }) => {
  await requireClaim(scim, 'sort', skip)
  const trio = await createTrio(scim, skip, uniqueName('sortpage'))
  // userName is caseExact false: a, B, c is the ascending order.
  const [first, second, third] = trio.ids as [string, string, string]
  const defaultOrder = await sortedResources(scim, trio.filter, { sortBy: 'userName' }, 'sortBy=userName')
  expectOrder(defaultOrder.map((r) => String(r.id)), [first, second, third], 'users sorted by userName without sortOrder (ascending by default)')
  expectOrder(await sortedIds(scim, trio.filter, 'userName', 'ascending', { startIndex: '2', count: '1' }), [second], 'page startIndex=2&count=1 of users sorted by userName ascending')
  expectOrder(await sortedIds(scim, trio.filter, 'userName', 'descending', { startIndex: '1', count: '2' }), [third, second], 'page startIndex=1&count=2 of users sorted by userName descending')
})
