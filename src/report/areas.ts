import type { CheckResult } from './model.ts'

// Report areas in reading order: the order of issue 7's console summary, so the
// console, JUnit, Markdown and HTML list areas the same way. Areas not named here
// follow in the order they first appear.
export const areaOrder = [
  'discovery',
  'auth',
  'schema',
  'users',
  'groups',
  'filters',
  'patch',
  'profile',
  'entra-connection',
  'entra-users',
  'entra-groups',
  'security',
  'throughput',
] as const

export interface AreaChecks {
  readonly area: string
  readonly checks: readonly CheckResult[]
}

export function groupByArea(checks: readonly CheckResult[]): AreaChecks[] {
  const byArea = new Map<string, CheckResult[]>()
  for (const check of checks) {
    const list = byArea.get(check.area)
    if (list) list.push(check)
    else byArea.set(check.area, [check])
  }
  const rank = (area: string): number => {
    const known = (areaOrder as readonly string[]).indexOf(area)
    return known === -1 ? areaOrder.length : known
  }
  const firstSeen = [...byArea.keys()]
  return firstSeen
    .sort((a, b) => rank(a) - rank(b) || firstSeen.indexOf(a) - firstSeen.indexOf(b))
    .map((area) => ({ area, checks: byArea.get(area) ?? [] }))
}
