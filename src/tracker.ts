import { appendFileSync, readFileSync, existsSync } from 'node:fs'
import type { Http } from './client/http.ts'
import type { CleanupSummary } from './report/model.ts'
import { inPool } from './pool.ts'

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

export interface SweepOptions {
  /** Deletes in flight at once (the run's --concurrency). */
  readonly concurrency?: number
}

/**
 * Deletes everything the journal says is still there, groups before users (deleting a group
 * releases its memberships), up to `concurrency` at a time. 404 means already gone.
 * Then it looks for resources carrying the run's prefix that the journal never saw (a create
 * answered after a kill, a resource a Bulk request made but did not report) and deletes them
 * too; a name is checked locally against the prefix, so a server that ignores the filter can
 * never make the sweep touch anything else.
 */
export async function sweep(journalPath: string, http: Http, options: SweepOptions = {}): Promise<CleanupSummary> {
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const entries = readJournal(journalPath)
  const leftover: { kind: string; id: string; reason: string }[] = []
  const remove = async ({ kind, id }: { kind: ResourceKind; id: string }): Promise<void> => {
    try {
      const res = await http.send({ method: 'DELETE', path: `${endpointOf(kind)}/${encodeURIComponent(id)}` })
      if (res.status === 204 || res.status === 200 || res.status === 404) {
        appendJournal(journalPath, { op: 'deleted', kind, id, at: new Date().toISOString() })
      } else {
        leftover.push({ kind, id, reason: `DELETE answered ${res.status}` })
      }
    } catch (error) {
      leftover.push({ kind, id, reason: (error as Error).message })
    }
  }
  const pending = outstanding(entries)
  for (const kind of ['Group', 'User'] as const) await eachInPool(pending.filter((r) => r.kind === kind), concurrency, remove)
  const header = entries.find((e) => e.op === 'run')
  if (header?.op === 'run') {
    const known = new Set(entries.filter((e) => e.op === 'created').map((e) => `${e.kind}/${e.id}`))
    for (const kind of ['Group', 'User'] as const) {
      const strays = (await findByPrefix(http, kind, header.prefix)).filter((id) => !known.has(`${kind}/${id}`))
      for (const id of strays) appendJournal(journalPath, { op: 'created', kind, id, at: new Date().toISOString() })
      await eachInPool(strays.map((id) => ({ kind, id })), concurrency, remove)
    }
  }
  const created = readJournal(journalPath).filter((e) => e.op === 'created').length
  for (const l of leftover) appendJournal(journalPath, { op: 'left', kind: l.kind as ResourceKind, id: l.id, reason: l.reason, at: new Date().toISOString() })
  return { created, deleted: created - leftover.length, leftover }
}

const nameAttribute = (kind: ResourceKind): 'userName' | 'displayName' => (kind === 'User' ? 'userName' : 'displayName')

/** Ids of resources whose name starts with the run prefix. Best effort: a server without `sw` just finds none. */
async function findByPrefix(http: Http, kind: ResourceKind, prefix: string): Promise<string[]> {
  const attribute = nameAttribute(kind)
  try {
    const res = await http.send({ method: 'GET', path: endpointOf(kind), query: { filter: `${attribute} sw "${prefix}"`, count: '200', attributes: attribute } })
    const resources = (res.json as { Resources?: { id?: unknown; [name: string]: unknown }[] } | undefined)?.Resources
    if (res.status !== 200 || !Array.isArray(resources)) return []
    return resources.flatMap((r) => {
      const name = Object.entries(r).find(([key]) => key.toLowerCase() === attribute.toLowerCase())?.[1]
      return typeof r.id === 'string' && typeof name === 'string' && name.toLowerCase().startsWith(prefix.toLowerCase()) ? [r.id] : []
    })
  } catch {
    return []
  }
}

const eachInPool = <T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> =>
  inPool(items.length, size, (i) => work(items[i]!))
