import { randomBytes } from 'node:crypto'
import { test, inject, type TaskMeta } from 'vitest'
import { permitClient, type PermitSource } from '../client/permits.ts'
import { createHttp, type Http } from '../client/http.ts'
import { clientCredentialsToken } from '../client/oauth.ts'
import { DEFAULT_RETRY_POLICY } from '../client/retry.ts'
import { ScimClient, type Session } from '../client/scim-client.ts'
import { levelOf, type RequirementId } from '../catalogue/index.ts'
import type { CheckMeta, RunConfig } from './run-config.ts'
import { observeResponse } from './observe.ts'
import { inPool } from '../run/pool.ts'
import { sendsBadCredentials } from '../run/bad-credentials.ts'

// check(): one conformance check = one vitest test whose name is the check id
// and whose meta carries the requirement ids it verifies.

export interface CheckContext {
  /** This check's own client: its exchanges are this check's evidence. */
  readonly scim: ScimClient
  readonly run: RunConfig
  /** Ends the check as skipped with a reason (not applicable to this target or profile). */
  readonly skip: (reason: string) => never
  /** A fresh run-unique name: every resource the run creates carries the run prefix. */
  readonly uniqueName: (label: string) => string
}

export interface CheckOptions {
  readonly verifies: readonly RequirementId[]
  /** The check also runs with --read-only, where it must send only GETs (and unauthenticated probes). */
  readonly readOnly?: true
}

/** A worker's connection to the run for one suite file: its HTTP client and its permits. */
interface FileSession {
  readonly session: Session
  readonly permits: PermitSource
}

let current: FileSession | undefined
let counter = 0
// Names must not collide across workers, which each count from 1.
const fileTag = randomBytes(3).toString('hex')

function workerSession(run: RunConfig): FileSession {
  if (!current) {
    const auth = run.auth
    const source = permitClient(run.permits)
    const token = auth.kind === 'bearer' ? auth.token : clientCredentialsToken(auth.credentials, auth.issued, () => http.dispatcher, run.timeoutMs)
    const http: Http = createHttp({
      baseUrl: run.baseUrl, token, headers: run.headers, timeoutMs: run.timeoutMs, connections: run.connectionsPerWorker,
      retry: { ...DEFAULT_RETRY_POLICY, maxRetries: run.maxRetries }, tls: run.tls,
      ...(run.ratePerWorker === undefined ? {} : { ratePerSecond: run.ratePerWorker }),
      ...(run.deadlineMs === undefined ? {} : { deadlineMs: run.deadlineMs, stopAtMs: run.deadlineMs }),
      permits: source,
    })
    const session: Session = { http, journalPath: run.journalPath, owned: new Set(), live: new Map(), observe: observeResponse, readOnly: run.readOnly }
    current = { session, permits: source }
  }
  return current
}

/**
 * The end of one suite file (src/kit/file-hooks.ts registers it for every file): what the
 * file's checks created is deleted there and then, while other files still run, instead of
 * all at once after the last file. The main process's sweep afterwards deletes whatever
 * this could not. The next file in this worker opens a new session.
 */
export async function endFileSession(file: { readonly meta: TaskMeta }): Promise<void> {
  if (!current) return
  const { session: ending } = current
  current = undefined
  try {
    const cleanup = new ScimClient(ending)
    const live = [...ending.live.values()]
    for (const kind of ['Group', 'User'] as const) {
      const resources = live.filter((r) => r.kind === kind)
      await inPool(resources.length, inject('run').connectionsPerWorker, (i) => cleanup.delete(kind, resources[i]!.id).then(() => undefined, () => undefined))
    }
    file.meta.timings = cleanup.timings
    file.meta.throttling = ending.http.drainThrottling()
  } finally {
    await ending.http.close()
  }
}

export function check(id: string, options: CheckOptions, body: (context: CheckContext) => Promise<void>): void {
  const meta: CheckMeta = { id, verifies: options.verifies, level: levelOf(options.verifies), readOnly: options.readOnly ?? false }
  test(id, { meta: { check: meta } }, async (testContext) => {
    const run = inject('run')
    if (run.readOnly && !options.readOnly) testContext.skip('sends writes; the run is --read-only')
    const { session, permits } = workerSession(run)
    const scim = new ScimClient(session, [], run.record === 'all' ? [] : undefined)
    // Bad credentials go last (src/run/bad-credentials.ts): after every other suite file has ended.
    if (sendsBadCredentials(id) && (await permits.lastTurn()) === 'stopped') testContext.skip('not run: the run stopped before the checks that send bad credentials had their turn')
    const context: CheckContext = {
      scim,
      run,
      skip: (reason: string): never => {
        testContext.skip(reason)
        throw new Error('unreachable: skip() throws')
      },
      uniqueName: (label: string) => `${run.prefix}${label}-${fileTag}${(++counter).toString(36)}`,
    }
    try {
      await body(context)
    } catch (error) {
      throw withExchanges(error, scim)
    } finally {
      testContext.task.meta.observations = scim.observations
      testContext.task.meta.timings = scim.timings
      if (scim.recorded) testContext.task.meta.exchanges = scim.recorded
      testContext.task.meta.throttling = session.http.drainThrottling()
    }
  })
}

/** Attaches this check's exchanges to whatever it threw, so the report can show the evidence. */
function withExchanges(error: unknown, scim: ScimClient): unknown {
  if (error && typeof error === 'object') {
    const e = error as { name?: string; evidence?: Record<string, unknown> }
    // A property check brings the exchanges of its shrunk counterexample; everything else gets the check's own.
    if ((e.name === 'CheckFailure' || e.name === 'CheckWarning' || e.name === 'TransportError') && !Array.isArray(e.evidence?.exchanges)) {
      e.evidence = { ...(e.evidence ?? {}), exchanges: scim.exchanges }
    }
  }
  return error
}
