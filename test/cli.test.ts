import { describe, it, expect } from 'vitest'
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { spawn } from 'node:child_process'
import { runCli, startServer, tempDir, TOKEN, repoRoot, writtenVerdicts, everyReportSays } from './helpers.ts'
import { onResponse } from './faults/wrappers.ts'
import { cliEntry } from './cli-build.ts'
import { slow } from './transport/hostile.ts'
import type { Report } from '../src/report/model.ts'

// The bin as a user runs it: exit codes, one-line errors, reports on disk.

const readReport = (dir: string): Report => JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as Report

describe('usage', () => {
  it('--help lists the flags and exit codes', async () => {
    const r = await runCli(['--help'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('--concurrency')
    expect(r.stdout).toMatch(/3 {2}the target could not be reached/)
  })

  it('--version prints the package version', async () => {
    const r = await runCli(['--version'])
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version)
  })

  it.each([
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--url', 'http://127.0.0.1:1/scim'], /no credentials/],
    [['--token', 't'], /no target/],
    [['--url', 'not a url', '--token', 't'], /--url is not a URL/],
    [['--url', 'http://127.0.0.1:1', '--token', 't', '--concurrency', '0'], /--concurrency must be at least 1/],
    [['--url', 'http://127.0.0.1:1', '--token', 't', '--header', 'nocolon'], /--header must be "Name: value"/],
    [['--url', 'http://127.0.0.1:1', '--token', 't', '--profile', 'nope'], /unknown profile "nope"/],
    [['--url', 'http://127.0.0.1:1', '--token', 't', '--record', 'some'], /--record must be one of failures, all \(got "some"\)/],
  ])('%j exits 2 with one line on stderr', async (args, message) => {
    const r = await runCli(args)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(message)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
  })

  it.each([
    ['a --report-dir that is a file', (file: string) => ['--report-dir', file], /--report-dir .*a-file: a file, not a directory/],
    ['a --write-baseline under a file', (file: string) => ['--write-baseline', path.join(file, 'base.json')], /--write-baseline .*a-file is a file, not a directory/],
    ['a --write-baseline that is a directory', (file: string) => ['--write-baseline', path.dirname(file)], /--write-baseline .*: a directory, not a file/],
  ])('paths are checked before the first request: %s exits 2 with one line', async (_label, args, message) => {
    const file = path.join(tempDir('paths'), 'a-file')
    writeFileSync(file, '')
    const r = await runCli(['--url', 'http://127.0.0.1:9/scim/v2', ...args(file)], { env: { SCIM_CONFORM_TOKEN: 'x' } })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(message)])
  })

  it('serve --port on a port in use exits 2 with one line', async () => {
    const server = await startServer()
    try {
      const port = new URL(server.url).port
      const r = await runCli(['serve', '--port', port, '--token', 't'])
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toEqual([`scim-conform: --port ${port} is in use on 127.0.0.1: pick another, or --port 0 for a free one`])
    } finally {
      await server.close()
    }
  })

  it('profiles lists the built-in profiles', async () => {
    const r = await runCli(['profiles'])
    expect(r.code).toBe(0)
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual(['entra', 'rfc', 'zapier', 'zip', 'zscaler', 'zero', 'zendesk'])
  })

  it('profiles show prints the mapping and what Entra sends for it, in each dialect', async () => {
    const r = await runCli(['profiles', 'show', 'zip', '--json'])
    expect(r.code).toBe(0)
    const shown = JSON.parse(r.stdout) as { attributes: { path: string; matching: boolean }[]; requests: { what: string; method: string; path: string; body?: { Operations?: { op: string }[] } }[] }
    expect(shown.attributes.filter((a) => a.matching).map((a) => a.path)).toEqual(['userName', 'displayName'])
    expect(shown.attributes.map((a) => a.path)).toContain('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager')
    const patches = shown.requests.filter((q) => q.method === 'PATCH' && q.path === '/Users/{id}')
    expect(patches.map((q) => q.body?.Operations?.[0]?.op)).toEqual(['Replace', 'replace', 'replace'])
    expect(shown.requests.find((q) => q.method === 'GET')?.path).toMatch(/^\/Users\?filter=userName\+eq\+%22/)
    const text = await runCli(['profiles', 'show', 'zip'])
    expect(text.stdout).toMatch(/kind\s+attribute\s+type\s+required\s+filterable\s+matching/)
    const unknown = await runCli(['profiles', 'show', 'nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('checks --json lists every check with its level, requirements and whether it writes, sending nothing', async () => {
    const r = await runCli(['checks', '--profile', 'zip', '--json'])
    expect(r.code).toBe(0)
    const checks = JSON.parse(r.stdout) as { id: string; area: string; level: string; requirements: string[]; readOnly: boolean }[]
    expect(checks.find((c) => c.id === 'users.create.status-201')).toMatchObject({ area: 'users', level: 'MUST', readOnly: false, requirements: expect.arrayContaining(['rfc7644:3.3:created-201']) })
    expect(checks.find((c) => c.id === 'auth.no-token.401')?.readOnly).toBe(true)
    expect(new Set(checks.map((c) => c.id)).size).toBe(checks.length)
  })

  it('explain quotes what a check requires, with its source and its fix; an unknown id exits 2 with one line', async () => {
    const r = await runCli(['explain', 'users.create.status-201'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('SHALL be returned with HTTP status code 201 (Created)')
    expect(r.stdout).toContain('https://www.rfc-editor.org/rfc/rfc7644#section-3.3')
    expect(r.stdout).toMatch(/Fix when it fails: /)
    const unknown = await runCli(['explain', 'users.create.nope'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1)
    expect(unknown.stderr).toContain('users.create.status-201')
  })
})

describe('unreachable or refusing targets exit 3 before any check', () => {
  it('nothing listening', async () => {
    const dir = tempDir('unreachable')
    const r = await runCli(['--url', 'http://127.0.0.1:9', '--report-dir', dir], { env: { SCIM_CONFORM_TOKEN: 'x' } })
    expect(r.code).toBe(3)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/cannot reach http:\/\/127\.0\.0\.1:9: connection refused/)])
  })

  it('a wrong token', async () => {
    const server = await startServer()
    try {
      const r = await runCli(['--url', server.url, '--report-dir', tempDir('wrong-token')], { env: { SCIM_CONFORM_TOKEN: 'not-the-token' } })
      expect(r.code).toBe(3)
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/rejected the credentials \(401/)])
      expect(r.stderr).not.toContain('not-the-token')
    } finally {
      await server.close()
    }
  })
})

describe('verdicts', () => {
  it.each([
    // Entra accepts 200 for a create, so only the rfc gate fails on it.
    ['answers POST with 200', onResponse((req) => req.method === 'POST', (res) => (res.status === 201 ? { ...res, status: 200 } : res)), 'users.create.status-201', ['--gate', 'rfc']],
    // The default gate (entra) fails on it: Entra's job requires authorization.
    ['lets a request without a token through', (handle: Parameters<typeof onResponse>[0] extends never ? never : any) => (req: any) => handle(req.headers.authorization ? req : { ...req, headers: { ...req.headers, authorization: `Bearer ${TOKEN}` } }), 'auth.no-token.401', []],
  ])('a server that %s: exit 1, the check failed in report.json and junit.xml', async (_label, wrap, checkId, gate) => {
    const server = await startServer({ wrap })
    const dir = tempDir('verdict')
    try {
      const r = await runCli(['--url', server.url, '--report-dir', dir, ...gate], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(r.code).toBe(1)
      const check = readReport(dir).checks.find((c) => c.id === checkId)
      expect(check?.status).toBe('fail')
      const junit = readFileSync(path.join(dir, 'junit.xml'), 'utf8')
      expect(junit).toMatch(new RegExp(`<testcase [^>]*name="${checkId.replace(/\./g, '\\.')}"[^>]*>\\s*<failure`))
      expect(server.snapshot()).toEqual({ Users: [], Groups: [] })
    } finally {
      await server.close()
    }
  })

  it("--only matching no check (a typo: 'user.*') exits 2 with one line, before any request", async () => {
    let requests = 0
    const server = await startServer({ wrap: (handle) => (req) => (requests++, handle(req)) })
    try {
      const r = await runCli(['--url', server.url, '--only', 'user.*', '--report-dir', tempDir('only-none')], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/--only 'user\.\*' matches no check .*users\./)])
      expect(requests).toBe(0)
    } finally {
      await server.close()
    }
  })

  it('--only: exit from the selected checks, every report says PARTIAL and report.json records the selection', async () => {
    const server = await startServer()
    const dir = tempDir('only-partial')
    try {
      const r = await runCli(['--url', server.url, '--only', 'discovery.*', '--read-only', '--report-dir', dir], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/^PARTIAL: \d+ checks/m)
      expect(writtenVerdicts(dir)).toEqual(everyReportSays('PARTIAL'))
      expect(readReport(dir).selection).toEqual({ only: 'discovery.*', suites: ['discovery'], readOnly: true })
    } finally {
      await server.close()
    }
  })

  it("a profile's declared rate limit is the default --rate, and the report says so", async () => {
    const server = await startServer()
    const dir = tempDir('profile-rate')
    try {
      const r = await runCli(['--url', server.url, '--profile', 'zscaler', '--only', 'discovery.*', '--report-dir', dir], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(r.code).toBe(0)
      expect(readReport(dir).transport).toMatchObject({ rate: 5, rateOrigin: 'profile' })
      expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain("5 requests/s, the zscaler profile's declared rate limit (the default --rate)")
    } finally {
      await server.close()
    }
  })

  it('the token given in the environment appears in no written file and no output', async () => {
    const server = await startServer()
    const dir = tempDir('secrets')
    try {
      const r = await runCli(['--url', server.url, '--report-dir', dir, '--header', 'X-Tenant-Secret: s3cr3t-header-value'], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(r.code).toBe(0)
      for (const file of readdirSync(dir)) {
        const text = readFileSync(path.join(dir, file), 'utf8')
        expect(text, file).not.toContain(TOKEN)
        expect(text, file).not.toContain('s3cr3t-header-value')
      }
      expect(r.stdout + r.stderr).not.toContain(TOKEN)
    } finally {
      await server.close()
    }
  })
})

describe('serve', () => {
  it('prints its base URL first, serves until stopped, and the suite passes against it', async () => {
    const child = spawn(process.execPath, [cliEntry, 'serve', '--port', '0', '--token', 'serve-token'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          if (out.includes('\n')) resolve(out.split('\n')[0]!)
        })
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)))
      })
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/)
      const r = await runCli(['--url', url, '--report-dir', tempDir('serve')], { env: { SCIM_CONFORM_TOKEN: 'serve-token' } })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
    } finally {
      child.kill('SIGTERM')
    }
    const code = await new Promise((resolve) => child.on('exit', resolve))
    expect(code).toBe(0)
  })
})

describe('progress without a terminal', () => {
  it('prints a done/total line every few seconds, counting only the selected checks, and a line per area that ran', async () => {
    // 5 s per answer: the selected checks (about five answers each, one after another) outlast
    // the 10 s between progress lines twice over, however fast the machine.
    const server = await startServer({ wrap: slow(5000) })
    try {
      const reportDir = tempDir('progress')
      const r = await runCli(['--url', server.url, '--token', TOKEN, '--only', 'users.create.*', '--report-dir', reportDir], { env: { CI: '1' }, timeoutMs: 300_000 })
      expect(r.code, r.stderr).toBe(0)
      const selected = readReport(reportDir).checks.filter((c) => c.id.startsWith('users.create.')).length
      const totals = [...r.stdout.matchAll(/progress: (\d+)\/(\d+) checks done, (\d+) failed, [\d.]+s/g)].map((m) => Number(m[2]))
      expect(totals.length, r.stdout).toBeGreaterThan(0)
      const areas = [...r.stdout.matchAll(/^(\S+): (\d+) checks, \d+ failed/gm)].map((m) => [m[1], Number(m[2])])
      expect(totals.at(-1)).toBe(selected)
      // First the Test Connection result and the plan, before any check's line.
      const first = r.stdout.indexOf('Test Connection (GET /Users?filter=userName eq "<random>"): 200, a ListResponse with totalResults 0; Entra\'s Test Connection passes')
      expect(first, r.stdout).toBeGreaterThanOrEqual(0)
      expect(r.stdout.indexOf('Plan: profile entra (dialect entra), at most 8 requests in flight')).toBeGreaterThan(first)
      expect(r.stdout.indexOf('progress: ')).toBeGreaterThan(first)
      expect(areas).toEqual([['users', selected]])
    } finally {
      await server.close()
    }
  }, 400_000)
})

