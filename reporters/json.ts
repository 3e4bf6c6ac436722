import type { BaselineComparison } from '../src/report/baseline.ts'
import { outcome, type Report } from '../src/report/model.ts'

/**
 * report.json: the Report as is (shape in schemas/report.schema.json), plus its verdict
 * label and the baseline comparison when one was made. Reading it back gives a Report, so a
 * report.json is itself a baseline for a later run.
 */
export function json(report: Report, comparison?: BaselineComparison): string {
  // The verdict is derived, never read back: written so a CI step can read it without re-deriving it.
  const document = { ...report, verdict: outcome(report).label, ...(comparison ? { baseline: comparison } : {}) }
  return JSON.stringify(document, null, 2) + '\n'
}
