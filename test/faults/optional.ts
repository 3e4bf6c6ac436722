import type { Handle, ScimHttpRequest } from '../../src/server/index.ts'
import type { Fault } from './fault.ts'
import { bodyOf, onResponse, status, withBody } from './wrappers.ts'

// Faults in the optional features (RFC 7644 sections 3.4.2.3, 3.7, 3.14) and in the
// claims of /ServiceProviderConfig: each server claims a feature and gets it wrong.
// Runs are limited to the optional-feature checks, the ones these faults are about.

const OPTIONAL = 'etag.*,sort.*,search.*,put.*,password.*,bulk.*,claims.*'
const RESOURCE = /^\/(Users|Groups)\/([^/.][^/]*)$/

const opaque = (tag: string): string => tag.trim().replace(/^W\//i, '')

/** Claims etag, but every resource keeps the version it was first seen with; tags the client sends back are read as current. */
function frozenVersions(handle: Handle): Handle {
  const first = new Map<string, string>()
  const freeze = (resource: Record<string, unknown>): string | undefined => {
    const meta = resource.meta as { version?: unknown } | undefined
    if (typeof resource.id !== 'string' || typeof meta?.version !== 'string') return undefined
    const version = first.get(resource.id) ?? meta.version
    first.set(resource.id, version)
    meta.version = version
    return version
  }
  return async (req) => {
    const id = RESOURCE.exec(req.path)?.[2]
    const frozen = id === undefined ? undefined : first.get(id)
    let request: ScimHttpRequest = req
    if (frozen !== undefined) {
      const current = (await handle({ method: 'GET', path: req.path, query: new URLSearchParams(), headers: { authorization: req.headers.authorization ?? '' }, body: '' })).headers.etag
      const translate = (value: string | undefined): string | undefined => value?.split(',').map((t) => (current !== undefined && opaque(t) === opaque(frozen) ? current : t.trim())).join(', ')
      const headers = { ...req.headers }
      for (const name of ['if-match', 'if-none-match']) {
        const translated = translate(headers[name])
        if (translated !== undefined) headers[name] = translated
      }
      request = { ...req, headers }
    }
    const res = await handle(request)
    const body = bodyOf(res)
    if (body === undefined) return res
    const version = freeze(body)
    if (Array.isArray(body.Resources)) for (const r of body.Resources as Record<string, unknown>[]) freeze(r)
    const changed = withBody(res, body)
    return version !== undefined && res.headers.etag !== undefined ? { ...changed, headers: { ...changed.headers, etag: version } } : changed
  }
}

/** Claims sort, but drops sortBy from GET queries and SearchRequests. */
function sortByIgnored(handle: Handle): Handle {
  return (req) => {
    if (req.method === 'GET' && req.query.has('sortBy')) {
      const query = new URLSearchParams(req.query)
      query.delete('sortBy')
      return handle({ ...req, query })
    }
    if (req.method === 'POST' && req.path.endsWith('/.search')) {
      const body = bodyOf({ status: 200, headers: {}, body: req.body })
      if (body !== undefined) delete body.sortBy
      return handle(body === undefined ? req : { ...req, body: JSON.stringify(body) })
    }
    return handle(req)
  }
}

/** Claims bulk, but takes "bulkId:x" in operation data literally as the id "x". */
function bulkIdsTakenLiterally(handle: Handle): Handle {
  const strip = (value: unknown): unknown =>
    typeof value === 'string' ? value.replace(/^bulkId:/, '')
      : Array.isArray(value) ? value.map(strip)
      : typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v)]))
      : value
  return (req) => {
    if (req.method !== 'POST' || req.path !== '/Bulk') return handle(req)
    const body = bodyOf({ status: 200, headers: {}, body: req.body })
    if (!Array.isArray(body?.Operations)) return handle(req)
    const Operations = (body.Operations as Record<string, unknown>[]).map((op) => ({ ...op, data: strip(op.data) }))
    return handle({ ...req, body: JSON.stringify({ ...body, Operations }) })
  }
}

/** Claims filter.supported, but lists every resource of /Users and /Groups whatever the filter. */
function filterIgnored(handle: Handle): Handle {
  return (req) => {
    if (req.method !== 'GET' || !/^\/(Users|Groups)$/.test(req.path) || !req.query.has('filter')) return handle(req)
    const query = new URLSearchParams(req.query)
    query.delete('filter')
    return handle({ ...req, query })
  }
}

export const optionalFaults: readonly Fault[] = [
  {
    id: 'etag-version-frozen',
    defect: 'claims etag but never changes meta.version',
    // A frozen tag cannot go stale: If-Match never refuses and If-None-Match answers 304 after a change.
    breaks: ['etag.if-match-stale-412', 'etag.if-none-match-304', 'etag.version-changes'],
    wrap: frozenVersions,
    only: OPTIONAL,
  },
  {
    id: 'sort-by-ignored',
    defect: 'claims sort but ignores sortBy',
    breaks: ['sort.datetime', 'sort.multi-valued-primary', 'sort.string-case-rules', 'sort.with-filter-and-paging'],
    wrap: sortByIgnored,
    only: OPTIONAL,
  },
  {
    id: 'bulk-ids-unresolved',
    defect: 'claims bulk but ignores bulkId references',
    breaks: ['bulk.bulkid-references', 'bulk.circular-references'],
    wrap: bulkIdsTakenLiterally,
    features: { bulk: true },
    only: OPTIONAL,
  },
  {
    id: 'filter-claimed-ignored',
    defect: 'claims filter support but ignores the filter on /Users and /Groups',
    // The sort checks confine their queries to their own users with a filter. The .search checks
    // compare with a filtered GET that no longer finds only their resources: blocked, not failed.
    breaks: ['claims.filter.honoured', 'sort.datetime', 'sort.multi-valued-primary', 'sort.string-case-rules', 'sort.with-filter-and-paging'],
    wrap: filterIgnored,
    only: OPTIONAL,
  },
  {
    id: 'unclaimed-bulk-crashes',
    defect: 'does not claim bulk and answers POST /Bulk with 500',
    breaks: ['claims.bulk.matches-claim'],
    wrap: onResponse((req) => req.path === '/Bulk', status(500)),
    only: OPTIONAL,
  },
]
