// The library entry point, `import { runConformance } from 'scim-conform'`: the run the CLI
// makes, without the command line. It returns the Report (src/report/model.ts, the same data
// as report.json); writeReports renders it; the reference server gives a target to try it on.

export { runConformance, type ConformanceOptions } from './run/run.ts'
export { InternalError } from './errors.ts'
export type { Report, CheckResult, Level } from './report/model.ts'
export { outcome } from './report/model.ts'
export { writeReports, formats, type Format } from '../reporters/index.ts'
export { createReferenceServer, type ReferenceServer, type ReferenceServerOptions } from './server/index.ts'
export { builtInProfiles } from './profile.ts'
