import { appendFileSync, readFileSync, existsSync } from 'node:fs'
import type { Http } from './client/http.ts'
import type { CleanupSummary } from './report/model.ts'

// The journal of what the run created: one JSON line per create, appended the
// moment the server answers it, so a crash or Ctrl-C still leaves a full record
// for the sweep. Only what is in the journal is ever deleted.

export type ResourceKind = 'User' | 'Group'

export type JournalEntry =
  /** The first line: which server the run talked to (never credentials), so cleanup knows where to go. */
  | { readonly op: 'run'; readonly baseUrl: string; readonly prefix: string; readonly at: string }
  | { readonly op: 'created'; readonly kind: ResourceKind; readonly id: string; readonly at: string }
  | { readonly op: 'deleted'; readonly kind: ResourceKind; readonly id: string; readonly at: string }
  | { readonly op: 'left'; readonly kind: ResourceKind; readonly id: string; readonly reason: string; readonly at: string }

export const endpointOf = (kind: ResourceKind): string => (kind === 'User' ? '/Users' : '/Groups')

export function appendJournal(journalPath: string, entry: JournalEntry): void {
  appendFileSync(journalPath, JSON.stringify(entry) + '\n')
}

export function readJournal(journalPath: string): JournalEntry[] {
  if (!existsSync(journalPath)) return []
  return readFileSync(journalPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as JournalEntry]
      } catch {
        return [] // a line cut short by a kill mid-write
      }
    })
}

export function journalBaseUrl(entries: readonly JournalEntry[]): string | undefined {
  const header = entries.find((e) => e.op === 'run')
  return header?.op === 'run' ? header.baseUrl : undefined
}

/** Resources created and not yet deleted, groups first: deleting a group first releases its memberships. */
export function outstanding(entries: readonly JournalEntry[]): { kind: ResourceKind; id: string }[] {
  const live = new Map<string, { kind: ResourceKind; id: string }>()
  for (const e of entries) {
    if (e.op === 'run') continue
    const key = `${e.kind}/${e.id}`
    if (e.op === 'created') live.set(key, { kind: e.kind, id: e.id })
    else if (e.op === 'deleted') live.delete(key)
  }
  return [...live.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'Group' ? -1 : 1))
}

/** Deletes everything the journal says is still there. 404 means already gone. */
export async function sweep(journalPath: string, http: Http): Promise<CleanupSummary> {
  const entries = readJournal(journalPath)
  const created = entries.filter((e) => e.op === 'created').length
  const leftover: { kind: string; id: string; reason: string }[] = []
  for (const { kind, id } of outstanding(entries)) {
    const path = `${endpointOf(kind)}/${encodeURIComponent(id)}`
    try {
      const res = await http.send({ method: 'DELETE', path })
      if (res.status === 204 || res.status === 200 || res.status === 404) {
        appendJournal(journalPath, { op: 'deleted', kind, id, at: new Date().toISOString() })
      } else {
        leftover.push({ kind, id, reason: `DELETE answered ${res.status}` })
      }
    } catch (error) {
      leftover.push({ kind, id, reason: (error as Error).message })
    }
  }
  for (const l of leftover) appendJournal(journalPath, { op: 'left', kind: l.kind as ResourceKind, id: l.id, reason: l.reason, at: new Date().toISOString() })
  return { created, deleted: created - leftover.length, leftover }
}
