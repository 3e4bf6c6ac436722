import type { Http } from '../client/http.ts'
import { endpointOf, type ResourceKind } from './tracker.ts'

// Finds what a run created by the prefix every name it gives carries, for when the
// journal cannot say: a create answered after a kill, ids a server reused, a journal
// lost. Every name is checked here against the prefix, so a server that ignores the
// filter can never make cleanup touch anything else.

export interface PrefixSearchOptions {
  /** When the `sw` filter is refused, page through every resource and match names here (cleanup --prefix). */
  readonly walk: boolean
}

const PAGE = 100
/** 100,000 resources at most: a walk through a bigger tenant is not a cleanup. */
const MAX_WALK_PAGES = 1000
/** Without a walk, a server that ignores the filter is read no further than a run's own resources could reach. */
const MAX_FILTERED_PAGES = 10

export const nameAttribute = (kind: ResourceKind): 'userName' | 'displayName' => (kind === 'User' ? 'userName' : 'displayName')

/** Ids of resources whose name starts with the prefix (one id per resource found: a reused id appears as often as it is held). */
export async function findByPrefix(http: Http, kind: ResourceKind, prefix: string, options: PrefixSearchOptions): Promise<string[]> {
  const attribute = nameAttribute(kind)
  const filtered = await pages(http, kind, { filter: `${attribute} sw "${prefix}"`, attributes: attribute }, prefix, options.walk ? MAX_WALK_PAGES : MAX_FILTERED_PAGES)
  if (filtered !== undefined || !options.walk) return filtered ?? []
  return (await pages(http, kind, { attributes: attribute }, prefix, MAX_WALK_PAGES)) ?? []
}

/** Every page of a list query, matched locally; undefined when the server does not answer it with a list. */
async function pages(http: Http, kind: ResourceKind, query: Record<string, string>, prefix: string, maxPages: number): Promise<string[] | undefined> {
  const attribute = nameAttribute(kind).toLowerCase()
  const ids: string[] = []
  let startIndex = 1
  for (let page = 0; page < maxPages; page++) {
    let body: { Resources?: unknown; totalResults?: unknown } | undefined
    try {
      const res = await http.send({ method: 'GET', path: endpointOf(kind), query: { ...query, startIndex: String(startIndex), count: String(PAGE) } })
      if (res.status !== 200) return page === 0 ? undefined : ids
      body = res.json as typeof body
    } catch {
      return page === 0 ? undefined : ids
    }
    if (!Array.isArray(body?.Resources)) return page === 0 ? undefined : ids
    const resources = body.Resources as { id?: unknown; [name: string]: unknown }[]
    for (const r of resources) {
      const name = Object.entries(r).find(([key]) => key.toLowerCase() === attribute)?.[1]
      if (typeof r.id === 'string' && typeof name === 'string' && name.toLowerCase().startsWith(prefix.toLowerCase())) ids.push(r.id)
    }
    startIndex += resources.length
    const total = typeof body.totalResults === 'number' ? body.totalResults : undefined
    if (resources.length === 0 || (total !== undefined && startIndex > total)) break
  }
  return ids
}
