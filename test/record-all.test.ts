import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { describe, it, expect } from 'vitest'
import { parseCommand } from '../src/cli/options.ts'
import { helpText } from '../src/cli/help.ts'
import { UsageError } from '../src/errors.ts'
import { schemasDir } from '../src/paths.ts'
import { REDACTED } from '../src/client/exchange.ts'
import type { CheckResult, Report } from '../src/report/model.ts'
import { runAgainst, runCli, startServer, tempDir, TOKEN } from './helpers.ts'

// --record all: a passing report shows what every check sent and received, redacted as the
// evidence of a failure is; without it, only failures carry exchanges.

// ajv-formats is CommonJS; under nodenext its default import is the module object.
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default

const exchangesOf = (check: CheckResult | undefined) => (check?.status === 'pass' ? check.exchanges : undefined)

describe('--record', () => {
  it('takes failures or all, defaults to failures, and is in --help', () => {
    const run = (argv: string[]) => {
      const command = parseCommand(['--url', 'https://scim.example.com/scim/v2', ...argv], { SCIM_CONFORM_TOKEN: 't' })
      return command.name === 'run' ? command.options.record : undefined
    }
    expect(run([])).toBe('failures')
    expect(run(['--record', 'all'])).toBe('all')
    expect(() => run(['--record', 'everything'])).toThrow(new UsageError('--record must be one of failures, all (got "everything")'))
    expect(helpText).toContain('  --record ')
  })

  it('all: passing checks carry their exchanges and their forks\', redacted, and no written file holds the token', async () => {
    const server = await startServer()
    const dir = tempDir('record-all')
    const only = 'users.create.*,security.query-token.reads,security.other-scheme.reads,patch.user.generated'
    try {
      const r = await runCli(['--url', server.url, '--only', only, '--record', 'all', '--runs', '3', '--report-dir', dir], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      const written = readFileSync(path.join(dir, 'report.json'), 'utf8')
      const report = JSON.parse(written) as Report
      const ajv = new Ajv2020({ allErrors: true, strict: true })
      addFormats(ajv)
      const valid = ajv.compile(JSON.parse(readFileSync(path.join(schemasDir, 'report.schema.json'), 'utf8')) as object)
      expect(valid(report), JSON.stringify(valid.errors)).toBe(true)

      const created = exchangesOf(report.checks.find((c) => c.id === 'users.create.status-201'))
      expect(created).toEqual([expect.objectContaining({ method: 'POST', url: `${server.url}/Users`, status: 201, requestBody: expect.stringContaining('userName'), responseBody: expect.stringContaining('"id"') })])
      expect(created?.[0]?.requestHeaders.authorization).toBe(`Bearer ${REDACTED}`)
      const queryToken = exchangesOf(report.checks.find((c) => c.id === 'security.query-token.reads')) ?? []
      expect(queryToken.some((e) => e.url.includes(`access_token=${encodeURIComponent(REDACTED)}`))).toBe(true)
      expect(exchangesOf(report.checks.find((c) => c.id === 'security.other-scheme.reads'))?.map((e) => e.requestHeaders.authorization)).toContain(`Token ${REDACTED}`)
      // A property check sends from a fork per generated case: those are the check's exchanges too.
      expect(exchangesOf(report.checks.find((c) => c.id === 'patch.user.generated'))?.filter((e) => e.method === 'PATCH').length).toBeGreaterThanOrEqual(3)

      expect(readFileSync(path.join(dir, 'report.html'), 'utf8')).toContain('data-recorded-for="users.create.status-201"')
      expect(readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain('(--record all)')
      const files = readdirSync(dir)
      expect(files).toEqual(expect.arrayContaining(['report.json', 'report.html', 'report.md', 'junit.xml', 'journal.jsonl']))
      for (const file of files) expect(readFileSync(path.join(dir, file), 'utf8'), file).not.toContain(TOKEN)
      expect(r.stdout).not.toContain(TOKEN)
    } finally {
      await server.close()
    }
  }, 300_000)

  it('without it, passing checks carry no exchanges', async () => {
    const server = await startServer()
    try {
      const report = await runAgainst(server, { only: 'users.create.*' })
      const passed = report.checks.filter((c) => c.status === 'pass')
      expect(passed.map((c) => c.id)).toContain('users.create.status-201')
      expect(passed.filter((c) => 'exchanges' in c)).toEqual([])
    } finally {
      await server.close()
    }
  }, 120_000)
})
