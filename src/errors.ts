// Tool errors: something stops the run itself. Verdicts (a check failed) are
// data in the report and never one of these.

export type ExitStatus = 0 | 1 | 2 | 3 | 4

export abstract class RunError extends Error {
  abstract readonly code: string
  abstract readonly exitCode: ExitStatus
}

/** A bad flag, environment variable, profile or format. Exit 2. */
export class UsageError extends RunError {
  override readonly name = 'UsageError'
  readonly code = 'SCIM_CONFORM_USAGE'
  readonly exitCode = 2
}

/** The target did not answer (connection refused, DNS, TLS, timeout). Exit 3. */
export class TargetUnreachable extends RunError {
  override readonly name = 'TargetUnreachable'
  readonly code = 'SCIM_CONFORM_UNREACHABLE'
  readonly exitCode = 3
}

/** The target answered 401/403 to the preflight probe. Exit 3. */
export class AuthRejected extends RunError {
  override readonly name = 'AuthRejected'
  readonly code = 'SCIM_CONFORM_AUTH_REJECTED'
  readonly exitCode = 3
}

/** The target answered, but not as a SCIM server (an HTML page, a 404 from a web app): a wrong --url. Exit 3. */
export class NotScim extends RunError {
  override readonly name = 'NotScim'
  readonly code = 'SCIM_CONFORM_NOT_SCIM'
  readonly exitCode = 3
}

/** Scim-conform's own bug surfaced during a run: exit 4, never mistaken for a verdict. */
export class InternalError extends Error {
  override readonly name = 'InternalError'
}
