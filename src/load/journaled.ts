import { appendJournal, endpointOf, type ResourceKind } from '../run/tracker.ts'
import { idOf } from '../kit/resources.ts'
import type { Recorder } from './recorder.ts'
import { jsonOf } from './transport.ts'

// Creates through the recorder and journals the id the moment the server answers,
// so the clean-up (or `scim-conform cleanup --journal`) finds everything.

export async function createJournaled(recorder: Recorder, journalPath: string, kind: ResourceKind, body: unknown, operation: string): Promise<string | undefined> {
  const response = await recorder.send(operation, { method: 'POST', path: endpointOf(kind), body }, [200, 201])
  const id = response && response.status < 300 ? idOf(jsonOf(response)) : undefined
  if (id !== undefined) appendJournal(journalPath, { op: 'created', kind, id, at: new Date().toISOString() })
  return id
}
