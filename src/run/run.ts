import { mkdirSync, existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { randomBytes } from 'node:crypto'
import { ReportCollector } from './collect.ts'
import { ProgressReporter, type ProgressOutput } from '../../reporters/progress.ts'
import { createPermits, type Permits } from '../client/permits.ts'
import { createHttp, type Http } from '../client/http.ts'
import { clientCredentialsToken, issuedAt, type ClientCredentials } from '../client/oauth.ts'
import { DEFAULT_RETRY_POLICY } from '../client/retry.ts'
import { rateShare } from '../client/rate-limit.ts'
import type { TlsSettings } from '../client/tls.ts'
import { preflight, firstToken, describeTransport } from './preflight.ts'
import { narrowProfile, readAdvertised } from '../kit/advertised.ts'
import { sweep, readJournal, outstanding } from './tracker.ts'
import { loadProfile, type Profile } from '../profile.ts'
import { toolVersion } from '../version.ts'
import { coverageOf } from '../catalogue/coverage.ts'
import { THROTTLING_CHECK, throttlingCheck } from './throttling-check.ts'
import { globToPattern, suiteAreas } from './selection.ts'
import type { Area } from './suite-index.ts'
import { runChecks, runnerShape, type RunnerShape } from './suite-runner.ts'
import { InternalError, TargetUnreachable, UsageError } from '../errors.ts'
import type { Recording, RunConfig, WorkerAuth } from '../kit/run-config.ts'
import { defaultGate, type Gate } from '../report/gates.ts'
import { addThrottling, type AttributesJudged, type CleanupSummary, type Report, type TransportSummary } from '../report/model.ts'

// runConformance(): preflight, the suites in vitest (src/run/suite-runner.ts), the sweep,
// the Report. Never prints the token, never exits the process: the CLI decides what to
// show and how to exit.

export type ResolvedTarget =
  | { readonly baseUrl: string; readonly token: string }
  | { readonly baseUrl: string; readonly clientCredentials: ClientCredentials }

export interface ConformanceOptions {
  readonly target: ResolvedTarget
  readonly profile: string
  readonly reportDir: string
  readonly only?: string
  readonly concurrency: number
  readonly timeoutMs: number
  readonly headers: Readonly<Record<string, string>>
  readonly seed: number
  readonly runs: number
  readonly readOnly?: boolean
  /** all: every check's exchanges go into the report, not only those of failures (default failures). */
  readonly record?: Recording
  /** Which verdict sets the exit code (src/report/gates.ts); absent, the profile's default (defaultGate). */
  readonly gate?: Gate
  /** Entra's request shapes to send instead of the profile's: with or without the aadOptscim062020 flag. */
  readonly dialect?: 'entra' | 'entra-flag'
  /** Retries of a 429/503 answer (default 5). */
  readonly maxRetries?: number
  /** Requests per second the whole run stays under. */
  readonly rate?: number
  /** Where the rate came from: --rate, or the profile's declared limit applied as the default (the report says which). */
  readonly rateOrigin?: 'flag' | 'profile'
  /** The run is stopped (then cleaned up) after this many ms. */
  readonly runTimeoutMs?: number
  readonly tls?: TlsSettings
  /** Checks failing in a row with a transport error before the run stops as unreachable (default 5). */
  readonly maxConsecutiveTransportFailures?: number
  /** Where progress goes while the run goes; omit for silence (library use, self-tests). */
  readonly progress?: ProgressOutput
  /** Aborts the run (Ctrl-C): pending checks are cancelled, then the sweep runs. */
  readonly signal?: AbortSignal
}

export async function runConformance(options: ConformanceOptions): Promise<Report> {
  const startedAt = new Date()
  const profile = withDialect(loadProfile(options.profile), options.dialect)
  const { baseUrl } = options.target
  const tls = options.tls ?? { insecure: false }
  const retry = { ...DEFAULT_RETRY_POLICY, maxRetries: options.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries }
  const deadlineMs = options.runTimeoutMs === undefined ? undefined : startedAt.getTime() + options.runTimeoutMs
  mkdirSync(options.reportDir, { recursive: true })
  const journalPath = path.resolve(options.reportDir, 'journal.jsonl')
  refuseUnsweptJournal(journalPath)
  const prefix = `scimconf-${randomBytes(4).toString('hex')}-`
  writeFileSync(journalPath, JSON.stringify({ op: 'run', baseUrl, prefix, at: startedAt.toISOString() }) + '\n')

  const suites = suiteAreas(options.only)
  const shape = runnerShape(options.concurrency, suites.length)
  const { maxWorkers, maxConcurrency: connectionsPerWorker } = shape
  const target = options.target
  let auth: WorkerAuth
  if ('token' in target) {
    auth = { kind: 'bearer', token: target.token }
  } else {
    const first = await firstToken(target.clientCredentials, tls, options.timeoutMs)
    auth = {
      kind: 'client-credentials', credentials: first.credentials, issued: issuedAt(first.result, Date.now()), firstResponse: first.result.probe,
      ...(first.basicRefused ? { basicRefused: first.basicRefused } : {}),
    }
  }
  // The main process sends alone (preflight before the workers, sweep after them): it may use the whole --rate.
  const mainHttp = createHttp({
    baseUrl, headers: options.headers, timeoutMs: options.timeoutMs, connections: options.concurrency, retry, tls,
    token: auth.kind === 'bearer' ? auth.token : clientCredentialsToken(auth.credentials, auth.issued, () => mainHttp.dispatcher, options.timeoutMs),
    ...(options.rate === undefined ? {} : { ratePerSecond: options.rate }),
    ...(deadlineMs === undefined ? {} : { deadlineMs }),
  })
  // Counted, so the report's request total is every request the run sent: the preflight and the sweep too.
  let mainRequests = 0
  const main: Http = { ...mainHttp, send: (request) => (mainRequests++, mainHttp.send(request)) }
  let cleanup: CleanupSummary
  let permits: Permits | undefined
  let transport: TransportSummary
  let attributes: AttributesJudged
  const stop = stopSignal(options.signal, options.runTimeoutMs)
  const collector = new ReportCollector({ maxConsecutiveTransportFailures: options.maxConsecutiveTransportFailures ?? 5, stopRun: stop.abort })
  try {
    const testConnection = await preflight(main, baseUrl, auth.kind === 'bearer' ? undefined : 'the token from --token-url was refused')
    const advertised = await readAdvertised(main)
    const judged = narrowProfile(profile, advertised)
    attributes = {
      source: advertised.source, ...(advertised.source === 'core-schemas' ? { reason: advertised.reason } : {}),
      leftOut: judged.leftOut.map((l) => `${l.kind} ${l.attribute.path}`),
    }
    transport = await describeTransport({ baseUrl, auth: auth.kind, tls, rate: options.rate, rateOrigin: options.rateOrigin, timeoutMs: options.timeoutMs })
    if (options.progress && options.progress.verbosity !== 'quiet') {
      options.progress.write(`${testConnection}\n`)
      options.progress.write(`Plan: profile ${profile.name} (dialect ${profile.dialect}), at most ${options.concurrency} requests in flight in ${maxWorkers} workers${options.rate === undefined ? '' : `, ${options.rate} requests/s`}; attributes ${attributes.source === 'discovery' ? 'as /Schemas lists them' : `of the core schemas (${attributes.reason ?? ''})`}${attributes.leftOut.length > 0 ? `, ${attributes.leftOut.length} of the profile's left out` : ''}\n`)
    }
    permits = createPermits(options.concurrency)
    const run: RunConfig = {
      permits: permits.shared,
      baseUrl, auth, headers: options.headers, profile: judged.profile, leftOut: judged.leftOut, advertised, dialect: profile.dialect,
      seed: options.seed, runs: options.runs, timeoutMs: options.timeoutMs, connectionsPerWorker, journalPath,
      prefix,
      readOnly: options.readOnly ?? false,
      record: options.record ?? 'failures',
      maxRetries: retry.maxRetries, tls,
      ...(options.rate === undefined ? {} : { ratePerWorker: rateShare(options.rate, maxWorkers) }),
      ...(deadlineMs === undefined ? {} : { deadlineMs }),
    }
    await runSuites(run, collector, permits, shape, suites, { ...options, signal: stop.signal })
  } finally {
    stop.dispose()
    // After passes, failures, crashes and Ctrl-C alike: nothing the run created stays behind.
    permits?.close()
    cleanup = await sweep(journalPath, main, { concurrency: options.concurrency })
    await main.close()
  }
  if (collector.transportGaveUp) {
    const left = cleanup.leftover.length
    throw new TargetUnreachable(`${collector.transportGaveUp}; the run stopped (${left === 0 ? 'nothing it created is left' : `${left} resource(s) left: run "scim-conform cleanup --journal ${journalPath}"`})`)
  }
  if (collector.internalErrors.length > 0) throw new InternalError(collector.internalErrors.join('\n'))
  const timedOut = stop.timedOut
  const throttling = addThrottling(collector.throttling, main.drainThrottling())
  const requests = collector.traffic.requests + mainRequests
  const selected = (id: string) => options.only === undefined || new RegExp(globToPattern(options.only)).test(id)
  const checks = selected(THROTTLING_CHECK)
    ? [...collector.checks, throttlingCheck(throttling, { requests, concurrency: options.concurrency, ...(options.rate === undefined ? {} : { rate: options.rate }) })]
    : collector.checks
  return {
    tool: { name: 'scim-conform', version: toolVersion },
    target: { baseUrl },
    profile: profile.name,
    gate: options.gate ?? defaultGate(profile.dialect),
    ...(profile.connectorProtocol === 'vendor-rest-api'
      ? { caveat: `Entra's ${profile.name} connector is not SCIM: it calls the vendor's own REST API. This verdict is on a SCIM endpoint that would stand in for it, judged on the fields the connector writes, not on the connector Entra runs today.` }
      : {}),
    dialect: profile.dialect,
    seed: options.seed,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    interrupted: collector.interrupted || stop.signal.aborted,
    ...(options.only !== undefined || options.readOnly ? { selection: { ...(options.only === undefined ? {} : { only: options.only, suites: collector.suites }), ...(options.readOnly ? { readOnly: true } : {}) } } : {}),
    checks,
    coverage: coverageOf(checks),
    cleanup,
    throttling,
    transport: timedOut ? { ...transport, warnings: [...transport.warnings, `the run stopped at --run-timeout (${options.runTimeoutMs! / 1000} s)`] } : transport,
    attributes,
    traffic: { ...collector.traffic, requests },
  }
}

/** An Entra profile sent in the other Entra dialect; the rfc profile models no Entra request, so it has none. */
function withDialect(profile: Profile, dialect: ConformanceOptions['dialect']): Profile {
  if (dialect === undefined || dialect === profile.dialect) return profile
  if (profile.dialect === 'rfc') throw new UsageError(`--dialect ${dialect} needs an Entra profile: profile ${profile.name} sends RFC 7644 requests only`)
  return { ...profile, dialect }
}

/** The selected checks in vitest; each run loads only the suite files that can hold a selected check. */
async function runSuites(run: RunConfig, collector: ReportCollector, permits: Permits, shape: RunnerShape, suites: readonly Area[], options: ConformanceOptions): Promise<void> {
  await runChecks(shape, {
    run,
    // Without --only every suite file is loaded, so a full run cannot miss a file the index lacks.
    areas: options.only === undefined ? 'all' : suites,
    ...(options.only === undefined ? {} : { testNamePattern: globToPattern(options.only) }),
    reporters: [collector, ...(options.progress ? [new ProgressReporter(options.progress)] : [])],
    endTurns: permits.endTurns,
    ...(options.signal ? { signal: options.signal } : {}),
  })
}

/**
 * The caller's signal (Ctrl-C), --run-timeout or abort() (the target stopped answering), whichever comes first. Not AbortSignal.any with
 * AbortSignal.timeout: Node 20 may collect that combined signal mid-run, and the timeout never fires.
 */
function stopSignal(caller: AbortSignal | undefined, timeoutMs: number | undefined) {
  const controller = new AbortController()
  let timedOut = false
  const onCaller = () => controller.abort()
  caller?.addEventListener('abort', onCaller, { once: true })
  if (caller?.aborted) controller.abort()
  const timer = timeoutMs === undefined ? undefined : setTimeout(() => ((timedOut = !controller.signal.aborted), controller.abort()), timeoutMs)
  return {
    signal: controller.signal,
    get timedOut() {
      return timedOut
    },
    abort: () => controller.abort(),
    dispose: () => (clearTimeout(timer), caller?.removeEventListener('abort', onCaller)),
  }
}

function refuseUnsweptJournal(journalPath: string): void {
  if (existsSync(journalPath) && outstanding(readJournal(journalPath)).length > 0) {
    throw new UsageError(`${journalPath} lists resources an earlier run left behind: run "scim-conform cleanup --journal ${journalPath}" first, or pick another --report-dir`)
  }
}
