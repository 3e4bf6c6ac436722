#!/usr/bin/env node
import { parseCommand, type RunOptions } from './options.ts'
import { helpText } from './help.ts'
import { RunError, UsageError } from './errors.ts'
import { runConformance, InternalError, type ResolvedTarget } from './run.ts'
import { exitCode } from './report/model.ts'
import { writeReports } from '../reporters/index.ts'
import { consoleSummary } from '../reporters/console.ts'
import { listProfiles } from './profile.ts'
import { createReferenceServer, type ReferenceServer } from './server/index.ts'
import { toolVersion } from './version.ts'
import { createHttp } from './client/http.ts'
import { readJournal, journalBaseUrl, outstanding, sweep } from './tracker.ts'
import { randomBytes } from 'node:crypto'

// The only file that reads argv, prints errors and sets the exit code.

async function main(argv: readonly string[]): Promise<number> {
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
    case 'serve':
      return serve(command.port, command.token)
    case 'cleanup':
      return cleanup(command.journal, command.token)
    case 'run':
      return run(command.options)
  }
}

async function serve(port: number, token: string): Promise<number> {
  const server = await createReferenceServer({ token, port })
  process.stdout.write(server.url + '\n')
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  return 0
}

async function cleanup(journal: string, token: string | undefined): Promise<number> {
  const entries = readJournal(journal)
  const baseUrl = journalBaseUrl(entries)
  if (!baseUrl) throw new UsageError(`${journal} is not a scim-conform journal (no run header line)`)
  if (!token) throw new UsageError('cleanup needs the token of the run: pass --token or set SCIM_CONFORM_TOKEN')
  const pending = outstanding(entries).length
  const http = createHttp({ baseUrl, token, headers: {}, timeoutMs: 30_000, connections: 2 })
  try {
    const summary = await sweep(journal, http)
    const failed = summary.leftover.length
    process.stdout.write(`cleanup: ${pending - failed} of ${pending} resource(s) deleted from ${baseUrl}\n`)
    for (const l of summary.leftover) process.stdout.write(`  left: ${l.kind} ${l.id}: ${l.reason}\n`)
    return failed === 0 ? 0 : 1
  } finally {
    await http.close()
  }
}

async function run(options: RunOptions): Promise<number> {
  let embedded: ReferenceServer | undefined
  let target: ResolvedTarget
  if (options.target.kind === 'embedded') {
    const token = randomBytes(16).toString('hex')
    embedded = await createReferenceServer({ token, port: 0 })
    target = { baseUrl: embedded.url, token }
  } else {
    target = { baseUrl: options.target.baseUrl, token: options.target.token }
  }
  const controller = new AbortController()
  const onSignal = () => {
    if (controller.signal.aborted) {
      process.stderr.write('scim-conform: aborted at once; run "scim-conform cleanup --journal <report-dir>/journal.jsonl" to remove what the run created\n')
      process.exit(130)
    }
    process.stderr.write('scim-conform: interrupted, cleaning up (press Ctrl-C again to abort at once)\n')
    controller.abort()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    process.stdout.write(`scim-conform ${toolVersion}: ${target.baseUrl} (profile ${options.profile}, seed ${options.seed})\n`)
    const report = await runConformance({ ...options, target, signal: controller.signal, progress: (line) => process.stdout.write(line + '\n') })
    const paths = await writeReports(report, options.reportDir, ['json', 'junit', 'html', 'md'])
    process.stdout.write(consoleSummary(report, paths) + '\n')
    return report.interrupted ? 130 : exitCode(report)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await embedded?.close()
  }
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
