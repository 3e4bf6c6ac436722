import { parseArgs, type ParseArgsConfig } from 'node:util'
import { accessSync, constants, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { UsageError } from '../errors.ts'
import { gates, type Gate } from '../report/gates.ts'
import type { ClientCredentials } from '../client/oauth.ts'
import type { TlsSettings } from '../client/tls.ts'
import { formats, type Format } from '../../reporters/index.ts'
import type { Verbosity } from '../../reporters/progress.ts'
import { recordings, type Recording } from '../kit/run-config.ts'

// Flags and SCIM_CONFORM_* environment variables → one resolved, validated
// RunOptions. Nothing past this file re-checks options.

export type Credentials =
  | { readonly kind: 'bearer'; readonly token: string }
  /** OAuth 2.0 client credentials: the token is fetched before the run and renewed as it expires. */
  | { readonly kind: 'client-credentials'; readonly credentials: ClientCredentials }

export type Target =
  | { readonly kind: 'url'; readonly baseUrl: string; readonly auth: Credentials }
  /** Start the embedded reference server on an ephemeral loopback port and test it. */
  | { readonly kind: 'embedded' }

export interface RunOptions {
  readonly target: Target
  readonly profile: string
  readonly reportDir: string
  /** A glob over check ids ('users.*'), or undefined for all checks. */
  readonly only?: string
  readonly concurrency: number
  readonly timeoutMs: number
  readonly headers: Readonly<Record<string, string>>
  readonly seed: number
  readonly runs: number
  readonly formats: readonly Format[]
  /** An earlier report.json: only checks that passed there and fail now fail the run. */
  readonly baseline?: string
  readonly writeBaseline?: string
  readonly verbosity: Verbosity
  /** Run only the checks that send no writes (no POST, PUT, PATCH or DELETE). */
  readonly readOnly: boolean
  /** --record: all keeps every check's exchanges in the report; failures (default), only a failure's evidence. */
  readonly record: Recording
  /** Retries of a request answered 429 or 503. */
  readonly maxRetries: number
  /** --rate: requests per second the whole run stays under. */
  readonly rate?: number
  /** --run-timeout in ms: the run is stopped (and cleaned up) after this long. */
  readonly runTimeoutMs?: number
  readonly tls: TlsSettings
  /** --gate: the verdict that sets the exit code; absent, the profile's default (entra, or rfc for the rfc profile). */
  readonly gate?: Gate
  /** --dialect, or entra-flag from ?aadOptscim062020 on --url: overrides an Entra profile's dialect. */
  readonly dialect?: 'entra' | 'entra-flag'
}

/** How requests reach the target besides its URL: a run and cleanup take the same flags for these. */
export interface Connection {
  readonly headers: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly tls: TlsSettings
}

/** cleanup: the base URL comes from the journal's run header; the credentials and connection from flags, as for a run. */
export interface CleanupOptions extends Connection {
  /** Absent with --prefix and --url: the journal was lost. */
  readonly journal?: string
  /** --prefix scimconf-xxxxxxxx-: also delete every resource named with the run's prefix. */
  readonly prefix?: string
  /** Only without a journal, which otherwise names the server. */
  readonly baseUrl?: string
  readonly auth: Credentials
}

export type Command =
  | { readonly name: 'run'; readonly options: RunOptions }
  | { readonly name: 'serve'; readonly port: number; readonly token: string }
  | { readonly name: 'profiles' }
  | { readonly name: 'profile-show'; readonly profile: string; readonly json: boolean }
  | { readonly name: 'profile-init' }
  | { readonly name: 'checks'; readonly profile: string; readonly json: boolean }
  | { readonly name: 'explain'; readonly id: string; readonly profile: string }
  | { readonly name: 'cleanup'; readonly options: CleanupOptions }
  | { readonly name: 'help' }
  | { readonly name: 'version' }

export const DEFAULTS = { profile: 'entra', reportDir: './scim-conform-report', concurrency: 8, timeoutMs: 30_000, runs: 50, maxRetries: 5 } as const

/** Credentials and connection flags, shared by a run and cleanup so both accept and check them alike. */
const connectionFlags = {
  token: { type: 'string' },
  'client-id': { type: 'string' },
  'client-secret': { type: 'string' },
  'token-url': { type: 'string' },
  scope: { type: 'string' },
  ca: { type: 'string' },
  insecure: { type: 'boolean' },
  timeout: { type: 'string' },
  header: { type: 'string', multiple: true },
} as const

const runFlags = {
  ...connectionFlags,
  url: { type: 'string' },
  'max-retries': { type: 'string' },
  rate: { type: 'string' },
  'run-timeout': { type: 'string' },
  embedded: { type: 'boolean' },
  profile: { type: 'string' },
  'report-dir': { type: 'string' },
  only: { type: 'string' },
  'rerun-failed': { type: 'string' },
  gate: { type: 'string' },
  dialect: { type: 'string' },
  concurrency: { type: 'string' },
  seed: { type: 'string' },
  runs: { type: 'string' },
  format: { type: 'string' },
  baseline: { type: 'string' },
  'write-baseline': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'read-only': { type: 'boolean' },
  record: { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const

export function parseCommand(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const [first, ...rest] = argv
  switch (first) {
    case 'serve': return parseServe(rest, env)
    case 'profiles': return parseProfiles(rest)
    case 'cleanup': return parseCleanup(rest, env)
    case 'checks': return parseChecks(rest, env)
    case 'explain': return parseExplain(rest, env)
    case 'run': return parseRun(rest, env)
    default: return parseRun(argv, env)
  }
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: withNegativeValues(args, options), options, strict: true as const, allowPositionals: false as const })
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!
    const unknown = /^Unknown option '(--[^']+)'/.exec(message)?.[1]
    const guess = unknown === undefined ? undefined : closestFlag(unknown.slice(2), Object.keys(options))
    throw new UsageError(`${message}${guess === undefined ? '' : `; did you mean --${guess}?`} (see --help)`)
  }
}

/**
 * `--timeout -5` joined into `--timeout=-5`: parseArgs takes "-5" for a flag and calls the value
 * ambiguous, where the user needs "--timeout must be a positive integer".
 */
function withNegativeValues(args: readonly string[], options: NonNullable<ParseArgsConfig['options']>): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const name = arg.startsWith('--') && !arg.includes('=') ? arg.slice(2) : undefined
    const next = args[i + 1]
    if (name !== undefined && options[name]?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`)
      i++
    } else out.push(arg)
  }
  return out
}

/** The known flag within two edits of a misspelt one (--profle → profile), if exactly one is closest. */
function closestFlag(typed: string, known: readonly string[]): string | undefined {
  const scored = known.map((name) => ({ name, distance: editDistance(typed, name) })).filter((s) => s.distance <= 2).sort((a, b) => a.distance - b.distance)
  return scored[0] !== undefined && scored[1]?.distance !== scored[0].distance ? scored[0].name : undefined
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1))
    previous = current
  }
  return previous[b.length]!
}

function parseRun(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const { values } = parse(args, runFlags)
  if (values.help) return { name: 'help' }
  if (values.version) return { name: 'version' }
  const url = values.url ?? env.SCIM_CONFORM_URL
  let target: Target
  let flagged = false
  if (values.embedded) {
    if (values.url !== undefined) throw new UsageError('--embedded and --url exclude each other: pick one target (see --help)')
    if (values['client-id'] !== undefined) throw new UsageError('--embedded takes no --client-id: the built-in server uses a bearer token of its own')
    target = { kind: 'embedded' }
  } else {
    if (!url) throw new UsageError('no target: pass --url <base URL> or set SCIM_CONFORM_URL (or --embedded for the built-in server)')
    const tenant = parseTenantUrl(url)
    flagged = tenant.flagged
    target = { kind: 'url', baseUrl: tenant.baseUrl, auth: parseCredentials(values, env) }
  }
  if (values['rerun-failed'] !== undefined && values.only !== undefined) throw new UsageError('--rerun-failed and --only exclude each other: --rerun-failed selects the checks itself')
  const rerun = values['rerun-failed'] === undefined ? undefined : failedIn(values['rerun-failed'])
  const dialect = parseDialect(values.dialect, flagged)
  const options: RunOptions = {
    target,
    profile: values.profile ?? env.SCIM_CONFORM_PROFILE ?? DEFAULTS.profile,
    reportDir: writableDirectory('--report-dir', values['report-dir'] ?? DEFAULTS.reportDir),
    concurrency: positiveInteger('--concurrency', values.concurrency, DEFAULTS.concurrency),
    ...parseConnection(values),
    seed: values.seed === undefined ? rerun?.seed ?? randomSeed() : integer('--seed', values.seed),
    runs: positiveInteger('--runs', values.runs, DEFAULTS.runs),
    formats: parseFormats(values.format),
    verbosity: parseVerbosity(values.quiet, values.verbose),
    readOnly: values['read-only'] ?? false,
    record: values.record === undefined ? 'failures' : parseRecord(values.record),
    maxRetries: nonNegativeInteger('--max-retries', values['max-retries'], DEFAULTS.maxRetries),
    ...(values.rate === undefined ? {} : { rate: positiveNumber('--rate', values.rate) }),
    ...(values['run-timeout'] === undefined ? {} : { runTimeoutMs: positiveNumber('--run-timeout', values['run-timeout']) * 1000 }),
    ...(values.only === undefined ? {} : { only: values.only }),
    ...(rerun === undefined ? {} : { only: rerun.only }),
    ...(values.gate === undefined ? {} : { gate: parseGate(values.gate) }),
    ...(dialect === undefined ? {} : { dialect }),
    ...(values.baseline === undefined ? {} : { baseline: values.baseline }),
    ...(values['write-baseline'] === undefined ? {} : { writeBaseline: writableFile('--write-baseline', values['write-baseline']) }),
  }
  return { name: 'run', options }
}

function parseRecord(text: string): Recording {
  const recording = recordings.find((r) => r === text)
  if (recording === undefined) throw new UsageError(`--record must be one of ${recordings.join(', ')} (got ${JSON.stringify(text)})`)
  return recording
}

function parseGate(text: string): Gate {
  const gate = gates.find((g) => g === text)
  if (gate === undefined) throw new UsageError(`--gate must be one of ${gates.join(', ')} (got ${JSON.stringify(text)})`)
  return gate
}

/**
 * --rerun-failed report.json: the checks that failed or were blocked there, with that run's seed,
 * so a generated counterexample comes back the same.
 */
function failedIn(file: string): { readonly only: string; readonly seed?: number } {
  let report: { checks?: unknown; seed?: unknown }
  try {
    report = JSON.parse(readFileSync(file, 'utf8')) as { checks?: unknown; seed?: unknown }
  } catch (error) {
    throw new UsageError(`--rerun-failed: cannot read ${file} as a report.json (${(error as Error).message.split('\n')[0]})`)
  }
  if (!Array.isArray(report.checks)) throw new UsageError(`--rerun-failed: ${file} is not a scim-conform report.json (no "checks")`)
  const ids = (report.checks as { id?: unknown; status?: unknown }[]).flatMap((c) => (typeof c.id === 'string' && (c.status === 'fail' || c.status === 'blocked') ? [c.id] : []))
  if (ids.length === 0) throw new UsageError(`--rerun-failed: nothing failed or was blocked in ${file}, so there is no check to run again`)
  return { only: ids.join(','), ...(typeof report.seed === 'number' ? { seed: report.seed } : {}) }
}

type CredentialFlags = { token?: string; 'client-id'?: string; 'client-secret'?: string; 'token-url'?: string; scope?: string }

function parseCredentials(values: CredentialFlags, env: Readonly<Record<string, string | undefined>>): Credentials {
  const token = values.token ?? env.SCIM_CONFORM_TOKEN
  const clientId = values['client-id'] ?? env.SCIM_CONFORM_CLIENT_ID
  if (!clientId) {
    if (!token) throw new UsageError('no credentials: pass --token <bearer token> or set SCIM_CONFORM_TOKEN (or --client-id, --client-secret and --token-url)')
    return { kind: 'bearer', token }
  }
  if (values.token !== undefined) throw new UsageError('--token and --client-id exclude each other: pick bearer token or client credentials')
  const clientSecret = values['client-secret'] ?? env.SCIM_CONFORM_CLIENT_SECRET
  if (!clientSecret) throw new UsageError('--client-id needs a client secret: set SCIM_CONFORM_CLIENT_SECRET (or pass --client-secret)')
  const tokenUrl = values['token-url'] ?? env.SCIM_CONFORM_TOKEN_URL
  if (!tokenUrl) throw new UsageError('--client-id needs --token-url <the OAuth token endpoint> (or SCIM_CONFORM_TOKEN_URL)')
  const scope = values.scope ?? env.SCIM_CONFORM_SCOPE
  return { kind: 'client-credentials', credentials: { tokenUrl: parseHttpUrl('--token-url', tokenUrl), clientId, clientSecret, ...(scope ? { scope } : {}) } }
}

type ConnectionFlags = { ca?: string; insecure?: boolean; timeout?: string; header?: string[] }

function parseConnection(values: ConnectionFlags): Connection {
  return {
    timeoutMs: positiveInteger('--timeout', values.timeout, DEFAULTS.timeoutMs),
    headers: parseHeaders(values.header ?? []),
    tls: parseTls(values.ca, values.insecure ?? false),
  }
}

function parseTls(caFile: string | undefined, insecure: boolean): TlsSettings {
  if (caFile === undefined) return { insecure }
  if (insecure) throw new UsageError('--ca and --insecure exclude each other: --ca verifies with your CA, --insecure verifies nothing')
  let pem: string
  try {
    pem = readFileSync(caFile, 'utf8')
  } catch (error) {
    throw new UsageError(`--ca ${caFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}`)
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new UsageError(`--ca ${caFile}: not a PEM certificate file (expected -----BEGIN CERTIFICATE-----)`)
  return { ca: pem, insecure: false }
}

function parseFormats(text: string | undefined): readonly Format[] {
  if (text === undefined) return formats
  const chosen = text.split(',').map((f) => f.trim()).filter(Boolean)
  const unknown = chosen.filter((f) => !(formats as readonly string[]).includes(f))
  if (unknown.length > 0 || chosen.length === 0) throw new UsageError(`--format takes a comma-separated list of ${formats.join(', ')} (got ${JSON.stringify(text)})`)
  return [...new Set(chosen)] as Format[]
}

function parseVerbosity(quiet: boolean | undefined, verbose: boolean | undefined): Verbosity {
  if (quiet && verbose) throw new UsageError('--quiet and --verbose exclude each other')
  return quiet ? 'quiet' : verbose ? 'verbose' : 'normal'
}

function parseProfiles(args: readonly string[]): Command {
  const [sub, name, ...rest] = args
  if (sub === undefined) return { name: 'profiles' }
  if (sub === '--help' || sub === '-h') return { name: 'help' }
  if (sub === 'init') return { name: 'profile-init' }
  if (sub !== 'show') throw new UsageError(`profiles takes "show <name|path>", "init" or nothing (got ${JSON.stringify(sub)})`)
  if (name === undefined || name.startsWith('-')) throw new UsageError('profiles show needs a profile name or path, e.g. scim-conform profiles show zip')
  const { values } = parse(rest, { json: { type: 'boolean' } } as const)
  return { name: 'profile-show', profile: name, json: values.json ?? false }
}

const listingFlags = { profile: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const

function parseChecks(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const { values } = parse(args, listingFlags)
  if (values.help) return { name: 'help' }
  return { name: 'checks', profile: values.profile ?? env.SCIM_CONFORM_PROFILE ?? DEFAULTS.profile, json: values.json ?? false }
}

/** `explain CHECK-ID [--profile P]`: the one positional argument of the command line. */
function parseExplain(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const [id, ...rest] = args
  if (id === '--help' || id === '-h') return { name: 'help' }
  if (id === undefined || id.startsWith('-')) throw new UsageError('explain needs a check id, e.g. scim-conform explain users.create.status-201 (list them with "scim-conform checks")')
  const { values } = parse(rest, listingFlags)
  if (values.help) return { name: 'help' }
  return { name: 'explain', id, profile: values.profile ?? env.SCIM_CONFORM_PROFILE ?? DEFAULTS.profile }
}

function parseServe(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const { values } = parse(args, { port: { type: 'string' }, token: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const)
  if (values.help) return { name: 'help' }
  // The same variable a run reads, so one export serves both ends of a try-out.
  const token = values.token ?? env.SCIM_CONFORM_TOKEN
  if (!token) throw new UsageError('serve needs --token <t> or SCIM_CONFORM_TOKEN: the bearer token clients must send')
  const port = values.port === undefined ? 0 : integer('--port', values.port)
  if (port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535 (got ${port})`)
  return { name: 'serve', port, token }
}

function parseCleanup(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Command {
  const { values } = parse(args, { ...connectionFlags, journal: { type: 'string' }, prefix: { type: 'string' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const)
  if (values.help) return { name: 'help' }
  const { journal, prefix } = values
  if (journal === undefined && prefix === undefined) {
    throw new UsageError('cleanup needs --journal <file> (the journal.jsonl in the report directory of the interrupted run), or --prefix <scimconf-xxxxxxxx-> and --url when the journal is lost')
  }
  // Only a run's own prefix: 'sw "a"' would match a tenant's real users.
  if (prefix !== undefined && !/^scimconf-[0-9a-f]{8}-$/.test(prefix)) throw new UsageError(`--prefix must be a run's prefix, scimconf- and 8 hex digits and a dash, as in the journal's first line (got ${JSON.stringify(prefix)})`)
  const url = values.url ?? (journal === undefined ? env.SCIM_CONFORM_URL : undefined)
  if (journal !== undefined && values.url !== undefined) throw new UsageError('cleanup takes --url only without --journal: the journal names the server the run talked to')
  if (journal === undefined && !url) throw new UsageError('cleanup --prefix without --journal needs --url <the run\'s base URL> (or SCIM_CONFORM_URL)')
  return {
    name: 'cleanup',
    options: {
      ...(journal === undefined ? {} : { journal }),
      ...(prefix === undefined ? {} : { prefix }),
      ...(url ? { baseUrl: parseBaseUrl(url) } : {}),
      auth: parseCredentials(values, env),
      ...parseConnection(values),
    },
  }
}

// Paths are checked here, before the first request: a report directory that is a file, or a
// baseline under a file, would otherwise be found only after the whole run.

/** A directory that exists, or can be created under the nearest existing one; we can write there. */
function writableDirectory(flag: string, dir: string, given = dir): string {
  const existing = nearestExisting(dir)
  if (!statSync(existing).isDirectory()) {
    throw new UsageError(`${flag} ${given}: ${existing === path.resolve(given) ? 'a file' : `${existing} is a file`}, not a directory`)
  }
  try {
    accessSync(existing, constants.W_OK)
  } catch {
    throw new UsageError(`${flag} ${given}: ${existing} is not writable`)
  }
  return dir
}

/** A file we can write: not a directory, and its directory exists or can be created. */
function writableFile(flag: string, file: string): string {
  const resolved = path.resolve(file)
  if (nearestExisting(resolved) === resolved && statSync(resolved).isDirectory()) throw new UsageError(`${flag} ${file}: a directory, not a file`)
  writableDirectory(flag, path.dirname(resolved), file)
  return file
}

function nearestExisting(target: string): string {
  let current = path.resolve(target)
  while (!exists(current)) current = path.dirname(current)
  return current
}

function exists(file: string): boolean {
  try {
    statSync(file)
    return true
  } catch {
    return false
  }
}

function parseHttpUrl(flag: string, text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new UsageError(`${flag} is not a URL: ${JSON.stringify(text)} (expected e.g. https://app.example.com/scim/v2)`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`${flag} must be http or https (got ${url.protocol})`)
  return url.href
}

/** Entra's flag for its RFC-compliant PATCH shapes, appended to the Tenant URL (entra-flag dialect). */
const ENTRA_FLAG = 'aadOptscim062020'

/** The base URL, and whether it carried Entra's ?aadOptscim062020 (which, like Microsoft's own harness, the run strips). */
function parseTenantUrl(text: string): { readonly baseUrl: string; readonly flagged: boolean } {
  const url = new URL(parseHttpUrl('--url', text))
  const flagged = url.search.slice(1).split('&').some((p) => p.split('=')[0]!.toLowerCase() === ENTRA_FLAG.toLowerCase())
  if (flagged && [...url.searchParams.keys()].length === 1 && !url.hash) {
    url.search = ''
    return { baseUrl: url.href.replace(/\/+$/, ''), flagged }
  }
  if (url.search || url.hash) throw new UsageError(`--url must be the SCIM base URL, without a query or fragment (only Entra's ?${ENTRA_FLAG} is accepted)`)
  return { baseUrl: url.href.replace(/\/+$/, ''), flagged: false }
}

function parseBaseUrl(text: string): string {
  return parseTenantUrl(text).baseUrl
}

function parseDialect(flag: string | undefined, flagged: boolean): 'entra' | 'entra-flag' | undefined {
  if (flag !== undefined && flag !== 'entra' && flag !== 'entra-flag') throw new UsageError(`--dialect must be entra or entra-flag (got ${JSON.stringify(flag)})`)
  if (flag === 'entra' && flagged) throw new UsageError(`--dialect entra contradicts the ?${ENTRA_FLAG} on --url, which selects entra-flag`)
  return flag ?? (flagged ? 'entra-flag' : undefined)
}

function parseHeaders(lines: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {}
  for (const line of lines) {
    const colon = line.indexOf(':')
    const name = colon > 0 ? line.slice(0, colon).trim() : ''
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) throw new UsageError(`--header must be "Name: value" (got ${JSON.stringify(line.split(':')[0])}…)`)
    if (name.toLowerCase() === 'authorization') throw new UsageError('--header cannot set Authorization: use --token or SCIM_CONFORM_TOKEN')
    headers[name] = line.slice(colon + 1).trim()
  }
  return headers
}

function integer(flag: string, text: string): number {
  if (!/^-?\d+$/.test(text)) throw new UsageError(`${flag} must be a whole number (got ${JSON.stringify(text)})`)
  return Number(text)
}

function positiveInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const n = integer(flag, text)
  if (n < 1) throw new UsageError(`${flag} must be at least 1 (got ${n})`)
  return n
}

function nonNegativeInteger(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const n = integer(flag, text)
  if (n < 0) throw new UsageError(`${flag} must be 0 or more (got ${n})`)
  return n
}

function positiveNumber(flag: string, text: string): number {
  const n = Number(text)
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0)) throw new UsageError(`${flag} must be a number above 0 (got ${JSON.stringify(text)})`)
  return n
}

const randomSeed = (): number => Math.floor(Math.random() * 2 ** 31)
