import type { BaselineComparison } from '../src/report/baseline.ts'
import type { Report } from '../src/report/model.ts'

/**
 * report.json: the Report as is (shape in schemas/report.schema.json), plus the
 * baseline comparison when one was made. Reading it back gives a Report, so a
 * report.json is itself a baseline for a later run.
 */
export function json(report: Report, comparison?: BaselineComparison): string {
  const document = comparison ? { ...report, baseline: comparison } : report
  return JSON.stringify(document, null, 2) + '\n'
}
