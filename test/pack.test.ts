import { describe, it, expect } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { readdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot, tempDir } from './helpers.ts'

// What a vendor gets from the registry: the packed tarball, run with npx from an
// empty folder, with none of this repository's dev tooling (tsx, typescript).

const run = promisify(execFile)

describe('the packed tarball', () => {
  it('works with npx from an empty folder: --help, and a run whose suites come from dist/', async () => {
    const packDir = tempDir('pack')
    await run('npm', ['pack', '--pack-destination', packDir], { cwd: repoRoot, timeout: 240_000 })
    const tarball = path.join(packDir, readdirSync(packDir).find((f) => f.endsWith('.tgz'))!)
    const empty = tempDir('npx')
    const env = { ...process.env, CI: '1', npm_config_yes: 'true' }

    // npx runs a bare absolute path as a command; a tarball is named as a file: spec.
    const help = await run('npx', ['--yes', `file:${tarball}`, '--help'], { cwd: empty, env, timeout: 240_000 })
    expect(help.stdout).toContain('Exit codes:')

    const reportDir = path.join(empty, 'report')
    const result = await run('npx', ['--yes', `file:${tarball}`, '--embedded', '--only', 'discovery.*', '--report-dir', reportDir], { cwd: empty, env, timeout: 240_000 })
    expect(result.stdout).toMatch(/PARTIAL: \d+ checks/)
    expect(result.stdout).toContain('discovery')
    expect(readdirSync(reportDir)).toEqual(expect.arrayContaining(['report.json', 'junit.xml', 'report.html', 'report.md']))

    // The library entry point: installed as a dependency, imported by name, run against the reference server it exports.
    const app = tempDir('library')
    await run('npm', ['install', '--no-audit', '--no-fund', tarball], { cwd: app, env, timeout: 240_000 })
    writeFileSync(path.join(app, 'use.mjs'), [
      "import { runConformance, createReferenceServer, outcome } from 'scim-conform'",
      "const server = await createReferenceServer({ token: 't0k3n', port: 0 })",
      "const report = await runConformance({ target: { baseUrl: server.url, token: 't0k3n' }, profile: 'entra', reportDir: 'report', only: 'discovery.*', concurrency: 2, timeoutMs: 10000, headers: {}, seed: 1, runs: 2 })",
      'await server.close()',
      "console.log(JSON.stringify({ verdict: outcome(report).label, checks: report.checks.length, failed: report.checks.filter((c) => c.status === 'fail').length }))",
    ].join('\n'))
    const used = await run('node', ['use.mjs'], { cwd: app, env, timeout: 240_000 })
    const summary = JSON.parse(used.stdout.trim().split('\n').at(-1)!) as { verdict: string; checks: number; failed: number }
    expect(summary).toMatchObject({ verdict: 'PARTIAL', failed: 0 })
    expect(summary.checks).toBeGreaterThan(0)
  }, 900_000)
})
