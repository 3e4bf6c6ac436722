import type { BlockedCause, CheckResult } from './model.ts'

// Blocked checks listed under what blocked them: a reader fixes the cause, not the
// N checks that never got to run. Chains are followed to their root: a scenario step
// blocked by a step that was itself blocked by a refused create is listed under that create.

type BlockedCheck = Extract<CheckResult, { status: 'blocked' }>

export interface BlockedGroup {
  /** The check that failed (or the request that was refused) at the root of the chain. */
  readonly cause: BlockedCause
  /** One line: 'users.create.status-201 (POST /Users answered 400 invalidValue)'. */
  readonly label: string
  readonly checkIds: readonly string[]
}

export function blockedGroups(checks: readonly CheckResult[]): BlockedGroup[] {
  const byId = new Map(checks.map((c) => [c.id, c]))
  const groups = new Map<string, { cause: BlockedCause; checkIds: string[] }>()
  for (const check of checks) {
    if (check.status !== 'blocked') continue
    const cause = rootCause(check, byId)
    const key = cause.check ?? `${cause.request ?? ''} ${cause.answer ?? ''}`
    const group = groups.get(key) ?? { cause, checkIds: [] }
    group.checkIds.push(check.id)
    groups.set(key, group)
  }
  return [...groups.values()].map((g) => ({ ...g, label: causeLabel(g.cause) })).sort((a, b) => b.checkIds.length - a.checkIds.length)
}

/** The first cause in the chain that is not itself blocked (a cycle cannot occur, but is cut anyway). */
export function rootCause(check: BlockedCheck, byId: ReadonlyMap<string, CheckResult>): BlockedCause {
  let cause = check.cause
  const seen = new Set([check.id])
  for (;;) {
    const next = cause.check === undefined ? undefined : byId.get(cause.check)
    if (next?.status !== 'blocked' || seen.has(next.id)) return cause
    seen.add(next.id)
    cause = next.cause
  }
}

export function causeLabel(cause: BlockedCause): string {
  const exchange = cause.request === undefined ? '' : `${cause.request} answered ${cause.answer ?? 'unexpectedly'}`
  if (cause.check === undefined) return exchange || 'an earlier step'
  return exchange ? `${cause.check} (${exchange})` : cause.check
}
