import { listChecks, type ListedCheck } from '../run/check-list.ts'
import { requirements, type Requirement, type RequirementId } from '../catalogue/index.ts'
import { UsageError } from '../errors.ts'
import { fixFor } from '../catalogue/fixes.ts'

// `scim-conform checks` and `scim-conform explain`: what a run with a profile would judge,
// read from the suites themselves (nothing is sent), and what one check requires and why.

const requirementOf = (id: string): Requirement | undefined => (Object.hasOwn(requirements, id) ? requirements[id as RequirementId] : undefined)

/** Where a reader finds the rule: the RFC section, or the Microsoft page. */
function sourceOf(id: string, r: Requirement): string {
  const rfc = /^rfc(\d+):([\d.]+):/.exec(id)
  if (rfc) return `https://www.rfc-editor.org/rfc/rfc${rfc[1]}#section-${rfc[2]}`
  return r.url ?? r.section
}

export async function checksText(profile: string, json: boolean): Promise<string> {
  const checks = await listChecks(profile)
  if (json) return JSON.stringify(checks.map(({ id, area, level, verifies, readOnly }) => ({ id, area, level, requirements: verifies, readOnly })), null, 2) + '\n'
  const width = Math.max(...checks.map((c) => c.id.length))
  const lines = checks.map((c) => `${c.id.padEnd(width)}  ${c.level.padEnd(6)} ${(c.readOnly ? 'read-only' : 'writes').padEnd(9)}  ${c.verifies.join(', ')}`)
  const areas = new Set(checks.map((c) => c.area)).size
  return [`${checks.length} checks in ${areas} areas with profile ${profile} (id, level, read-only, requirements):`, ...lines, ''].join('\n')
}

export async function explainText(id: string, profile: string): Promise<string> {
  const checks = await listChecks(profile)
  const check = checks.find((c) => c.id === id)
  if (check === undefined) throw new UsageError(`no check ${JSON.stringify(id)} with profile ${profile}${closeIds(id, checks)} (see "scim-conform checks")`)
  const lines = [
    `${check.id}: ${check.area}, ${check.level}, ${check.readOnly ? 'sends no write (runs under --read-only)' : 'sends writes (creates what it needs, and deletes it)'}`,
    '',
    'Requires:',
  ]
  for (const rid of check.verifies) {
    const r = requirementOf(rid)
    if (r === undefined) continue
    lines.push(`  ${rid} (${r.level}): ${r.summary}`)
    if (r.text) lines.push(`    "${r.text}"`)
    lines.push(`    ${sourceOf(rid, r)}`)
  }
  const fix = fixFor(check.id)
  if (fix) lines.push('', `Fix when it fails: ${fix}`)
  lines.push('', `A failure counts at the level of the requirement it names; ${check.level === 'MUST' ? 'a MUST failure fails the run (exit 1)' : 'it only warns (exit 0)'}.`, '')
  return lines.join('\n')
}

function closeIds(id: string, checks: readonly ListedCheck[]): string {
  const prefix = id.split('.').slice(0, 2).join('.')
  const near = checks.filter((c) => c.id.startsWith(prefix)).slice(0, 5).map((c) => c.id)
  return near.length === 0 ? '' : `; checks starting ${prefix}: ${near.join(', ')}`
}
