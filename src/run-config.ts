import type { Dialect } from './report/model.ts'
import type { RequirementId } from './catalogue.ts'
import type { Exchange } from './client/exchange.ts'
import type { Profile } from './profile.ts'
import type { TimingSample } from './report/latency.ts'

// What the main process hands every suite worker through vitest's provide/inject.
// Plain serialisable data; the token travels in memory only and is never written.

export interface RunConfig {
  readonly baseUrl: string
  readonly token: string
  readonly headers: Readonly<Record<string, string>>
  /** The loaded, validated profile (data): workers never re-read or re-resolve a path. */
  readonly profile: Profile
  readonly dialect: Dialect
  readonly seed: number
  readonly runs: number
  readonly timeoutMs: number
  readonly connectionsPerWorker: number
  readonly journalPath: string
  /** --read-only: checks that write are skipped, and the client refuses to send a write. */
  readonly readOnly: boolean
  /** Run-unique prefix carried by every userName and displayName the run creates. */
  readonly prefix: string
}

export interface CheckMeta {
  /** Stable id, e.g. 'users.create.status-201'; also the vitest test name. */
  readonly id: string
  readonly verifies: readonly RequirementId[]
  readonly level: 'MUST' | 'SHOULD' | 'MAY'
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
  }
}
