import { setTimeout as sleep } from 'node:timers/promises'
import type { Handle, ScimHttpResponse } from '../../src/server/index.ts'
import { TOKEN } from '../helpers.ts'

// Proxies in front of the reference server that are slow, throttle or punish bad
// logins, as independently written servers do. Each changes only how and when the
// answer comes, never what it says.

const throttled = (status: 429 | 503, retryAfterS?: number): ScimHttpResponse => ({
  status,
  headers: { 'content-type': 'application/scim+json', ...(retryAfterS === undefined ? {} : { 'retry-after': String(retryAfterS) }) },
  body: JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: String(status), detail: 'slow down' }),
})

export const slow = (ms: number) => (inner: Handle): Handle => async (req) => (await sleep(ms), inner(req))

/** Every nth request is answered 429 with Retry-After. */
export const every429 = (n: number, retryAfterS: number) => (inner: Handle): Handle => {
  let count = 0
  return async (req) => (++count % n === 0 ? throttled(429, retryAfterS) : inner(req))
}

/** Every 50th request starts a burst: it and the next `length` - 1 are answered 503 without Retry-After. */
export const bursts503 = (length: number) => (inner: Handle): Handle => {
  let count = 0
  let left = 0
  return async (req) => {
    if (++count % 50 === 0) left = length
    if (left > 0) return (left--, throttled(503))
    return inner(req)
  }
}

/** From the third request with bad credentials on, the 401 comes only after `holdMs` (lockout or tarpit protection). */
export interface Tarpit {
  readonly wrap: (inner: Handle) => Handle
  /** Every request in arrival order: whether it carried bad credentials. */
  readonly arrivals: readonly { readonly bad: boolean; readonly method: string }[]
}

export function tarpit(holdMs: number): Tarpit {
  const arrivals: { bad: boolean; method: string }[] = []
  let bad = 0
  return {
    arrivals,
    wrap: (inner) => async (req) => {
      const isBad = req.headers.authorization !== `Bearer ${TOKEN}`
      arrivals.push({ bad: isBad, method: req.method })
      // Unref'd: a held answer must not keep the test process alive after the server closes.
      if (isBad && ++bad >= 3) await sleep(holdMs, undefined, { ref: false })
      return inner(req)
    },
  }
}
