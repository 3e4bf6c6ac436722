import { SCHEMA_URN } from '../scim/schema-model.ts'
import { userBody, groupBody } from '../kit/resources.ts'
import { setTimeout } from 'node:timers/promises'
import { backoffMs, DEFAULT_RETRY_POLICY } from '../client/retry.ts'
import { createJournaled } from './journaled.ts'
import type { Recorder } from './recorder.ts'

// Entra's steady-state provisioning traffic, as one request per call: mostly
// match-by-filter lookups, then GETs, creates, attribute PATCHes and member adds.
// Only resources this load run created are read, changed or added to the group.

/** Out of 20 requests: 8 filter lookups, 4 GETs, 3 creates, 3 PATCHes, 2 member adds. */
const PATTERN = ['filter', 'get', 'filter', 'create', 'filter', 'patch', 'get', 'filter', 'member', 'create', 'filter', 'get', 'patch', 'filter', 'create', 'get', 'filter', 'member', 'patch', 'filter'] as const
export type MixOperation = (typeof PATTERN)[number]

/** Users kept for GET and PATCH: a bounded ring, so a long run does not grow. */
const RING_SIZE = 1000

export interface TrafficMix {
  /** Sends request n of the mix. */
  send(n: number): Promise<void>
  /**
   * Creates the group member adds go to; call once before send(). Its requests go
   * through `setUpRecorder`, so a 429 left over from an earlier step is waited out
   * and not counted against this one.
   */
  setUp(setUpRecorder: Recorder): Promise<void>
}

export const patchOp = (operations: readonly unknown[]): unknown => ({ schemas: [SCHEMA_URN.patchOp], Operations: operations })

export function createTrafficMix(recorder: Recorder, journalPath: string, prefix: string): TrafficMix {
  const ring: { id: string; userName: string }[] = []
  const notMembers: string[] = []
  let groupId: string | undefined
  let created = 0

  const createUser = async (): Promise<void> => {
    const userName = `${prefix}load-u${(created++).toString(36)}`
    const id = await createJournaled(recorder, journalPath, 'User', userBody(userName), 'create user')
    if (id === undefined) return
    if (ring.length >= RING_SIZE) ring.splice(0, 1)
    ring.push({ id, userName })
    if (notMembers.length < RING_SIZE) notMembers.push(id)
  }
  const pick = (n: number) => ring[n % ring.length]

  return {
    async setUp(setUpRecorder) {
      for (let attempt = 0; groupId === undefined; attempt++) {
        const before = setUpRecorder.tally().throttled
        groupId = await createJournaled(setUpRecorder, journalPath, 'Group', groupBody(`${prefix}load-group`), 'create group')
        const throttled = setUpRecorder.tally().throttled > before
        if (groupId === undefined && !(throttled && attempt < DEFAULT_RETRY_POLICY.maxRetries)) {
          const reason = throttled ? `answered 429 ${attempt + 1} times` : setUpRecorder.tally().examples.join('; ')
          throw new Error(`the target did not create the load run's group: ${reason}`)
        }
        if (groupId === undefined) await setTimeout(backoffMs(attempt, DEFAULT_RETRY_POLICY, Math.random))
      }
    },
    async send(n) {
      const operation = PATTERN[n % PATTERN.length]!
      const user = pick(n)
      if (operation === 'create' || user === undefined) return createUser()
      if (operation === 'filter') {
        // Half the lookups match a user, half miss (Entra's match before a create).
        const userName = n % 2 === 0 ? user.userName : `${prefix}load-absent-${n.toString(36)}`
        await recorder.send('filter lookup', { method: 'GET', path: '/Users', query: { filter: `userName eq "${userName}"` } }, [200])
      } else if (operation === 'get') {
        await recorder.send('get user', { method: 'GET', path: `/Users/${encodeURIComponent(user.id)}` }, [200])
      } else if (operation === 'patch') {
        const body = patchOp([{ op: 'replace', path: 'displayName', value: `Load ${n}` }])
        await recorder.send('patch user', { method: 'PATCH', path: `/Users/${encodeURIComponent(user.id)}`, body }, [200, 204])
      } else {
        const member = notMembers.shift() ?? user.id
        const body = patchOp([{ op: 'add', path: 'members', value: [{ value: member }] }])
        await recorder.send('add member', { method: 'PATCH', path: `/Groups/${encodeURIComponent(groupId!)}`, body }, [200, 204])
      }
    },
  }
}
