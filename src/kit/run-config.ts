import type { Dialect, Throttling } from '../report/model.ts'
import type { ClientCredentials, IssuedToken, TokenProbe } from '../client/oauth.ts'
import type { TlsSettings } from '../client/tls.ts'
import type { RequirementId } from '../catalogue/index.ts'
import type { Exchange } from '../client/exchange.ts'
import type { Profile } from '../profile.ts'
import type { Advertised, LeftOut } from './advertised.ts'
import type { TimingSample } from '../report/latency.ts'
// Resolves 'vitest' from this file, so the augmentation below applies whatever order tsc reads the program in.
import type {} from 'vitest'

// What the main process hands every suite worker through vitest's provide/inject.
// Plain serialisable data; the token and the client secret travel in memory
// only and are never written.

export type WorkerAuth =
  | { readonly kind: 'bearer'; readonly token: string }
  /**
   * Each worker starts with the token the main process fetched and renews it
   * itself with the same credentials (before expiry, and on a 401).
   */
  | {
    readonly kind: 'client-credentials'; readonly credentials: ClientCredentials; readonly issued: IssuedToken; readonly firstResponse: TokenProbe
    /** The token endpoint refused Entra's Authorization: Basic client authentication; the run used body credentials. */
    readonly basicRefused?: TokenProbe
  }

/** --record: whose exchanges the report keeps; failures' are always their evidence. */
export const recordings = ['failures', 'all'] as const
export type Recording = (typeof recordings)[number]

export interface RunConfig {
  readonly baseUrl: string
  readonly auth: WorkerAuth
  readonly headers: Readonly<Record<string, string>>
  /**
   * The loaded, validated profile (data), narrowed to the attributes the server advertises
   * (src/kit/advertised.ts): workers never re-read or re-resolve a path.
   */
  readonly profile: Profile
  /** The profile's attributes the run does not send, because /Schemas or /ResourceTypes do not list them. */
  readonly leftOut: readonly LeftOut[]
  /** Where the attribute list came from: discovery, or the core schemas when discovery could not be read. */
  readonly advertised: Advertised
  readonly dialect: Dialect
  readonly seed: number
  readonly runs: number
  readonly timeoutMs: number
  readonly connectionsPerWorker: number
  readonly maxRetries: number
  /** This worker's share of --rate (the run-wide rate divided by the worker count). */
  readonly ratePerWorker?: number
  readonly tls: TlsSettings
  /** Epoch ms of --run-timeout: no throttling wait goes past it. */
  readonly deadlineMs?: number
  readonly journalPath: string
  /** The run-wide --concurrency limit, in memory the worker threads share (src/client/permits.ts). */
  readonly permits: SharedArrayBuffer
  /** --read-only: checks that write are skipped, and the client refuses to send a write. */
  readonly readOnly: boolean
  /** all: every check hands its exchanges (and its forks') to the report, not only a failure's evidence. */
  readonly record: Recording
  /** Run-unique prefix carried by every userName and displayName the run creates. */
  readonly prefix: string
}

export interface CheckMeta {
  /** Stable id, e.g. 'users.create.status-201'; also the vitest test name. */
  readonly id: string
  readonly verifies: readonly RequirementId[]
  readonly level: 'MUST' | 'SHOULD' | 'MAY'
  /** Sends no write: runs under --read-only. */
  readonly readOnly: boolean
}

/** A response body the run validated, and what was wrong with it. Collected into the schema.* checks. */
export interface Observation {
  /** The schema check this observation counts for, e.g. 'schema.user'. */
  readonly check: string
  readonly violations: readonly { readonly pointer: string; readonly rule: string; readonly message: string }[]
  /** The exchange that broke the rule; kept only when there are violations, to keep task meta small. */
  readonly exchange?: Exchange
}

declare module 'vitest' {
  interface ProvidedContext {
    run: RunConfig
  }
  interface TaskMeta {
    check?: CheckMeta
    observations?: Observation[]
    timings?: TimingSample[]
    /** 429/503 the worker's Http saw since the previous check ended (summed into report.throttling). */
    throttling?: Throttling
    /** --record all: every exchange the check sent, redacted at capture as evidence is. */
    exchanges?: Exchange[]
  }
}
