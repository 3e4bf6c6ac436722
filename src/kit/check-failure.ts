import type { RequirementId } from '../catalogue/index.ts'
import type { Evidence } from '../report/model.ts'

/**
 * A verdict raised inside a check: the target did not do what the rule requires.
 * Vitest copies own properties across the worker boundary, so `evidence` and
 * `requirement` reach the collector as plain data; it is recognised there by
 * `name`, never instanceof.
 */
export class CheckFailure extends Error {
  override readonly name = 'CheckFailure'
  readonly evidence: Omit<Evidence, 'exchanges'> & { readonly exchanges?: Evidence['exchanges'] }
  /**
   * The requirement this failure breaks. Its level is the failure's level: a check citing a
   * MUST and a SHOULD warns when the SHOULD is what broke. Without it, the check's level.
   */
  readonly requirement?: RequirementId

  /** Without `exchanges`, check() attaches the check's own exchanges as the evidence. */
  constructor(message: string, evidence: Omit<Evidence, 'exchanges'> & { readonly exchanges?: Evidence['exchanges'] } = {}, requirement?: RequirementId) {
    super(message)
    this.evidence = evidence
    if (requirement !== undefined) this.requirement = requirement
  }
}

/** What a check saw that is worth a warning but proves no breach of its rule: never fails the run, whatever the level. */
export class CheckWarning extends Error {
  override readonly name = 'CheckWarning'
  readonly evidence: Omit<Evidence, 'exchanges'> & { readonly exchanges?: Evidence['exchanges'] }

  constructor(message: string, evidence: Omit<Evidence, 'exchanges'> & { readonly exchanges?: Evidence['exchanges'] } = {}) {
    super(message)
    this.evidence = evidence
  }
}

/** Throws a CheckFailure unless the condition holds; `requirement` names the rule that broke. */
export function ensure(condition: unknown, message: string, evidence: Omit<Evidence, 'exchanges'> = {}, requirement?: RequirementId): asserts condition {
  if (!condition) throw new CheckFailure(message, evidence, requirement)
}

export function ensureStatus(response: { readonly status: number; readonly method: string; readonly path: string }, expected: number | readonly number[], why?: string, requirement?: RequirementId): void {
  const allowed = typeof expected === 'number' ? [expected] : expected
  if (!allowed.includes(response.status)) {
    const expectedText = allowed.join(' or ')
    throw new CheckFailure(
      `${response.method} ${response.path} answered ${response.status}, expected ${expectedText}${why ? `: ${why}` : ''}`,
      { expected: expectedText, actual: response.status },
      requirement,
    )
  }
}
