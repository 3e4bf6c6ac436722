import { execFile } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'
import { beforeAll, expect, it } from 'vitest'
import type { Handle } from '../src/server/index.ts'
import { repoRoot, runCli, startServer, tempDir, TOKEN } from './helpers.ts'

// `scim-conform load --export artillery` writes a script that Artillery itself runs (issue 19):
// the same mix of requests as the load check, the token read from the environment when it
// runs and never written into the file, every name under the export's prefix, and
// `scim-conform cleanup --prefix` removing all of it. Artillery runs here against the
// reference server on 127.0.0.1, installed by scripts/install-artillery.sh.

const run = promisify(execFile)
const artillery = path.join(repoRoot, '.tmp/artillery/node_modules/.bin/artillery')

beforeAll(async () => {
  await run('bash', [path.join(repoRoot, 'scripts/install-artillery.sh')], { cwd: repoRoot })
}, 600_000)

/** What each answered request was, in the load check's own operation names. */
function operationOf(method: string, urlPath: string, query: URLSearchParams): string {
  if (method === 'GET' && urlPath === '/Users' && query.has('filter')) return 'filter lookup'
  if (method === 'GET' && urlPath.startsWith('/Users/')) return 'get user'
  if (method === 'POST' && urlPath === '/Users') return 'create user'
  if (method === 'PATCH' && urlPath.startsWith('/Users/')) return 'patch user'
  if (method === 'PATCH' && urlPath.startsWith('/Groups/')) return 'add member'
  if (method === 'POST' && urlPath === '/Groups') return 'create group'
  return `${method} ${urlPath}`
}

it('exports a script Artillery runs against the target with the load check\'s mix, and cleanup --prefix removes what it created', async () => {
  const seen: { operation: string; status: number }[] = []
  const recording = (handle: Handle): Handle => async (req) => {
    const res = await handle(req)
    seen.push({ operation: operationOf(req.method, req.path, req.query), status: res.status })
    return res
  }
  const server = await startServer({ wrap: recording })
  try {
    // --token is given here too: the script must not carry it, whatever the command line held.
    const exported = await runCli(['load', '--export', 'artillery', '--url', server.url, '--token', TOKEN, '--rate', '40', '--duration', '3'])
    expect(exported.code, exported.stderr).toBe(0)
    const script = exported.stdout
    expect(script).not.toContain(TOKEN)
    expect(script).toContain('Bearer {{ $processEnvironment.SCIM_CONFORM_TOKEN }}')
    const prefix = /--prefix (scimconf-[0-9a-f]{8}-)/.exec(script)?.[1]
    expect(prefix).toBeDefined()
    const file = path.join(tempDir('artillery'), 'scim-load.yml')
    writeFileSync(file, script)

    const { stdout } = await run(artillery, ['run', file], {
      env: { ...process.env, SCIM_CONFORM_TOKEN: TOKEN, ARTILLERY_DISABLE_TELEMETRY: 'true' }, maxBuffer: 16 * 1024 * 1024, timeout: 120_000,
    })
    expect(stdout).toMatch(/vusers\.completed:/)
    // Every request authorised by the token from the environment, and answered as the load check expects.
    expect(seen.filter((s) => s.status >= 300).map((s) => `${s.operation} ${s.status}`)).toEqual([])
    const count = (operation: string) => seen.filter((s) => s.operation === operation).length
    expect(count('create group')).toBe(1)
    const rounds = count('create user') / 3
    expect(rounds).toBeGreaterThanOrEqual(6)
    expect([count('filter lookup'), count('get user'), count('patch user'), count('add member')]).toEqual([8, 4, 3, 2].map((n) => n * rounds))
    const created = server.snapshot()
    expect([...created.Users.map((u) => String(u.userName)), ...created.Groups.map((g) => String(g.displayName))].every((name) => name.startsWith(prefix!))).toBe(true)

    const cleanup = await runCli(['cleanup', '--url', server.url, '--prefix', prefix!], { env: { SCIM_CONFORM_TOKEN: TOKEN } })
    expect(cleanup.code, cleanup.stderr).toBe(0)
    expect(server.snapshot()).toEqual({ Users: [], Groups: [] })
  } finally {
    await server.close()
  }
}, 300_000)

it('refuses what a script cannot hold: --rate max, and a credential in --header', async () => {
  const max = await runCli(['load', '--export', 'artillery', '--url', 'http://127.0.0.1:9/scim/v2', '--rate', 'max'])
  expect([max.code, max.stderr.trim()]).toEqual([2, 'scim-conform: load: --rate max finds a rate by trying; an exported script sends one: pass --rate <n>'])
  const header = await runCli(['load', '--export', 'artillery', '--url', 'http://127.0.0.1:9/scim/v2', '--header', `Authorization: Bearer ${TOKEN}`])
  expect(header.code).toBe(2)
  expect(header.stdout + header.stderr).not.toContain(TOKEN)
})
