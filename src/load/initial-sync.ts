import { createHistogram, type Histogram, type LatencySummary } from './histogram.ts'
import { createRecorder, type Tally } from './recorder.ts'
import { createJournaled } from './journaled.ts'
import { patchOp } from './traffic-mix.ts'
import { inPool } from '../run/pool.ts'
import { jsonOf, type LoadSend } from './transport.ts'
import { userBody, groupBody, resourcesOf } from '../kit/resources.ts'

// Entra's first cycle for a big tenant: every user matched by filter (no match) and
// created, every group matched and created, then memberships added by PATCH in
// batches. The server's latency is kept per tenth of each phase, to show how it
// grows with the data; ids are the only thing held per resource.

export interface SyncOptions {
  readonly transport: LoadSend
  readonly journalPath: string
  readonly prefix: string
  readonly users: number
  readonly groups: number
  /** Members of the first group (a tenant's "all users" group); every other group gets members / groups of them. */
  readonly members: number
  readonly concurrency: number
  readonly signal?: AbortSignal
}

export interface PhaseGrowth {
  readonly phase: 'users' | 'groups' | 'members'
  readonly durationMs: number
  /** Latency per tenth of the phase, in order: how the server slows as data grows. */
  readonly tenths: readonly LatencySummary[]
}

export interface SyncResult {
  readonly durationMs: number
  readonly usersCreated: number
  readonly groupsCreated: number
  readonly membersAdded: number
  readonly phases: readonly PhaseGrowth[]
  readonly tally: Tally
}

/** Members per PATCH: Entra adds memberships in batches, never one whole group at once. */
export const MEMBER_BATCH = 100

export async function initialSync(options: SyncOptions): Promise<SyncResult> {
  const started = performance.now()
  const recorder = createRecorder(options.transport)
  const userIds: string[] = []
  const groupIds: string[] = []
  let membersAdded = 0
  const phases: PhaseGrowth[] = []

  const phase = async (name: PhaseGrowth['phase'], count: number, task: (i: number, timed: (ms: number) => void) => Promise<void>) => {
    const phaseStart = performance.now()
    const tenths: Histogram[] = Array.from({ length: 10 }, createHistogram)
    await inPool(count, options.concurrency, (i) => task(i, (ms) => tenths[Math.min(9, Math.floor((i * 10) / count))]!.record(ms)), options.signal)
    phases.push({ phase: name, durationMs: Math.round(performance.now() - phaseStart), tenths: tenths.map((h) => h.summary()).filter((s) => s.count > 0) })
  }
  const matchThenCreate = async (kind: 'User' | 'Group', name: string, timed: (ms: number) => void): Promise<string | undefined> => {
    const attribute = kind === 'User' ? 'userName' : 'displayName'
    const t0 = performance.now()
    const match = await recorder.send(`match ${kind.toLowerCase()}`, { method: 'GET', path: `/${kind}s`, query: { filter: `${attribute} eq "${name}"` } }, [200])
    if (match === undefined || resourcesOf(jsonOf(match)).length > 0) return undefined // an existing match would be updated, not created: not ours
    const body = kind === 'User' ? userBody(name) : groupBody(name)
    const id = await createJournaled(recorder, options.journalPath, kind, body, `create ${kind.toLowerCase()}`)
    timed((performance.now() - t0) / 2)
    return id
  }

  await phase('users', options.users, async (i, timed) => {
    const id = await matchThenCreate('User', `${options.prefix}sync-u${i}`, timed)
    if (id !== undefined) userIds[i] = id
  })
  await phase('groups', options.groups, async (i, timed) => {
    const id = await matchThenCreate('Group', `${options.prefix}sync-g${i}`, timed)
    if (id !== undefined) groupIds.push(id)
  })
  const created = userIds.filter((id) => id !== undefined)
  const batches = membershipBatches(groupIds.length, Math.min(options.members, created.length))
  await phase('members', batches.length, async (i, timed) => {
    const { group, from, to } = batches[i]!
    const t0 = performance.now()
    const body = patchOp([{ op: 'add', path: 'members', value: created.slice(from, to).map((value) => ({ value })) }])
    const res = await recorder.send('add members', { method: 'PATCH', path: `/Groups/${encodeURIComponent(groupIds[group]!)}`, body }, [200, 204])
    timed(performance.now() - t0)
    if (res !== undefined && res.status < 300) membersAdded += to - from
  })
  return {
    durationMs: Math.round(performance.now() - started),
    usersCreated: userIds.filter((id) => id !== undefined).length,
    groupsCreated: groupIds.length,
    membersAdded,
    phases,
    tally: recorder.tally(),
  }
}

/** The PATCHes of the membership phase: group 0 gets `members` users, the others members / groups each. */
function membershipBatches(groups: number, members: number): { group: number; from: number; to: number }[] {
  const batches: { group: number; from: number; to: number }[] = []
  for (let group = 0; group < groups; group++) {
    const size = group === 0 ? members : Math.floor(members / groups)
    for (let from = 0; from < size; from += MEMBER_BATCH) batches.push({ group, from, to: Math.min(size, from + MEMBER_BATCH) })
  }
  return batches
}
