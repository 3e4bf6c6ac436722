import type { Fault } from './fault.ts'

// throughput.throttling: a server that throttles the run's ordinary pace. The run
// retries (Retry-After 0), so every other check still passes; only the warning shows it.

export const throughputFaults: readonly Fault[] = [
  {
    id: 'throttles-every-tenth',
    defect: 'answers every tenth request 429 at the default concurrency',
    breaks: ['throughput.throttling'],
    only: 'users.create.*,throughput.*',
    wrap: (inner) => {
      let count = 0
      return async (req) => (++count % 10 === 0
        ? { status: 429, headers: { 'retry-after': '0', 'content-type': 'application/scim+json' }, body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'slow down' }) }
        : inner(req))
    },
  },
]
