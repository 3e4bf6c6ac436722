import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { createReferenceServer, type Handle, type ReferenceServer, type ServerFeatures } from '../src/server/index.ts'
import type { ConformanceOptions } from '../src/run/run.ts'
import type { Report } from '../src/report/model.ts'
import { cliEntry } from './cli-build.ts'

export const TOKEN = 'self-test-token-9f8e7d'
export const repoRoot = path.resolve(import.meta.dirname, '..')

export function tempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `scim-conform-${label}-`))
}

export async function startServer(options: { wrap?: (h: Handle) => Handle; features?: Partial<ServerFeatures> } = {}): Promise<ReferenceServer> {
  return createReferenceServer({ token: TOKEN, port: 0, ...options })
}

/** The whole suite (or a subset) in-process against a server, as the CLI runs it. */
export async function runAgainst(server: ReferenceServer, options: Partial<ConformanceOptions> = {}): Promise<Report> {
  // Imported on first use: it loads vitest's node API (vite with it), 0.6 s of CPU that the
  // test files which only spawn the CLI or start a server never need.
  const { runConformance } = await import('../src/run/run.ts')
  return runConformance({
    target: { baseUrl: server.url, token: TOKEN },
    profile: 'entra',
    reportDir: tempDir('report'),
    concurrency: 8,
    timeoutMs: 10_000,
    headers: {},
    seed: 42,
    runs: 20,
    ...options,
  })
}

/** Ids of checks that did not pass: failed MUSTs and warned SHOULD/MAYs. */
export const brokenIds = (report: Report): string[] =>
  report.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => c.id).sort()

/**
 * Failure messages that show a value the code never filled in: NaN, undefined, [object Object],
 * or a template placeholder such as {n} or {Users|Groups}. ({id} in a path is notation, not a gap, and the
 * injection probes quote their own "${7*7}" payload.)
 */
export const unreadableMessages = (report: Report): string[] =>
  report.checks.flatMap((c) => (c.status === 'fail' || c.status === 'warn' ? [`${c.id}: ${c.message}`] : []))
    .filter((text) => /\bNaN\b|\bundefined\b|\[object Object\]|\{n\}|\{[A-Za-z]+\|[A-Za-z|]+\}/.test(text))

export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Spawns the real bin, compiled (test/cli-build.ts), as a user's shell would. */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliEntry, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: { ...process.env, CI: '1', SCIM_CONFORM_URL: '', SCIM_CONFORM_TOKEN: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** The verdict label each written report shows: report.json, report.md, report.html, junit.xml. */
export function writtenVerdicts(dir: string): Record<'json' | 'md' | 'html' | 'junit', string | undefined> {
  const read = (file: string): string => readFileSync(path.join(dir, file), 'utf8')
  return {
    json: (JSON.parse(read('report.json')) as { verdict?: string }).verdict,
    md: /^## scim-conform: \S+ (\w+)/.exec(read('report.md'))?.[1],
    html: /id="verdict"[^>]*><strong>(\w+)<\/strong>/.exec(read('report.html'))?.[1],
    junit: /<property name="verdict" value="(\w+)"\/>/.exec(read('junit.xml'))?.[1],
  }
}

export const everyReportSays = (label: string) => ({ json: label, md: label, html: label, junit: label })
