import { listChecks } from './check-list.ts'
import { runnerShape } from './suite-runner.ts'
import { THROTTLING_CHECK } from './throttling-check.ts'
import { areas, areasMatching, suiteIndex, type Area } from './suite-index.ts'
import { UsageError } from '../errors.ts'

// What --only selects: a pattern over check ids, and the suite files a run must load for it.

/** --only 'users.*,groups.create.*' → a pattern over the test's full name, anchored at the check id. */
export function globToPattern(globs: string): string {
  const alternatives = globs.split(',').map((glob) =>
    glob.trim().split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^\\s]*'),
  )
  return `(^|\\s)(${alternatives.join('|')})$`
}

/** The suite files a run loads: every one without --only, else those that can hold a selected check. */
export function suiteAreas(only: string | undefined): readonly Area[] {
  return only === undefined ? areas : areasMatching(only)
}

/**
 * An --only that matches no check would run nothing and pass forever: a usage error. The CLI
 * calls this before any request; a run does not. Only the suite files that can hold a match
 * are collected, and none when no file can; they are collected as a run with this
 * --concurrency loads them, so the run that follows finds them loaded.
 */
export async function refuseEmptySelection(only: string, profile: string, concurrency: number): Promise<void> {
  const pattern = new RegExp(globToPattern(only))
  if (pattern.test(THROTTLING_CHECK)) return
  const selected = areasMatching(only)
  if (selected.length > 0 && (await listChecks(profile, selected, runnerShape(concurrency, selected.length))).some((c) => pattern.test(c.id))) return
  const starts = [...new Set([...Object.values(suiteIndex).flat(), THROTTLING_CHECK].map((id) => `${id.split('.')[0]}.`))].sort()
  throw new UsageError(`--only '${only}' matches no check of profile ${profile}: ids start with ${starts.join(', ')}`)
}
