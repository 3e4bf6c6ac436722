import { appendFileSync, readFileSync, existsSync } from 'node:fs'
import type { Http } from '../client/http.ts'
import type { CleanupSummary } from '../report/model.ts'
import { inPool } from './pool.ts'
import { findByPrefix } from './prefix-search.ts'
import { isDeleteUnsupported } from '../kit/delete-support.ts'
import { SCHEMA_URN } from '../scim/schema-model.ts'

// The journal of what the run created: one JSON line per create, appended the
// moment the server answers it, so a crash or Ctrl-C still leaves a full record
// for the sweep. Only what is in the journal is ever deleted.

export type ResourceKind = 'User' | 'Group'

export type JournalEntry =
  /** The first line: which server the run talked to (never credentials), so cleanup knows where to go. */
  | { readonly op: 'run'; readonly baseUrl: string; readonly prefix: string; readonly at: string }
  | { readonly op: 'created'; readonly kind: ResourceKind; readonly id: string; readonly at: string }
  /** One resource with this id was deleted (a server may hold several under one id). */
  | { readonly op: 'deleted'; readonly kind: ResourceKind; readonly id: string; readonly at: string }
  /** The id answered 404: nothing is left under it, however often it was created. */
  | { readonly op: 'gone'; readonly kind: ResourceKind; readonly id: string; readonly at: string }
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

/**
 * Resources created and not yet deleted, groups first: deleting a group first releases its
 * memberships. Counted per create, not per id: a server deriving ids from externalId can
 * hold two resources under one id, and each needs its own DELETE.
 */
export function outstanding(entries: readonly JournalEntry[]): { kind: ResourceKind; id: string }[] {
  const live = new Map<string, { kind: ResourceKind; id: string; count: number }>()
  for (const e of entries) {
    if (e.op === 'run' || e.op === 'left') continue
    const key = `${e.kind}/${e.id}`
    const entry = live.get(key) ?? { kind: e.kind, id: e.id, count: 0 }
    if (e.op === 'created') entry.count++
    else if (e.op === 'deleted') entry.count = Math.max(0, entry.count - 1)
    else entry.count = 0
    live.set(key, entry)
  }
  return [...live.values()]
    .flatMap(({ kind, id, count }) => Array.from({ length: count }, () => ({ kind, id })))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'Group' ? -1 : 1))
}

export interface SweepOptions {
  /** Deletes in flight at once (the run's --concurrency). */
  readonly concurrency?: number
  /** cleanup --prefix: also delete every resource named with this prefix, walking all resources if the server refuses `sw`. */
  readonly prefix?: string
}

/**
 * Deletes everything the journal says is still there, groups before users (deleting a group
 * releases its memberships), up to `concurrency` at a time; one DELETE per create, as ids may
 * repeat. 404 means nothing is left under the id. Then it looks for resources carrying the
 * run's prefix that the journal never saw (a create answered after a kill, a resource a Bulk
 * request made but did not report, a second resource under a reused id) and deletes them too,
 * until a search finds none.
 */
const DISABLE = { schemas: [SCHEMA_URN.patchOp], Operations: [{ op: 'replace', path: 'active', value: false }] }

export async function sweep(journalPath: string, http: Http, options: SweepOptions = {}): Promise<CleanupSummary> {
  const concurrency = Math.max(1, options.concurrency ?? 4)
  const entries = readJournal(journalPath)
  const leftover = new Map<string, { kind: string; id: string; reason: string }>()
  const gone = new Set<string>()
  let deleted = 0
  const remove = async ({ kind, id }: { kind: ResourceKind; id: string }): Promise<void> => {
    const key = `${kind}/${id}`
    if (gone.has(key)) return
    try {
      const res = await http.send({ method: 'DELETE', path: `${endpointOf(kind)}/${encodeURIComponent(id)}` })
      const at = new Date().toISOString()
      if (res.status === 204 || res.status === 200) {
        deleted++
        leftover.delete(key)
        appendJournal(journalPath, { op: 'deleted', kind, id, at })
      } else if (res.status === 404) {
        gone.add(key)
        leftover.delete(key)
        appendJournal(journalPath, { op: 'gone', kind, id, at })
      } else if (kind === 'User' && isDeleteUnsupported(res.status)) {
        // An app that only soft-deletes: the user stays, but no longer holds a seat or access.
        const disable = await http.send({ method: 'PATCH', path: `${endpointOf(kind)}/${encodeURIComponent(id)}`, body: DISABLE })
        leftover.set(key, { kind, id, reason: `DELETE answered ${res.status} (the server does not delete users); ${disable.status < 300 ? 'disabled with active=false instead' : `disabling it answered ${disable.status}`}` })
      } else {
        leftover.set(key, { kind, id, reason: `DELETE answered ${res.status}` })
      }
    } catch (error) {
      leftover.set(key, { kind, id, reason: (error as Error).message })
    }
  }
  const pending = outstanding(entries)
  for (const kind of ['Group', 'User'] as const) await eachInPool(pending.filter((r) => r.kind === kind), concurrency, remove)
  const header = entries.find((e) => e.op === 'run')
  const prefix = options.prefix ?? (header?.op === 'run' ? header.prefix : undefined)
  if (prefix !== undefined) {
    for (const kind of ['Group', 'User'] as const) {
      // Each round deletes what the search found; a reused id hides its second resource until the first is gone.
      for (let round = 0; round < 5; round++) {
        const found = (await findByPrefix(http, kind, prefix, { walk: options.prefix !== undefined })).filter((id) => !leftover.has(`${kind}/${id}`))
        if (found.length === 0) break
        gone.clear()
        for (const id of found) appendJournal(journalPath, { op: 'created', kind, id, at: new Date().toISOString() })
        await eachInPool(found.map((id) => ({ kind, id })), concurrency, remove)
      }
    }
  }
  const created = readJournal(journalPath).filter((e) => e.op === 'created').length
  for (const l of leftover.values()) appendJournal(journalPath, { op: 'left', kind: l.kind as ResourceKind, id: l.id, reason: l.reason, at: new Date().toISOString() })
  return { created, deleted: created - outstanding(readJournal(journalPath)).length, leftover: [...leftover.values()] }
}

const eachInPool = <T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> =>
  inPool(items.length, size, (i) => work(items[i]!))
