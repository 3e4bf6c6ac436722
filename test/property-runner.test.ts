import { it, expect } from 'vitest'
import fc from 'fast-check'
import { forAll } from '../src/kit/property.ts'
import { CheckFailure } from '../src/kit/check-failure.ts'
import type { ScimClient } from '../src/client/scim-client.ts'

// forAll checks its generated cases eight at a time before fast-check's own (sequential) run
// shrinks a failure. A replay with the same seed must send the same cases, however the answers
// interleave: up to the first failing case and the seven after it, never more.

const client = { fork() { return this }, exchanges: [] } as unknown as ScimClient
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

it('sends the same cases whatever order the answers come back in', async () => {
  const sentOnce = async (delays: (n: number) => number): Promise<number[]> => {
    const sent: number[] = []
    await forAll(fc.integer({ min: 0, max: 1_000_000 }), async (n) => {
      sent.push(n)
      await sleep(delays(n))
      if (n % 7 === 3) throw new CheckFailure(`case ${n} fails`, {})
    }, { seed: 11, runs: 50, scim: client, describe: String }).catch((error: unknown) => {
      if (!(error instanceof CheckFailure)) throw error
    })
    return sent.sort((a, b) => a - b)
  }
  const even = await sentOnce(() => 1)
  // Failing cases answer slowly: the passing ones after them end first.
  const skewed = await sentOnce((n) => (n % 7 === 3 ? 40 : 0))
  expect(skewed).toEqual(even)
  expect(even.length).toBeLessThan(50)
})
