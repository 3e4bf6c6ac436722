import type { Handle, ServerFeatures } from '../../src/server/index.ts'

// A fault is the reference server with exactly one defect, and `breaks` is its
// whole blast radius: the check ids that must fail (or warn), and no others.
// A check that no fault breaks is a check that cannot fail.

export interface Fault {
  readonly id: string
  readonly defect: string
  readonly breaks: readonly string[]
  /**
   * When given, the exact check ids the defect blocks (their set-up failed, so they were
   * not judged), each under a cause that is one of `breaks` or itself blocked.
   */
  readonly blocks?: readonly string[]
  /** Of `breaks`, the checks that must only warn: the rule they break is a SHOULD or MAY. */
  readonly warns?: readonly string[]
  readonly wrap: (handle: Handle) => Handle
  /** Limit the run to these checks (a --only glob) when the rest cannot be affected. */
  readonly only?: string
  /** Run with this profile instead of entra (a fault that only some profiles can see). */
  readonly profile?: string
  /** Start the reference server with these features (a fault in a feature that is off by default). */
  readonly features?: Partial<ServerFeatures>
  /** The failure must point at the offending value: this check's evidence carries a JSON pointer matching it. */
  readonly pointer?: { readonly check: string; readonly matches: RegExp }
  /** The failure message must quote what came back: this check's message matches it. */
  readonly message?: { readonly check: string; readonly matches: RegExp }
}
