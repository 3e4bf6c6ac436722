import { parseArgs } from 'node:util'
import { UsageError } from '../errors.ts'
import type { ArtilleryExport } from './artillery.ts'

// `scim-conform load` flags → LoadOptions. Kept apart from the conformance
// run's options: the load check has its own flags and defaults.

export const LOAD_DEFAULTS = { rate: 25, durationS: 30, concurrency: 32, timeoutMs: 30_000, reportDir: './scim-conform-report' } as const

export type LoadTarget = { readonly kind: 'url'; readonly baseUrl: string; readonly token: string } | { readonly kind: 'embedded' }

export interface LoadOptions {
  readonly target: LoadTarget
  /** Requests per second, or 'max' to find the highest the target sustains. */
  readonly rate: number | 'max'
  readonly durationMs: number
  /** Requests in flight at most. */
  readonly concurrency: number
  readonly timeoutMs: number
  readonly reportDir: string
  readonly headers: Readonly<Record<string, string>>
  /** Present: the initial-sync simulation instead of the rate check. */
  readonly sync?: { readonly users: number; readonly groups: number; readonly members: number }
}

const FLAGS = {
  url: { type: 'string' }, token: { type: 'string' }, embedded: { type: 'boolean' }, rate: { type: 'string' }, duration: { type: 'string' },
  concurrency: { type: 'string' }, timeout: { type: 'string' }, 'report-dir': { type: 'string' }, header: { type: 'string', multiple: true },
  users: { type: 'string' }, groups: { type: 'string' }, members: { type: 'string' }, export: { type: 'string' },
} as const

function parseFlags(args: readonly string[]) {
  try {
    return parseArgs({ args: [...args], strict: true, allowPositionals: false, options: FLAGS }).values
  } catch (error) {
    throw new UsageError(`load: ${(error as Error).message.split('\n')[0]} (see --help)`)
  }
}

/** Whether the arguments ask for an exported script rather than a load run. */
export const isExport = (args: readonly string[]): boolean => args.some((a) => a === '--export' || a.startsWith('--export='))

/** `load --export artillery`: what the script needs. No token: the script reads it when Artillery runs. */
export function parseExportOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>): Omit<ArtilleryExport, 'prefix'> {
  const values = parseFlags(args)
  if (values.export !== 'artillery') throw new UsageError(`load: --export must be artillery (got ${JSON.stringify(values.export)})`)
  for (const flag of ['embedded', 'users', 'groups', 'members', 'concurrency', 'timeout', 'report-dir'] as const) {
    if (values[flag] !== undefined) throw new UsageError(`load: --${flag} does not apply to --export artillery (the script sets the rate and duration; Artillery runs it)`)
  }
  const url = values.url ?? env.SCIM_CONFORM_URL
  if (!url) throw new UsageError('load: --export artillery needs the target: pass --url <base URL> or set SCIM_CONFORM_URL')
  if (values.rate === 'max') throw new UsageError('load: --rate max finds a rate by trying; an exported script sends one: pass --rate <n>')
  const headers = headersOf(values.header)
  if (Object.keys(headers).some((name) => name.toLowerCase() === 'authorization')) {
    throw new UsageError('load: --header Authorization would write a credential into the script; the script reads the token from SCIM_CONFORM_TOKEN when Artillery runs')
  }
  return {
    baseUrl: baseUrlOf(url),
    rate: positive('--rate', values.rate, LOAD_DEFAULTS.rate),
    durationS: positive('--duration', values.duration, LOAD_DEFAULTS.durationS),
    headers,
  }
}

export function parseLoadOptions(args: readonly string[], env: Readonly<Record<string, string | undefined>>): LoadOptions {
  const values = parseFlags(args)
  let target: LoadTarget
  if (values.embedded) target = { kind: 'embedded' }
  else {
    const url = values.url ?? env.SCIM_CONFORM_URL
    const token = values.token ?? env.SCIM_CONFORM_TOKEN
    if (!url) throw new UsageError('load: no target: pass --url <base URL> or set SCIM_CONFORM_URL (or --embedded)')
    if (!token) throw new UsageError('load: no credentials: pass --token or set SCIM_CONFORM_TOKEN')
    target = { kind: 'url', baseUrl: baseUrlOf(url), token }
  }
  const sizing = [values.users, values.groups, values.members]
  const sync = sizing.some((v) => v !== undefined)
    ? { users: count('--users', values.users, 0), groups: count('--groups', values.groups, 0), members: count('--members', values.members, 0) }
    : undefined
  return {
    target,
    rate: values.rate === 'max' ? 'max' : positive('--rate', values.rate, LOAD_DEFAULTS.rate),
    durationMs: positive('--duration', values.duration, LOAD_DEFAULTS.durationS) * 1000,
    concurrency: Math.floor(positive('--concurrency', values.concurrency, LOAD_DEFAULTS.concurrency)),
    timeoutMs: positive('--timeout', values.timeout, LOAD_DEFAULTS.timeoutMs),
    reportDir: values['report-dir'] ?? LOAD_DEFAULTS.reportDir,
    headers: headersOf(values.header),
    ...(sync ? { sync } : {}),
  }
}

/** --url as a base URL: http(s), without trailing slashes. */
function baseUrlOf(url: string): string {
  if (!/^https?:\/\//.test(url)) throw new UsageError(`load: --url must be an http(s) URL (got ${JSON.stringify(url)})`)
  return url.replace(/\/+$/, '')
}

function headersOf(lines: readonly string[] | undefined): Record<string, string> {
  return Object.fromEntries((lines ?? []).map((line) => {
    const colon = line.indexOf(':')
    if (colon < 1) throw new UsageError(`load: --header must be "Name: value" (got ${JSON.stringify(line)})`)
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()]
  }))
}

function positive(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  const n = Number(text)
  if (!/^\d+(\.\d+)?$/.test(text) || !(n > 0)) throw new UsageError(`load: ${flag} must be a number above 0${flag === '--rate' ? ' or "max"' : ''} (got ${JSON.stringify(text)})`)
  return n
}

function count(flag: string, text: string | undefined, fallback: number): number {
  if (text === undefined) return fallback
  if (!/^\d+$/.test(text)) throw new UsageError(`load: ${flag} must be a whole number (got ${JSON.stringify(text)})`)
  return Number(text)
}
