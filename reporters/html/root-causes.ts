import type { CheckResult } from '../../src/report/model.ts'

// Failures grouped by root cause: one server defect often fails many checks with
// the same message that differs only in ids, numbers or generated values. Masking
// those and keying on the rules shows the defect once, with the checks it broke.

export interface RootCause {
  readonly pattern: string
  readonly rules: readonly string[]
  readonly checkIds: readonly string[]
  /** The fix guidance of the group's first check: one fix per defect, not one per check. */
  readonly fix: string
}

const uuid = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi
const longHex = /\b[0-9a-f]{16,}\b/gi
const quoted = /"[^"]*"/g
const number = /\b\d+(\.\d+)?\b/g
// The same defect on /Users and on /Groups is one root cause.
const collection = /\/(Users|Groups)\b/g

export function messagePattern(message: string): string {
  return message.replace(uuid, '{id}').replace(longHex, '{id}').replace(quoted, '"…"').replace(number, '{n}').replace(collection, '/{Users|Groups}')
}

export function rootCauses(checks: readonly CheckResult[]): RootCause[] {
  const groups = new Map<string, { pattern: string; rules: readonly string[]; checkIds: string[]; fix: string }>()
  for (const check of checks) {
    if (check.status !== 'fail') continue
    const pattern = messagePattern(check.message)
    const rules = [...check.verifies].sort()
    const key = JSON.stringify([rules, pattern])
    const group = groups.get(key)
    if (group) group.checkIds.push(check.id)
    else groups.set(key, { pattern, rules, checkIds: [check.id], fix: check.fix })
  }
  return [...groups.values()].sort((a, b) => b.checkIds.length - a.checkIds.length)
}
