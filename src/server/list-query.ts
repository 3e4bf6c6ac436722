// The query of a list request, from a GET query string (RFC 7644 section 3.4.2)
// or a POST .search body (section 3.4.3), resolved into one shape.

import { SCHEMA_URN } from '../scim/schema-model.ts'
import type { JsonValue } from '../scim/types.ts'
import { isObject } from './resource-input.ts'
import { ScimProblem } from './response.ts'

export interface ListQuery {
  readonly filter?: string
  readonly sortBy?: string
  readonly sortOrder: 'ascending' | 'descending'
  /** 1-based; values below 1 are already raised to 1 (section 3.4.2.4). */
  readonly startIndex: number
  /** Already clamped to [0, maxResults] (section 3.4.2.4, RFC 7643 section 5 filter.maxResults). */
  readonly count: number
  readonly attributes?: readonly string[]
  readonly excludedAttributes?: readonly string[]
}

interface RawQuery {
  filter?: string | undefined
  sortBy?: string | undefined
  sortOrder?: string | undefined
  startIndex?: number | string | undefined
  count?: number | string | undefined
  attributes?: readonly string[] | undefined
  excludedAttributes?: readonly string[] | undefined
}

export function queryFromSearchParams(params: URLSearchParams, maxResults: number): ListQuery {
  const text = (name: string): string | undefined => params.get(name) ?? undefined
  const list = (name: string): string[] | undefined => params.get(name)?.split(',')
  return resolve(
    {
      filter: text('filter'),
      sortBy: text('sortBy'),
      sortOrder: text('sortOrder'),
      startIndex: text('startIndex'),
      count: text('count'),
      attributes: list('attributes'),
      excludedAttributes: list('excludedAttributes'),
    },
    maxResults,
  )
}

/** RFC 7644 section 3.4.3: a SearchRequest; attributes are JSON arrays of strings there. */
export function queryFromSearchBody(body: JsonValue, maxResults: number): ListQuery {
  if (!isObject(body)) throw new ScimProblem(400, 'A SearchRequest body must be a JSON object.', 'invalidSyntax')
  const schemas = body['schemas']
  if (!Array.isArray(schemas) || !schemas.includes(SCHEMA_URN.searchRequest)) {
    throw new ScimProblem(400, `A SearchRequest must list ${SCHEMA_URN.searchRequest} in "schemas".`, 'invalidSyntax')
  }
  const str = (name: string): string | undefined => {
    const value = body[name]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'string') throw new ScimProblem(400, `"${name}" must be a string.`, 'invalidValue')
    return value
  }
  const num = (name: string): number | undefined => {
    const value = body[name]
    if (value === undefined || value === null) return undefined
    if (typeof value !== 'number') throw new ScimProblem(400, `"${name}" must be an integer.`, 'invalidValue')
    return value
  }
  const strings = (name: string): string[] | undefined => {
    const value = body[name]
    if (value === undefined || value === null) return undefined
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
      throw new ScimProblem(400, `"${name}" must be an array of strings.`, 'invalidValue')
    }
    return value as string[]
  }
  return resolve(
    {
      filter: str('filter'),
      sortBy: str('sortBy'),
      sortOrder: str('sortOrder'),
      startIndex: num('startIndex'),
      count: num('count'),
      attributes: strings('attributes'),
      excludedAttributes: strings('excludedAttributes'),
    },
    maxResults,
  )
}

function resolve(raw: RawQuery, maxResults: number): ListQuery {
  const startIndex = integer(raw.startIndex, 'startIndex') ?? 1
  const count = integer(raw.count, 'count') ?? maxResults
  const sortOrder = raw.sortOrder?.toLowerCase() ?? 'ascending'
  if (sortOrder !== 'ascending' && sortOrder !== 'descending') {
    throw new ScimProblem(400, '"sortOrder" must be "ascending" or "descending".', 'invalidValue')
  }
  const attributes = raw.attributes?.map((a) => a.trim()).filter((a) => a !== '')
  const excluded = raw.excludedAttributes?.map((a) => a.trim()).filter((a) => a !== '')
  return {
    ...(raw.filter !== undefined ? { filter: raw.filter } : {}),
    ...(raw.sortBy !== undefined && raw.sortBy.trim() !== '' ? { sortBy: raw.sortBy.trim() } : {}),
    sortOrder,
    startIndex: Math.max(1, startIndex),
    count: Math.min(Math.max(0, count), maxResults),
    ...(attributes?.length ? { attributes } : {}),
    ...(excluded?.length ? { excludedAttributes: excluded } : {}),
  }
}

function integer(value: number | string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const parsed = typeof value === 'number' ? value : /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : Number.NaN
  if (!Number.isInteger(parsed)) throw new ScimProblem(400, `"${name}" must be an integer.`, 'invalidValue')
  return parsed
}
