import { describe, it, expect } from 'vitest'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { runCli, startServer, tempDir, TOKEN } from './helpers.ts'
import { onResponse } from './faults/wrappers.ts'

// What a vendor does with a failure: open report.html, copy the curl command,
// run it, and see the failing response for themselves. And a CI gate that only
// fails on regressions.

const unescapeHtml = (s: string): string =>
  s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')

const postAnswers200 = onResponse((req) => req.method === 'POST' && req.path === '/Users', (res) => (res.status === 201 ? { ...res, status: 200 } : res))
const groupPostAnswers200 = onResponse((req) => req.method === 'POST' && req.path === '/Groups', (res) => (res.status === 201 ? { ...res, status: 200 } : res))

describe('report.html evidence', () => {
  it('holds the failing exchange and a curl command that reproduces the failing response', async () => {
    const server = await startServer({ wrap: postAnswers200 })
    const dir = tempDir('evidence')
    try {
      // 200 for 201 breaks an RFC MUST that Entra never exercises: the default (entra) gate passes it.
      const entraGated = await runCli(['--url', server.url, '--report-dir', tempDir('evidence-entra'), '--only', 'users.create.status-201'], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(entraGated.code).toBe(0)
      expect(entraGated.stdout).toContain('gate: the exit code follows the entra verdict')
      const r = await runCli(['--url', server.url, '--report-dir', dir, '--only', 'users.create.status-201', '--gate', 'rfc'], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(r.code).toBe(1)
      const page = readFileSync(path.join(dir, 'report.html'), 'utf8')
      const card = page.slice(page.indexOf('users.create.status-201'))
      expect(card).toContain(`POST</span> <span class="url">${server.url}/Users</span>`)
      const curl = unescapeHtml(/<div class="curl"><pre id="[^"]+">([^<]+)<\/pre>/.exec(page)![1]!)
      expect(curl).toContain('$SCIM_CONFORM_TOKEN')
      expect(curl).not.toContain(TOKEN)
      // Async: the server lives in this process, so a synchronous curl would wait on itself.
      const { stdout: output } = await promisify(execFile)('bash', ['-c', curl], { env: { ...process.env, SCIM_CONFORM_TOKEN: TOKEN }, encoding: 'utf8' })
      expect(output.split('\n')[0]).toMatch(/^HTTP\/1\.1 200/)
      expect(output).toContain('"userName"')
    } finally {
      await server.close()
    }
  })
})

describe('--baseline', () => {
  it('exits 0 when nothing regressed, and 1 when one more check fails', async () => {
    const dir = tempDir('baseline')
    const baselineFile = path.join(dir, 'baseline.json')
    const only = ['--only', 'users.create.*,groups.create.*', '--gate', 'rfc']
    const known = await startServer({ wrap: postAnswers200 })
    try {
      const first = await runCli(['--url', known.url, '--report-dir', path.join(dir, 'r1'), '--write-baseline', baselineFile, ...only], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(first.code).toBe(1)
      const again = await runCli(['--url', known.url, '--report-dir', path.join(dir, 'r2'), '--baseline', baselineFile, ...only], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(again.stdout).toMatch(/baseline: 0 new failure\(s\), 1 known/)
      expect(again.code).toBe(0)
    } finally {
      await known.close()
    }
    const worse = await startServer({ wrap: (h) => groupPostAnswers200(postAnswers200(h)) })
    try {
      const r = await runCli(['--url', worse.url, '--report-dir', path.join(dir, 'r3'), '--baseline', baselineFile, ...only], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(r.stdout).toMatch(/baseline: 1 new failure\(s\), 1 known, 0 fixed: groups\.create\.status-201/)
      expect(r.code).toBe(1)
    } finally {
      await worse.close()
    }
  }, 300_000)

  it('a missing baseline file is a usage error before anything runs', async () => {
    const r = await runCli(['--url', 'http://127.0.0.1:9', '--token', 't', '--baseline', '/nonexistent/report.json'])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe('scim-conform: --baseline /nonexistent/report.json: no such file')
  })
})
