import type { Area } from './suite-index.ts'

// The checks that send bad credentials (no token, a wrong one, the token misplaced) take the
// last turn of a run: they all live in one suite file, queued after every other, and send
// nothing before every other suite file has ended (src/run/suite-runner.ts), so lockout or
// tarpit protection a server turns on after a few bad logins can hold only them.

/** The suite file that holds them, and nothing else. */
export const lastTurnArea = 'auth' as const satisfies Area

/** Their ids, as a regular expression over a check id. */
export const badCredentialChecks = String.raw`(auth\.[^\s]*|security\.(no-token|wrong-token|query-token|other-scheme)\.[^\s]*)`

const badCredentialCheck = new RegExp(`^${badCredentialChecks}$`)

/** Whether this check id sends bad credentials. */
export const sendsBadCredentials = (id: string): boolean => badCredentialCheck.test(id)
