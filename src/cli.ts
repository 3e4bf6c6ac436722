#!/usr/bin/env node
import { parseCommand, type CleanupOptions, type RunOptions } from './cli/options.ts'
import { helpText } from './cli/help.ts'
import { loadCommand } from './load/command.ts'
import { InternalError, RunError, UsageError } from './errors.ts'
import type { ResolvedTarget } from './run/run.ts'
import { outcome, type Report } from './report/model.ts'
import { compareWithBaseline } from './report/baseline.ts'
import { writeReports, writers, fileNames } from '../reporters/index.ts'
import { markdownStopped } from '../reporters/markdown.ts'
import { consoleSummary, quietSummary } from '../reporters/console.ts'
import { listProfiles, loadProfile } from './profile.ts'
import { profileText, showProfile } from './cli/profile-show.ts'
import { profileTemplate } from './cli/profile-template.ts'
import { createReferenceServer, type ReferenceServer } from './server/index.ts'
import { toolVersion } from './version.ts'
import { createHttp } from './client/http.ts'
import { clientCredentialsToken, issuedAt, type TokenSource } from './client/oauth.ts'
import { firstToken, preflight } from './run/preflight.ts'
import { transportWarnings } from './client/tls.ts'
import { readJournal, journalBaseUrl, outstanding, sweep } from './run/tracker.ts'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'

// The only file that reads argv, prints errors and sets the exit code.

// The modules that load vitest (and vite with it, half a second of CPU) are imported by the
// commands that run or list checks: --help, --version, profiles, serve and cleanup do without.
const checksCommand = () => import('./cli/checks-command.ts')

async function main(argv: readonly string[]): Promise<number> {
  if (argv[0] === 'load') return loadCommand(argv.slice(1), process.env, process.stdout)
  const command = parseCommand(argv, process.env)
  switch (command.name) {
    case 'help':
      process.stdout.write(helpText)
      return 0
    case 'version':
      process.stdout.write(toolVersion + '\n')
      return 0
    case 'profiles':
      for (const p of listProfiles()) process.stdout.write(`${p.name.padEnd(10)} ${p.title}\n`)
      return 0
    case 'profile-show': {
      const shown = showProfile(loadProfile(command.profile))
      process.stdout.write(command.json ? JSON.stringify(shown, null, 2) + '\n' : profileText(shown))
      return 0
    }
    case 'profile-init':
      process.stdout.write(profileTemplate)
      return 0
    case 'checks':
      loadProfile(command.profile)
      process.stdout.write(await (await checksCommand()).checksText(command.profile, command.json))
      return 0
    case 'explain':
      loadProfile(command.profile)
      process.stdout.write(await (await checksCommand()).explainText(command.id, command.profile))
      return 0
    case 'serve':
      return serve(command.port, command.token)
    case 'cleanup':
      return cleanup(command.options)
    case 'run':
      return run(command.options)
  }
}

async function serve(port: number, token: string): Promise<number> {
  const server = await createReferenceServer({ token, port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE') throw new UsageError(`--port ${port} is in use on 127.0.0.1: pick another, or --port 0 for a free one`)
    if (error.code === 'EACCES') throw new UsageError(`--port ${port} needs privileges this user lacks: pick one above 1023, or --port 0 for a free one`)
    throw error
  })
  process.stdout.write(server.url + '\n')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  return 0
}

async function cleanup(options: CleanupOptions): Promise<number> {
  const { auth, headers, timeoutMs, tls, prefix } = options
  if (options.journal !== undefined && !existsSync(options.journal)) throw new UsageError(`--journal ${options.journal}: no such file`)
  const journal = options.journal ?? lostJournal(options.baseUrl!, prefix!)
  const entries = readJournal(journal)
  const baseUrl = options.baseUrl ?? journalBaseUrl(entries)
  if (!baseUrl) throw new UsageError(`${journal} is not a scim-conform journal (no run header line)`)
  for (const warning of transportWarnings(baseUrl, tls)) process.stderr.write(`scim-conform: warning: ${warning}\n`)
  const pendingBefore = outstanding(entries).length
  const createdBefore = entries.filter((e) => e.op === 'created').length
  let token: string | TokenSource
  if (auth.kind === 'bearer') {
    token = auth.token
  } else {
    // Fetched before any DELETE, as a run does: a refused secret exits 3 with the journal untouched.
    const first = await firstToken(auth.credentials, tls, timeoutMs)
    token = clientCredentialsToken(first.credentials, issuedAt(first.result, Date.now()), () => http.dispatcher, timeoutMs)
  }
  const http = createHttp({ baseUrl, token, headers, timeoutMs, tls, connections: 2 })
  try {
    // A refused token exits 3 with one line before any DELETE, not one "DELETE answered 401" per resource.
    await preflight(http, baseUrl, auth.kind === 'bearer' ? 'check --token or SCIM_CONFORM_TOKEN' : 'the token from --token-url was refused')
    const summary = await sweep(journal, http, prefix === undefined ? {} : { prefix })
    const found = summary.created - createdBefore
    const failed = summary.leftover.length
    process.stdout.write(`cleanup: ${pendingBefore + found - failed} of ${pendingBefore + found} resource(s) deleted from ${baseUrl}\n`)
    for (const l of summary.leftover.slice(0, 10)) process.stdout.write(`  left: ${l.kind} ${l.id}: ${l.reason}\n`)
    if (failed > 10) process.stdout.write(`  ... and ${failed - 10} more, listed in ${journal}\n`)
    return failed === 0 ? 0 : 1
  } finally {
    await http.close()
  }
}

/** cleanup --prefix without a journal: a fresh one records what this cleanup finds and deletes. */
function lostJournal(baseUrl: string, prefix: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'scim-conform-cleanup-')), 'journal.jsonl')
  writeFileSync(file, JSON.stringify({ op: 'run', baseUrl, prefix, at: new Date().toISOString() }) + '\n')
  return file
}

async function run(options: RunOptions): Promise<number> {
  const baseline = options.baseline === undefined ? undefined : readBaseline(options.baseline)
  const { runConformance } = await import('./run/run.ts')
  const { refuseEmptySelection } = await import('./run/selection.ts')
  if (options.only !== undefined) await refuseEmptySelection(options.only, options.profile, options.concurrency)
  let embedded: ReferenceServer | undefined
  let target: ResolvedTarget
  if (options.target.kind === 'embedded') {
    const token = randomBytes(16).toString('hex')
    embedded = await createReferenceServer({ token, port: 0 })
    target = { baseUrl: embedded.url, token }
  } else {
    const { baseUrl, auth } = options.target
    target = auth.kind === 'bearer' ? { baseUrl, token: auth.token } : { baseUrl, clientCredentials: auth.credentials }
  }
  const startWarnings = transportWarnings(target.baseUrl, options.tls)
  for (const warning of startWarnings) process.stderr.write(`scim-conform: warning: ${warning}\n`)
  const controller = new AbortController()
  const onSignal = () => {
    if (controller.signal.aborted) {
      const journal = path.resolve(options.reportDir, 'journal.jsonl')
      const left = outstanding(readJournal(journal)).length
      process.stderr.write(`scim-conform: aborted at once; ${left} resource(s) left: run "scim-conform cleanup --journal ${journal}" to remove what the run created\n`)
      process.exit(130)
    }
    process.stderr.write('scim-conform: interrupted, cleaning up (press Ctrl-C again to abort at once)\n')
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const say = (line: string) => {
    if (options.verbosity !== 'quiet') process.stdout.write(line + '\n')
  }
  try {
    say(`scim-conform ${toolVersion}: ${target.baseUrl} (profile ${options.profile}, seed ${options.seed})`)
    const live = process.stdout.isTTY === true && !process.env.CI
    const report = await runConformance({
      ...options,
      ...pace(options),
      target,
      signal: controller.signal,
      progress: { write: (text) => process.stdout.write(text), live, verbosity: options.verbosity },
    }).catch(async (error: unknown) => {
      // The README's step-summary line reads report.md: it must exist, and say why, whenever the target stopped the run.
      if (error instanceof RunError && error.exitCode === 3 && options.formats.includes('md')) {
        await mkdir(options.reportDir, { recursive: true })
        await writeFile(path.join(options.reportDir, fileNames.md), markdownStopped(target.baseUrl, error.message))
      }
      throw error
    })
    for (const warning of report.transport?.warnings ?? []) {
      if (!startWarnings.includes(warning)) process.stderr.write(`scim-conform: warning: ${warning}\n`)
    }
    const comparison = baseline ? compareWithBaseline(report, baseline) : undefined
    const paths = await writeReports(report, options.reportDir, options.formats, comparison)
    if (options.writeBaseline !== undefined) {
      await mkdir(path.dirname(options.writeBaseline), { recursive: true })
      await writeFile(options.writeBaseline, writers.json(report))
      paths.push(options.writeBaseline)
    }
    process.stdout.write((options.verbosity === 'quiet' ? quietSummary(report, paths) : consoleSummary(report, paths, comparison)) + '\n')
    return outcome(report, comparison).exitCode
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await embedded?.close()
  }
}

/** --rate, or else the profile's declared rate limit: a run must not be the reason the vendor's own limiter answers 429. */
function pace(options: RunOptions): { rate?: number; rateOrigin?: 'flag' | 'profile' } {
  if (options.rate !== undefined) return { rate: options.rate, rateOrigin: 'flag' }
  const limits = loadProfile(options.profile).limits
  const declared = limits?.rateLimitPerSecond ?? (limits?.rateLimitPerMinute === undefined ? undefined : limits.rateLimitPerMinute / 60)
  return declared === undefined ? {} : { rate: declared, rateOrigin: 'profile' }
}

function readBaseline(file: string): Report {
  let parsed: unknown
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    throw new UsageError(`--baseline ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not a report.json (${(error as Error).message})`}`)
  }
  const checks = (parsed as { checks?: unknown })?.checks
  if (!Array.isArray(checks) || !checks.every((c) => typeof c?.id === 'string' && typeof c?.status === 'string')) {
    throw new UsageError(`--baseline ${file}: not a scim-conform report.json (no "checks" with id and status)`)
  }
  return parsed as Report
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code
  },
  (error: unknown) => {
    if (error instanceof RunError) {
      process.stderr.write(`scim-conform: ${error.message}\n`)
      process.exitCode = error.exitCode
    } else {
      process.stderr.write(`scim-conform: internal error (a bug in scim-conform; please report it):\n${error instanceof InternalError ? error.message : (error as Error)?.stack ?? String(error)}\n`)
      process.exitCode = 4
    }
  },
)
