import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { it, expect } from 'vitest'
import { formats, writeReports } from '../reporters/index.ts'
import { securityFaults } from './faults/security.ts'
import { runAgainst, startServer, tempDir, TOKEN } from './helpers.ts'

// The query-token probes send the run's real token as ?access_token= to show the server
// refuses it there. When a server takes it, the failure's evidence shows that request:
// its URL is redacted at capture, as the Authorization header is, so no report holds the token.

it('a failing query-token probe is evidence without the token: no written file holds it', async () => {
  const fault = securityFaults.find((f) => f.id === 'token-in-query')!
  const server = await startServer({ wrap: fault.wrap })
  const dir = tempDir('query-token')
  try {
    const report = await runAgainst(server, { only: 'security.query-token.reads', reportDir: dir })
    const probe = report.checks.find((c) => c.id === 'security.query-token.reads')
    expect(probe?.status).toBe('fail')
    const urls = probe?.status === 'fail' ? probe.evidence.exchanges.map((e) => e.url) : []
    expect(urls.filter((url) => url.includes('access_token='))).not.toEqual([])
    for (const url of urls.filter((u) => u.includes('access_token='))) expect(url).toMatch(/[?&]access_token=%3Credacted%3E(&|$)/)
    await writeReports(report, dir, formats)
    for (const file of readdirSync(dir)) expect(readFileSync(path.join(dir, file), 'utf8'), file).not.toContain(TOKEN)
  } finally {
    await server.close()
  }
}, 120_000)
