import type { Exchange } from '../client/exchange.ts'
import { rootCause } from './blocked-causes.ts'
import type { CheckResult } from './model.ts'

// Failures grouped by root cause, so a vendor fixes one defect instead of reading N
// reports of it. Two failures share a cause when the same request shape (method, path
// with ids masked, status) is what failed, or, when the status was right and the content
// wrong, when their messages differ only in ids, numbers and quoted values. Blocked checks
// join the group of the check (or the request) that blocked them. Groups come ordered by
// how many checks fixing them would fix or unblock.

type Broken = Extract<CheckResult, { status: 'fail' | 'warn' }>

export interface RootCause {
  /** A plain sentence from the run itself (a real request and answer, or a real message), never a template. */
  readonly heading: string
  /** 'fail' when any failure in the group failed a MUST, 'warn' when all only warned, 'blocked' when nothing failed and checks were blocked. */
  readonly status: 'fail' | 'warn' | 'blocked'
  readonly rules: readonly string[]
  /** The failed and warned checks of this cause. */
  readonly checkIds: readonly string[]
  /** The checks this cause blocked: fixing it lets them run. */
  readonly blockedIds: readonly string[]
  /** The fix guidance of the group's first check: one fix per defect, not one per check. */
  readonly fix: string
}

const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi
const longHex = /\b[0-9a-f]{16,}\b/gi
const quoted = /"[^"]*"/g
const number = /\b\d+(\.\d+)?\b/g

/** The message with what varies between occurrences of one defect masked: a grouping key, never shown. */
export function messagePattern(message: string): string {
  return message.replace(uuid, '#').replace(longHex, '#').replace(quoted, '""').replace(number, '#').replace(/\/(Users|Groups)\b/g, '/resources')
}

/** 'GET /Users/2819c223-...?filter=x' → 'GET /Users/#': the shape of a request, ids masked. */
export function requestShape(method: string, pathOrUrl: string): string {
  const path = pathOrUrl.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0] ?? ''
  const masked = path.split('/').map((segment, i, all) => (i >= 2 && /^(Users|Groups)$/.test(all[i - 1] ?? '') && segment !== '.search' ? '#' : segment)).join('/')
  return `${method.toUpperCase()} ${masked.replace(uuid, '#')}`
}

/** The exchange a status failure is about: the last one answered with the status the check objected to, or not answered at all. */
function failingExchange(check: Broken): Exchange | undefined {
  const { actual, exchanges } = check.evidence
  return [...exchanges].reverse().find((e) => e.status === undefined || (typeof actual === 'number' && e.status === actual))
}

function scimTypeOf(exchange: Exchange): string | undefined {
  try {
    const scimType = (JSON.parse(exchange.responseBody ?? '') as { scimType?: unknown }).scimType
    return typeof scimType === 'string' ? scimType : undefined
  } catch {
    return undefined
  }
}

function answerText(exchange: Exchange): string {
  if (exchange.status === undefined) return `got no answer (${exchange.error ?? 'transport error'})`
  let detail = ''
  try {
    const body = JSON.parse(exchange.responseBody ?? '') as { scimType?: unknown; detail?: unknown }
    const parts = [typeof body.scimType === 'string' ? body.scimType : undefined, typeof body.detail === 'string' ? JSON.stringify(body.detail.split('\n')[0]!.slice(0, 120)) : undefined].filter(Boolean)
    if (parts.length) detail = ` ${parts.join(' ')}`
  } catch {
    // Not a JSON body: the status alone.
  }
  return `answered ${exchange.status}${detail}`
}

/** A heading is one readable line: a long message (a list of every probe) is cut at a word. */
function sentence(message: string): string {
  if (message.length <= 200) return message
  return `${message.slice(0, 200).replace(/\s+\S*$/, '')} …`
}

interface Group {
  heading: string
  status: 'fail' | 'warn' | 'blocked'
  rules: Set<string>
  checkIds: string[]
  blockedIds: string[]
  fix: string
}

const severity = { fail: 0, warn: 1, blocked: 2 } as const

export function rootCauses(checks: readonly CheckResult[]): RootCause[] {
  const groups = new Map<string, Group>()
  const groupOfCheck = new Map<string, Group>()
  const add = (key: string, heading: string, check: Broken): void => {
    const group: Group = groups.get(key) ?? { heading, status: check.status, rules: new Set<string>(), checkIds: [], blockedIds: [], fix: check.fix }
    group.checkIds.push(check.id)
    if (check.status === 'fail' || group.status === 'blocked') group.status = check.status
    for (const rule of check.requirement ? [check.requirement] : check.verifies) group.rules.add(rule)
    if (!group.fix) group.fix = check.fix
    groups.set(key, group)
    groupOfCheck.set(check.id, group)
  }
  for (const check of checks) {
    if (check.status !== 'fail' && check.status !== 'warn') continue
    const exchange = failingExchange(check)
    if (exchange) {
      const shape = requestShape(exchange.method, exchange.url)
      const path = exchange.url.replace(/^[a-z]+:\/\/[^/]+/i, '').split('?')[0]
      const { expected } = check.evidence
      const wanted = typeof expected === 'number' || typeof expected === 'string' ? `, expected ${expected}` : ''
      // The scimType tells apart defects that share a status (a 400 invalidValue is not a 400 noTarget).
      add(`${shape} ${exchange.status ?? 'none'} ${scimTypeOf(exchange) ?? ''}`, `${exchange.method} ${path} ${answerText(exchange)}${wanted}`, check)
    } else {
      add(`${[...check.verifies].sort().join()} ${messagePattern(check.message)}`, sentence(check.message), check)
    }
  }
  const byId = new Map(checks.map((c) => [c.id, c]))
  for (const check of checks) {
    if (check.status !== 'blocked') continue
    const cause = rootCause(check, byId)
    const owner = cause.check === undefined ? undefined : groupOfCheck.get(cause.check)
    if (owner) {
      owner.blockedIds.push(check.id)
      continue
    }
    // Blocked by a request no failed check made: grouped with failures of the same request shape.
    const [method = '', path = ''] = (cause.request ?? '').split(' ')
    const status = (cause.answer ?? '').split(' ')[0] ?? ''
    const key = `${requestShape(method, path)} ${status} ${(cause.answer ?? '').split(' ')[1]?.replace(/^".*/, '') ?? ''}`
    const group = groups.get(key) ?? { heading: `${cause.request ?? 'a set-up request'} answered ${cause.answer ?? 'unexpectedly'}`, status: 'blocked' as const, rules: new Set<string>(), checkIds: [], blockedIds: [], fix: '' }
    group.blockedIds.push(check.id)
    groups.set(key, group)
  }
  return [...groups.values()]
    .map((g) => ({ heading: g.heading, status: g.status, rules: [...g.rules].sort(), checkIds: g.checkIds, blockedIds: g.blockedIds, fix: g.fix }))
    .sort((a, b) => b.checkIds.length + b.blockedIds.length - (a.checkIds.length + a.blockedIds.length) || severity[a.status] - severity[b.status])
}
