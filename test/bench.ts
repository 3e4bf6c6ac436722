import os from 'node:os'
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { spawn, type ChildProcess } from 'node:child_process'
import { setTimeout as sleep } from 'node:timers/promises'
import { runConformance } from '../src/run/run.ts'
import { DEFAULTS } from '../src/cli/options.ts'
import { createHttp } from '../src/client/http.ts'
import { pace } from '../src/load/pacer.ts'
import { createRecorder } from '../src/load/recorder.ts'
import { loadTransport } from '../src/load/transport.ts'
import { validate } from '../src/validate.ts'
import { userBody } from '../src/kit/resources.ts'
import type { Handle } from '../src/server/index.ts'
import { startServer, tempDir, TOKEN, repoRoot } from './helpers.ts'
import { testTimeSection } from '../scripts/record-test-time.ts'

// `npm run bench`: the figures of BENCHMARKS.md, each the median of BENCH_REPEAT
// runs (default 3), printed and written with the machine they were taken on.
// BENCH_SYNC_SIZES (default "1000,10000") sets the initial-sync sizes.

const REPEAT = Number(process.env.BENCH_REPEAT ?? 3)
const SYNC_SIZES = (process.env.BENCH_SYNC_SIZES ?? '1000,10000').split(',').map(Number)
const LATENCY_MS = 100
const RUNS = 20
const lines: string[] = []
const say = (line: string) => {
  lines.push(line)
  process.stdout.write(line + '\n')
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ')
const mb = (bytes: number) => `${Math.round(bytes / 1048576)} MB`

/** RSS of this process and every descendant (the vitest workers), sampled from /proc. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>()
  let rss = 0
  const rssOf = new Map<number, number>()
  for (const entry of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const pid = Number(entry)
      children.set(Number(fields[1]), [...(children.get(Number(fields[1])) ?? []), pid])
      rssOf.set(pid, Number(fields[21]) * 4096)
    } catch {
      // the process ended while we looked
    }
  }
  const walk = (pid: number) => {
    rss += rssOf.get(pid) ?? 0
    for (const child of children.get(pid) ?? []) walk(child)
  }
  walk(root)
  return rss
}

async function peakWhile<T>(work: () => Promise<T>): Promise<{ value: T; peak: number }> {
  let peak = treeRss(process.pid)
  const timer = setInterval(() => (peak = Math.max(peak, treeRss(process.pid))), 250)
  try {
    return { value: await work(), peak }
  } finally {
    clearInterval(timer)
  }
}

const delayed = (ms: number) => (handle: Handle): Handle => async (req) => {
  await sleep(ms)
  return handle(req)
}

async function suiteRun(latencyMs: number, only?: string) {
  const server = await startServer(latencyMs > 0 ? { wrap: delayed(latencyMs) } : {})
  try {
    const started = performance.now()
    const { value: report, peak } = await peakWhile(() => runConformance({
      target: { baseUrl: server.url, token: TOKEN }, profile: DEFAULTS.profile, reportDir: tempDir('bench'),
      concurrency: DEFAULTS.concurrency, timeoutMs: 30_000, headers: {}, seed: 42, runs: only ? RUNS : DEFAULTS.runs,
      ...(only ? { only } : {}),
    }))
    return { wallMs: performance.now() - started, requests: report.traffic.requests, checks: report.checks, peak }
  } finally {
    await server.close()
  }
}

async function fullSuite(latencyMs: number): Promise<void> {
  const runs = []
  for (let i = 0; i < REPEAT; i++) runs.push(await suiteRun(latencyMs))
  const wall = median(runs.map((r) => r.wallMs))
  const requests = median(runs.map((r) => r.requests))
  const ideal = latencyMs > 0 ? (requests * latencyMs) / DEFAULTS.concurrency : undefined
  // Runs after the first in a process reuse its vitest instance (src/run/suite-runner.ts); the first creates it, as a CLI run does.
  say(`| full default suite, ${latencyMs} ms added (the first run, which creates the vitest instance: ${(runs[0]!.wallMs / 1000).toFixed(1)} s) | ${(wall / 1000).toFixed(1)} s | ${requests} | ${(requests / (wall / 1000)).toFixed(1)} | ${ideal ? `${(wall / ideal).toFixed(2)} (ideal ${(ideal / 1000).toFixed(1)} s)` : 'n/a'} | ${mb(median(runs.map((r) => r.peak)))} | ${load()} |`)
}

/** Cases: --runs for every property check that ran (pagination is capped by the dataset and left out). */
async function casesPerSecond(only: string, propertyChecks: RegExp): Promise<void> {
  const rates = []
  let cases = 0
  for (let i = 0; i < REPEAT; i++) {
    const run = await suiteRun(0, only)
    cases = run.checks.filter((c) => propertyChecks.test(c.id) && c.status !== 'skip').length * RUNS
    rates.push(cases / (run.wallMs / 1000))
  }
  say(`| \`--only '${only}' --runs ${RUNS}\` | ${cases} cases | ${median(rates).toFixed(1)} cases/s (wall time of the whole run, set-up included) | ${load()} |`)
}

function validation(): void {
  const body = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 1000, itemsPerPage: 1000, startIndex: 1,
    Resources: Array.from({ length: 1000 }, (_, i) => ({ ...userBody(`bench.user${i}@example.com`), id: `id-${i}`, meta: { resourceType: 'User', location: `http://127.0.0.1/scim/v2/Users/id-${i}` } })),
  }
  if (validate('ListResponse<User>', body).length > 0) throw new Error(`the bench's ListResponse is invalid: ${JSON.stringify(validate('ListResponse<User>', body)[0])}`)
  // CPU time besides wall time: on a loaded machine the wall time is mostly waiting for a core.
  const samples = Array.from({ length: 21 }, () => {
    const cpu = process.cpuUsage()
    const t0 = performance.now()
    validate('ListResponse<User>', body)
    const used = process.cpuUsage(cpu)
    return { wall: performance.now() - t0, cpu: (used.user + used.system) / 1000 }
  })
  const ms = median(samples.map((x) => x.wall))
  say(`| validate('ListResponse<User>', 1,000 users) | ${ms.toFixed(2)} ms wall, ${median(samples.map((x) => x.cpu)).toFixed(2)} ms CPU (median of 21) | ${ms < 50 ? 'under' : 'OVER'} the 50 ms budget | ${load()} |`)
}

/** The reference server in its own process, so the tool's memory and CPU are measured apart from it. */
async function serveChild(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'src/cli.ts'), 'serve', '--port', '0', '--token', TOKEN], { stdio: ['ignore', 'pipe', 'inherit'] })
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => resolve(d.toString().trim()))
    child.once('exit', (code) => reject(new Error(`serve exited ${code}`)))
  })
  return { url, child }
}

async function generatorVsAutocannon(url: string): Promise<void> {
  const target = `${url}/Users?${new URLSearchParams({ filter: 'userName eq "nobody@example.com"' })}`
  const connections = 10
  const seconds = 5
  const ours: number[] = []
  const theirs: number[] = []
  for (let i = 0; i < REPEAT; i++) {
    const result = await autocannon({ url: target, connections, duration: seconds, headers: { authorization: `Bearer ${TOKEN}`, accept: 'application/scim+json' } })
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`autocannon saw ${result.non2xx} non-2xx and ${result.errors} errors`)
    theirs.push(result.requests.total / seconds)
    const http = createHttp({ baseUrl: url, token: TOKEN, headers: {}, timeoutMs: 30_000, connections })
    const recorder = createRecorder(loadTransport(http, { baseUrl: url, token: TOKEN, timeoutMs: 30_000 }))
    const paced = await pace({ rate: 'unbounded', durationMs: seconds * 1000, maxInFlight: connections }, async () => {
      await recorder.send('filter lookup', { method: 'GET', path: '/Users', query: { filter: 'userName eq "nobody@example.com"' } }, [200])
    })
    await http.close()
    if (recorder.tally().errors > 0) throw new Error(`the generator saw errors: ${recorder.tally().examples.join('; ')}`)
    ours.push(paced.sent / (paced.elapsedMs / 1000))
  }
  const a = median(theirs)
  const o = median(ours)
  say(`| GET /Users?filter=userName eq "…", ${connections} connections, ${seconds} s | autocannon ${a.toFixed(0)} req/s | scim-conform ${o.toFixed(0)} req/s | ${((o / a) * 100).toFixed(0)} % (needs 90 %) | ${load()} |`)
}

/** One sync in a child process that reports its own peak memory (the server is another process). */
async function syncPeak(url: string, users: number): Promise<void> {
  const script = `
    import { runLoad } from ${JSON.stringify(path.join(repoRoot, 'src/load/run-load.ts'))}
    let rss = 0, heap = 0
    const sample = () => { const m = process.memoryUsage(); rss = Math.max(rss, m.rss); heap = Math.max(heap, m.heapUsed) }
    const timer = setInterval(sample, 100)
    const report = await runLoad({ baseUrl: ${JSON.stringify(url)}, token: ${JSON.stringify(TOKEN)}, reportDir: ${JSON.stringify(tempDir('bench-sync'))}, timeoutMs: 120000, concurrency: 8, durationMs: 1000, rate: 25, sync: { users: ${users}, groups: 10, members: ${users} } })
    clearInterval(timer); sample()
    console.log(JSON.stringify({ rss, heap, maxRss: process.resourceUsage().maxRSS * 1024, passed: report.passed, durationMs: report.sync?.durationMs ?? report.kind, phases: report.sync?.phases, left: report.cleanup.leftover.length }))`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  await new Promise((resolve) => child.once('exit', resolve))
  const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { rss: number; heap: number; maxRss: number; passed: boolean; durationMs: number; left: number; phases: { phase: string; durationMs: number; tenths: { p50: number }[] }[] }
  const growth = r.phases.find((p) => p.phase === 'users')?.tenths.map((t) => t.p50).join(', ')
  say(`| ${users} users, 10 groups (one of ${users} members) | ${(r.durationMs / 1000).toFixed(1)} s | ${r.passed ? 'pass' : 'FAIL'}, ${r.left} left | tool peak RSS ${mb(r.maxRss)}, heap ${mb(r.heap)} | server p50 per tenth of the users phase: ${growth} ms | ${load()} |`)
  syncPeaks.push({ users, rss: r.maxRss })
}
const syncPeaks: { users: number; rss: number }[] = []

// autocannon ships no types: only what the bench reads is declared.
type Autocannon = (options: { url: string; connections: number; duration: number; headers: Record<string, string> }) => Promise<{ requests: { total: number }; non2xx: number; errors: number }>
const autocannon = ((await import('autocannon' as string)) as { default: Autocannon }).default

const cpus = os.cpus()
say('# Benchmarks')
say('')
say(`Written by \`npm run bench\` on ${new Date().toISOString()}: ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${mb(os.totalmem())} memory, Node ${process.version}, load average at start ${load()}. Each figure is the median of ${REPEAT} runs; the load average is given next to each.`)
say('')
say('| Run | Wall time | Requests | Requests/s | Wall / ideal client (requests × latency / concurrency 8) | Peak RSS (with workers) | Load average |')
say('|---|---|---|---|---|---|---|')
await fullSuite(0)
await fullSuite(LATENCY_MS)
say('')
say('| Property checks | Cases | Rate | Load average |')
say('|---|---|---|---|')
await casesPerSecond('filters.*', /^filters\.(users|groups)\.|^filters\.malformed\./)
await casesPerSecond('patch.*', /^patch\.(user|group)\.(generated|invalid-refused)$/)
say('')
say('| Validation | Median | Budget | Load average |')
say('|---|---|---|---|')
validation()
say('')
const served = await serveChild()
try {
  say('| Load generator (server in its own process) | autocannon | scim-conform | Ratio | Load average |')
  say('|---|---|---|---|---|')
  await generatorVsAutocannon(served.url)
  say('')
  say('| Initial sync (server in its own process) | Time | Verdict | Tool memory | Server latency as data grows | Load average |')
  say('|---|---|---|---|---|---|')
  for (const users of SYNC_SIZES) await syncPeak(served.url, users)
} finally {
  served.child.kill('SIGTERM')
}
const [small, large] = [syncPeaks[0], syncPeaks[syncPeaks.length - 1]]
if (small && large && large !== small) say(`\nTool peak RSS at ${large.users} users is ${(large.rss / small.rss).toFixed(2)}× that at ${small.users} (must be within 1.5×).`)
say('')
say('How to read these: the ideal client sends every request with the same concurrency and no time of its own (requests × latency / 8). The initial sync and the generator comparison run against the reference server in its own process (`scim-conform serve`), so the tool\'s memory and CPU are measured apart from the server\'s; the server filters by scanning every resource, so its latency grows with the data (the per-tenth column). The generator and autocannon send the same request with the same 10 connections, one after the other, to the same server process.')
const benchmarksFile = path.join(repoRoot, 'BENCHMARKS.md')
// npm test's own time is recorded by scripts/record-test-time.ts; keep it.
const testTime = existsSync(benchmarksFile) ? testTimeSection(readFileSync(benchmarksFile, 'utf8')) : undefined
writeFileSync(benchmarksFile, lines.join('\n') + '\n' + (testTime ? '\n' + testTime : ''))
