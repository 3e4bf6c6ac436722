import { appendJournal, endpointOf, outstanding, readJournal, sweep } from '../run/tracker.ts'
import type { Http } from '../client/http.ts'
import type { CleanupSummary } from '../report/model.ts'

// Deletes what a load run journaled, `concurrency` at a time (a 10,000-user sync
// would take minutes one by one), groups first; then the ordinary sweep retries
// anything left and gives the summary.

export async function cleanupJournaled(journalPath: string, http: Http, concurrency: number): Promise<CleanupSummary> {
  const pending = outstanding(readJournal(journalPath))
  for (const kind of ['Group', 'User'] as const) {
    const queue = pending.filter((p) => p.kind === kind)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < queue.length) {
        const { id } = queue[next++]!
        try {
          const res = await http.send({ method: 'DELETE', path: `${endpointOf(kind)}/${encodeURIComponent(id)}` })
          if (res.status === 204 || res.status === 200 || res.status === 404) appendJournal(journalPath, { op: 'deleted', kind, id, at: new Date().toISOString() })
        } catch {
          // left for the sweep below, which retries and reports it
        }
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker))
  }
  return sweep(journalPath, http)
}
