import { describe } from 'vitest'
import { Blocked } from './blocked.ts'
import { check, type CheckContext } from './check.ts'
import type { RequirementId } from '../catalogue/index.ts'

// A scenario replays one of Entra's flows as ordered steps. Each step is its own
// check (`<scenario>.<step>`), so the report groups results by step; the steps
// run one after another in one worker and share state through the suite's closure.
// After a failed (or blocked) step the later ones are blocked by it: they would
// only repeat its failure, and are not judged.

export interface StepOptions {
  readonly verifies: readonly RequirementId[]
  /** What Entra's provisioning job does when this step fails. */
  readonly consequence: string
}

export type Step = (name: string, options: StepOptions, body: (context: CheckContext) => Promise<void>) => void

export function scenario(name: string, define: (step: Step) => void): void {
  describe.sequential(name, () => {
    let failedStep: string | undefined
    const defined: string[] = []
    const started = new Set<string>()
    define((stepName, options, body) => {
      const earlier = [...defined]
      defined.push(stepName)
      check(`${name}.${stepName}`, { verifies: options.verifies }, async (context) => {
        // --only can select a step without the ones it starts from: say so, rather than judge it from nothing.
        const missing = earlier.filter((s) => !started.has(s))
        if (missing.length > 0) context.skip(`this step starts from the earlier steps of ${name} (${missing.join(', ')}), which the selection left out: select '${name}.*'`)
        started.add(stepName)
        if (failedStep !== undefined) throw new Blocked(`step "${failedStep}" of ${name} did not pass, and this step starts from it`, { check: `${name}.${failedStep}` })
        try {
          await body(context)
        } catch (error) {
          // A skip thrown by the step itself, or a block before it sent anything, leaves the scenario's state sound.
          if (!isSkip(error) && !(error instanceof Blocked && error.sentNothing)) failedStep = stepName
          throw annotate(error, name, stepName, options.consequence, context)
        }
      })
    })
  })
}

/** vitest's skip() throws its PendingError. */
function isSkip(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === 'VITEST_PENDING'
}

/** Names the step, the profile and the dialect in the failure, and says what Entra does. */
function annotate(error: unknown, scenarioName: string, stepName: string, consequence: string, context: CheckContext): unknown {
  if (!(error instanceof Error) || (error.name !== 'CheckFailure' && error.name !== 'TransportError')) return error
  const { profile } = context.run
  error.message = `step "${stepName}" of ${scenarioName} (profile ${profile.name}, dialect ${profile.dialect}): ${error.message}`
  const withEvidence = error as Error & { evidence?: Record<string, unknown> }
  withEvidence.evidence = { ...withEvidence.evidence, dialect: profile.dialect, consequence: withEvidence.evidence?.['consequence'] ?? consequence }
  return error
}
