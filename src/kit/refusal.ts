import { CheckFailure, CheckWarning } from './check-failure.ts'
import type { HttpResponse } from '../client/http.ts'

// Requests with bad credentials (none, a wrong token, the token misplaced) that the
// server must refuse with 401. Lockout or tarpit protection may hold such a refusal
// past --timeout: no data was given away, so a refusal that never came is a warning
// that names the delay, never a missing 401, and not a target that stopped answering.

export interface RefusalProbe {
  readonly label: string
  readonly send: () => Promise<HttpResponse>
}

type Outcome = { readonly answered: HttpResponse } | { readonly held: string }

/** The request got no answer within --timeout: how a held refusal looks from the client. */
export function isHeld(error: unknown): boolean {
  const e = error as { name?: string; message?: string }
  return e.name === 'TransportError' && /no answer within/.test(e.message ?? '')
}

async function attempt(probe: RefusalProbe): Promise<Outcome> {
  try {
    return { answered: await probe.send() }
  } catch (error) {
    if (isHeld(error)) return { held: probe.label }
    throw error
  }
}

/**
 * Sends the probes (together, or one after another when `sequential`) and fails once, naming
 * each that was answered with anything but 401; warns when all that answered said 401 but some
 * were held past --timeout.
 */
export async function expectRefused(probes: readonly RefusalProbe[], why: string, options: { readonly sequential?: boolean } = {}): Promise<void> {
  const outcomes: Outcome[] = []
  if (options.sequential) for (const probe of probes) outcomes.push(await attempt(probe))
  else outcomes.push(...(await Promise.all(probes.map(attempt))))
  const notRefused = outcomes.flatMap((o) => ('answered' in o && o.answered.status !== 401 ? [`${o.answered.method} ${o.answered.path} answered ${o.answered.status}`] : []))
  if (notRefused.length > 0) throw new CheckFailure(`${why} (RFC 7644 section 2): ${notRefused.join('; ')}`, { expected: 401, actual: notRefused })
  const held = outcomes.flatMap((o) => ('held' in o ? [o.held] : []))
  if (held.length > 0) {
    throw new CheckWarning(
      `${held.length} of ${probes.length} request(s) with bad credentials got no answer within --timeout (${held.join('; ')}): the server holds refusals (lockout or tarpit protection?); a 401 at once is what a client can act on`,
      { expected: 401, actual: held.map((label) => `${label}: no answer`), consequence: 'Entra waits for the answer and, when it times out, retries the request later: a held refusal delays a cycle instead of flagging the credentials' },
    )
  }
}
