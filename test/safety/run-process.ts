import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { readJournal } from '../../src/run/tracker.ts'
import { repoRoot, TOKEN } from '../helpers.ts'
import { cliEntry } from '../cli-build.ts'

// A real `scim-conform run` process the safety tests interrupt, and the journal they watch.

export interface RunningCli {
  readonly child: ChildProcess
  readonly journal: string
  /** Resolves with the exit code (or the signal) and what the process printed. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>
  /** Resolves once stderr contains the text. */
  readonly printed: (text: string) => Promise<void>
}

export function startRun(baseUrl: string, reportDir: string): RunningCli {
  const child = spawn(process.execPath, [cliEntry, '--url', baseUrl, '--report-dir', reportDir, '--quiet'], {
    cwd: repoRoot,
    env: { ...process.env, CI: '1', SCIM_CONFORM_URL: '', SCIM_CONFORM_TOKEN: TOKEN },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()))
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stderr }))
  })
  const printed = async (text: string): Promise<void> => {
    while (!stderr.includes(text)) await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return { child, journal: path.join(reportDir, 'journal.jsonl'), exited, printed }
}

/** Waits until the run has journaled at least `count` creates: the run is mid-way. */
export async function untilCreated(journal: string, count: number, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (existsSync(journal) && readJournal(journal).filter((e) => e.op === 'created').length >= count) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`the run journaled fewer than ${count} creates within ${timeoutMs} ms`)
}

/** Ids the journal says the run created, and the run's name prefix. */
export function runResources(journal: string): { ids: string[]; prefix: string } {
  const entries = readJournal(journal)
  const header = entries.find((e) => e.op === 'run')
  return { ids: entries.flatMap((e) => (e.op === 'created' ? [e.id] : [])), prefix: header?.op === 'run' ? header.prefix : '(no header)' }
}
