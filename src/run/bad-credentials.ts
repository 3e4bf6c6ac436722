import type { Area } from './suite-index.ts'

// The checks that send bad credentials (no token, a wrong one, the token misplaced) run
// after every other check, in a phase of their own (src/run/run.ts): lockout or tarpit
// protection a server turns on after a few bad logins can then hold only them.

/** The suite files that hold them: the last phase loads no other. */
export const badCredentialAreas = ['auth', 'security'] as const satisfies readonly Area[]

/** Their ids, as a regular expression over a check id. */
export const badCredentialChecks = String.raw`(auth\.[^\s]*|security\.(no-token|wrong-token|query-token|other-scheme)\.[^\s]*)`

/** A test name pattern: the selected checks (an --only pattern, or all), with or without the bad-credential ones. */
export function phasePattern(only: string | undefined, badCredentials: 'without' | 'only'): string {
  const bad = String.raw`.*(^|\s)${badCredentialChecks}$`
  return `^${only === undefined ? '' : `(?=.*${only})`}${badCredentials === 'only' ? `(?=${bad})` : `(?!${bad})`}`
}
