import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createReferenceServer } from '../src/server/index.ts'
import { faults } from './faults/index.ts'
import { repoRoot, tempDir, TOKEN, type CliResult } from './helpers.ts'
import { readmeShell, type ReadmeCommand } from './readme-shell.ts'

// README.md's commands, read from the README (test/readme-shell.ts) and run as written by
// bash, from temporary folders, against servers on 127.0.0.1 only (issue 17). Every command
// the README gives is either run here or listed in `notRun` with the reason.
//
// What differs from a reader's machine, and nothing else:
//   - "a fresh clone" is a copy of the tracked files as they are in the working tree (so an
//     uncommitted README edit is what gets tested, and a file the commands need but git does
//     not track is missing, as in a clone), and `npm ci` is a node_modules symlink to this
//     checkout's, which the lock file already installed: the test never installs anything;
//   - `npx scim-conform` finds the package in the reader's folder through a node_modules link
//     to that copy, whose bin runs src/cli.ts with tsx (the packed bin from dist/ is
//     test/pack.test.ts's), and npm runs offline, so a pinned version that is not this one
//     fails instead of being fetched;
//   - SCIM_CONFORM_TOKEN is a token of the test's (where the README exports a value or reads a
//     CI secret), and it is never printed;
//   - the example port 8080 is a free port, the serve line's `&` is the test starting it in
//     the background, and `kill %1` is a SIGTERM to that job;
//   - the CI job's own server (./start-my-scim-server.sh) is the reference server with one
//     known defect that fails the default (Entra) gate, so the baseline has failures to record.
// `npm test` is not run (it would run this file again): the test checks it is what
// package.json and .ci/run run.

/** README commands not run here, by their exact text (a changed command is looked at again), each with why. */
const notRun: Record<string, string> = {
  'npx scim-conform --url https://app.example.com/scim/v2 --profile zip':
    "illustrative: app.example.com stands for the reader's server; the same run against loopback is the serve pair's, and profiles-run.test.ts runs the zip profile",
  'npx scim-conform --url https://staging.example.com/scim/v2 --profile entra':
    "illustrative: staging.example.com stands for the reader's server; the serve pair runs this command (entra is the default profile) against loopback",
  './start-my-scim-server.sh &': "the reader's own server: the test starts the reference server with one known defect in its place",
  'npx scim-conform load --url $URL --rate 25 --duration 30': '$URL is a placeholder, and the run is 30 s of load; load.test.ts runs the load generator against the reference server',
  'npx scim-conform load --url $URL --rate max': '$URL is a placeholder, and the rate steps take minutes; load.test.ts runs --rate max against a throttling server',
  'npx scim-conform load --export artillery --url $URL --rate 200 --duration 300 > scim-load.yml': '$URL is a placeholder; load-artillery.test.ts exports a script for the reference server, runs it with Artillery and cleans up by prefix',
  'SCIM_CONFORM_TOKEN=... npx artillery run scim-load.yml': 'the token is a placeholder and the script is the one above; load-artillery.test.ts runs an exported script with Artillery 2.0.21',
  'npx scim-conform cleanup --url $URL --prefix scimconf-1a2b3c4d-': '$URL and the prefix are placeholders; load-artillery.test.ts runs cleanup --prefix with the prefix of its exported script',
  'npx scim-conform load --url $URL --users 10000 --groups 10 --members 10000': "$URL is a placeholder, and the sync takes about 8 minutes (the README's benchmarks: 456 s); load.test.ts runs one of 200 users",
}

/** The commands this file runs (or, for npm test, checks), each found by what it does. */
const roles = {
  setUp: /^npm ci && npm start$/,
  selfTest: /^npm test$/,
  tokenExport: /^export SCIM_CONFORM_TOKEN=/,
  serve: /^npx scim-conform serve\b/,
  serveRun: /^npx scim-conform --url http:\/\/127\.0\.0\.1:/,
  stopServe: /^kill %/,
  ciWait: /curl .*\/ServiceProviderConfig/,
  writeBaseline: /--write-baseline /,
  baseline: /--baseline /,
  ciSummary: /GITHUB_STEP_SUMMARY/,
} as const
type Role = keyof typeof roles

const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8')
const { commands, ciEnv } = readmeShell(readme)
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string; engines: { node: string }; scripts: Record<string, string> }

const rolesOf = (c: ReadmeCommand): Role[] => (Object.keys(roles) as Role[]).filter((r) => roles[r].test(c.bare))
const withRole = (role: Role): ReadmeCommand[] => commands.filter((c) => roles[role].test(c.bare))
function one(role: Role): ReadmeCommand {
  const found = withRole(role)
  expect(found.map((c) => c.bare), `one README command for ${role}`).toHaveLength(1)
  return found[0]!
}

const token = `readme-${randomBytes(12).toString('hex')}`
const hosts = (text: string): string[] => [...text.matchAll(/https?:\/\/([^/:\s"']+)/g)].map((m) => m[1]!)

/** A reader's shell: none of the variables npm, vitest or an earlier run put in this process's environment. */
const shellEnv: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(npm_|VITEST|SCIM_CONFORM_)|^(NODE_ENV|TEST)$/.test(name))),
  CI: '1',
  npm_config_offline: 'true',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
}

/** bash -c as the reader's terminal runs a line, or with GitHub Actions' `bash --noprofile --norc -eo pipefail` for a CI step. */
function sh(script: string, options: { cwd: string; env: NodeJS.ProcessEnv; ciStep?: boolean; timeoutMs?: number }): Promise<CliResult & { ms: number }> {
  const started = Date.now()
  const args = options.ciStep ? ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script] : ['-c', script]
  return new Promise((resolve, reject) => {
    const child = spawn('bash', args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), options.timeoutMs ?? 240_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr, ms: Date.now() - started })
    })
  })
}

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  await new Promise((resolve) => server.close(resolve))
  return port
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

let clone: string
const folders: string[] = []

/** A reader's empty folder where `npx scim-conform` resolves to the clone, as after `npm install scim-conform`. */
function readerFolder(label: string): string {
  const dir = tempDir(`readme-${label}`)
  folders.push(dir)
  mkdirSync(path.join(dir, 'node_modules/.bin'), { recursive: true })
  symlinkSync(clone, path.join(dir, 'node_modules/scim-conform'))
  const tsx = pathToFileURL(createRequire(path.join(clone, 'package.json')).resolve('tsx')).href
  writeFileSync(path.join(dir, 'node_modules/.bin/scim-conform'), `#!/bin/sh\nexec "${process.execPath}" --import "${tsx}" "${clone}/src/cli.ts" "$@"\n`, { mode: 0o755 })
  return dir
}

/** Every file under dir, as text: the token must be in none of them. */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => readFileSync(path.join(e.parentPath, e.name), 'utf8'))

beforeAll(() => {
  clone = tempDir('readme-clone')
  const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: repoRoot, encoding: 'utf8' }).split('\0').filter(Boolean)
  for (const file of tracked) {
    // A tracked file deleted in the working tree is not there, as it would not be after a commit.
    if (existsSync(path.join(repoRoot, file))) cpSync(path.join(repoRoot, file), path.join(clone, file))
  }
  symlinkSync(path.join(repoRoot, 'node_modules'), path.join(clone, 'node_modules'))
})

afterAll(() => {
  // rm does not follow the node_modules links.
  for (const dir of [clone, ...folders]) if (dir) rmSync(dir, { recursive: true, force: true })
})

describe("the README's commands", () => {
  it('are each run below or listed as not run with a reason, and what is run targets 127.0.0.1 only', () => {
    expect(commands.filter((c) => rolesOf(c).length === 0 && notRun[c.bare] === undefined).map((c) => c.bare)).toEqual([])
    expect(commands.filter((c) => rolesOf(c).length > 1).map((c) => c.bare), 'a command with two roles').toEqual([])
    expect(Object.keys(notRun).filter((text) => !commands.some((c) => c.bare === text)), 'notRun names a command the README no longer has').toEqual([])
    for (const role of Object.keys(roles) as Role[]) if (role !== 'tokenExport') one(role)
    const run = commands.filter((c) => notRun[c.bare] === undefined)
    expect([...run.flatMap((c) => hosts(c.bare)), ...hosts(ciEnv.SCIM_CONFORM_URL ?? '')].filter((h) => h !== '127.0.0.1')).toEqual([])
    // A pinned version is this package's: a release that bumps package.json bumps the README.
    expect([...readme.matchAll(/scim-conform@(\d[\w.-]*)/g)].map((m) => m[1]).filter((v) => v !== pkg.version)).toEqual([])
  })

  it("npm test is package.json's test script, and what .ci/run runs after npm ci (not run here: it would run this file again)", () => {
    expect(one('selfTest').bare).toBe('npm test')
    expect(pkg.scripts.test).toMatch(/vitest run/)
    const ci = readFileSync(path.join(repoRoot, '.ci/run'), 'utf8')
    const prose = readme.replace(/\s+/g, ' ')
    expect(prose).toContain('CI runs `bash .ci/run`, which is `npm ci` followed by `npm test`')
    const steps = ci.split('\n').map((l) => l.trim()).filter((l) => /^npm (ci|test)\b/.test(l)).map((l) => l.split(' ').slice(0, 2).join(' '))
    expect(steps).toEqual(['npm ci', 'npm test'])
    expect(pkg.scripts.pretest).toBe('bash scripts/install-chromium.sh')
    expect(prose).toContain(`Both need Node ${pkg.engines.node.replace(/^>=/, '')} or newer`)
  })

  it('npm ci && npm start, in a fresh clone: the full suite against the embedded reference server, the report in ./scim-conform-report/', async () => {
    const { bare } = one('setUp')
    const reportDir = /write the report to `\.\/([\w-]+)\/`/.exec(readme)?.[1]
    expect(reportDir).toBe('scim-conform-report')
    const r = await sh(bare.replace(/^npm ci && /, ''), { cwd: clone, env: shellEnv })
    expect(r.code, r.stdout.slice(-2000) + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/^PASS: \d+ checks, \d+ passed, 0 failed/m)
    expect(readdirSync(path.join(clone, reportDir!)).sort()).toEqual(['journal.jsonl', 'junit.xml', 'report.html', 'report.json', 'report.md'])
    console.log(`npm start: ${(r.ms / 1000).toFixed(1)} s`)
  }, 300_000)

  it('serve, then a run against it once it prints its URL, then kill %1 stops it', async () => {
    const dir = readerFolder('serve')
    const env = { ...shellEnv, SCIM_CONFORM_TOKEN: token }
    // Each export of the token in that section is the test's token; the section must have one.
    const section = one('serve').section
    expect(withRole('tokenExport').filter((c) => c.section === section).length).toBeGreaterThan(0)
    const serve = one('serve')
    const examplePort = /--port (\d+)/.exec(serve.bare)?.[1]
    expect(examplePort).toBeDefined()
    const port = String(await freePort())
    const onPort = (text: string): string => text.replaceAll(`:${examplePort}`, `:${port}`).replace(`--port ${examplePort}`, `--port ${port}`)
    // What the README says it prints first.
    const printed = onPort(/prints (http:\/\/\S+)/.exec(serve.text)?.[1] ?? '')
    expect(printed).toBe(`http://127.0.0.1:${port}/scim/v2`)
    expect(serve.bare.endsWith('&'), 'serve runs in the background').toBe(true)
    expect(one('stopServe').bare).toBe('kill %1')

    const started = Date.now()
    const child = spawn('bash', ['-c', onPort(serve.bare.replace(/\s*&$/, ''))], { cwd: dir, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    let serveErr = ''
    child.stderr.on('data', (d: Buffer) => (serveErr += d.toString()))
    try {
      const firstLine = await new Promise<string>((resolve, reject) => {
        let out = ''
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          if (out.includes('\n')) resolve(out.split('\n')[0]!)
        })
        void exited.then((code) => reject(new Error(`serve exited ${code} before printing its URL: ${serveErr}`)))
      })
      expect(firstLine).toBe(printed)
      console.log(`serve printed its URL after ${((Date.now() - started) / 1000).toFixed(1)} s`)

      const run = await sh(onPort(one('serveRun').bare), { cwd: dir, env })
      expect(run.code, run.stdout.slice(-2000) + run.stderr).toBe(0)
      expect(run.stdout).toMatch(/^PASS: \d+ checks/m)
      expect(readdirSync(path.join(dir, 'scim-conform-report'))).toEqual(expect.arrayContaining(['report.json', 'junit.xml', 'report.html', 'report.md']))
      for (const text of [run.stdout, run.stderr, serveErr, ...filesUnder(path.join(dir, 'scim-conform-report'))]) expect(text.includes(token), 'the token was printed').toBe(false)
      console.log(`the run against serve: ${(run.ms / 1000).toFixed(1)} s`)
    } finally {
      // kill %1: the job, npx and the server it started, gets SIGTERM.
      process.kill(-child.pid!, 'SIGTERM')
    }
    await exited
    const refused = await fetch(printed + '/ServiceProviderConfig').then(() => false, () => true)
    expect(refused, 'the server still answers after kill %1').toBe(true)
  }, 300_000)

  it('the CI job: waits for the server as written, writes the baseline, gates on it with exit 0, and publishes the summary', async () => {
    const dir = readerFolder('ci')
    const port = await freePort()
    const url = ciEnv.SCIM_CONFORM_URL ?? ''
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/)
    expect(ciEnv.SCIM_CONFORM_TOKEN).toBe('${{ secrets.SCIM_TEST_TOKEN }}')
    const summary = path.join(dir, 'step-summary.md')
    // A create carrying a fax number refused: Entra's user cycle fails at its first step, and the checks
    // after it are blocked, the same in every run. The fault knows the authenticated requests by the self-test token.
    const defect = faults.find((f) => f.id === 'refuses-fax-number-on-create')!
    const ciToken = TOKEN
    const env = { ...shellEnv, SCIM_CONFORM_URL: url.replace(/:\d+\//, `:${port}/`), SCIM_CONFORM_TOKEN: ciToken, GITHUB_STEP_SUMMARY: summary }

    // The wait step starts before the server answers, as on a runner where the server is still booting.
    const waiting = sh(one('ciWait').text, { cwd: dir, env, ciStep: true, timeoutMs: 90_000 })
    await sleep(2500)
    const server = await createReferenceServer({ token: ciToken, port, wrap: defect.wrap })
    try {
      const waited = await waiting
      expect(waited.code, waited.stdout + waited.stderr).toBe(0)
      expect(waited.ms, 'the loop waited for the server').toBeGreaterThanOrEqual(2000)

      const written = await sh(one('writeBaseline').bare, { cwd: dir, env })
      expect(written.code, written.stdout.slice(-2000) + written.stderr).toBe(1)
      const baselineFile = /--write-baseline (\S+)/.exec(one('writeBaseline').bare)![1]!
      const recorded = JSON.parse(readFileSync(path.join(dir, baselineFile), 'utf8')) as { checks: { id: string; status: string }[] }
      expect(recorded.checks.filter((c) => c.status === 'fail').map((c) => c.id).sort()).toEqual([...defect.breaks].sort())
      console.log(`--write-baseline run: ${(written.ms / 1000).toFixed(1)} s`)

      const gate = one('baseline')
      expect(/--baseline (\S+)/.exec(gate.bare)?.[1]).toBe(baselineFile)
      const gated = await sh(gate.text, { cwd: dir, env, ciStep: true })
      expect(gated.code, gated.stdout.slice(-2000) + gated.stderr).toBe(0)
      expect(gated.stdout).toMatch(new RegExp(`baseline: 0 new failure\\(s\\), ${defect.breaks.length} known`))
      const reportDir = /--report-dir (\S+)/.exec(gate.bare)![1]!
      // The README: failures the baseline already had are not <failure> elements, so the JUnit checks stay green.
      expect(readFileSync(path.join(dir, reportDir, 'junit.xml'), 'utf8')).not.toContain('<failure')
      console.log(`--baseline run: ${(gated.ms / 1000).toFixed(1)} s`)

      const published = await sh(one('ciSummary').text, { cwd: dir, env, ciStep: true })
      expect(published.code, published.stderr).toBe(0)
      expect(readFileSync(summary, 'utf8')).toMatch(/^## scim-conform: /)
      for (const text of [waited.stdout, waited.stderr, written.stdout, written.stderr, gated.stdout, gated.stderr, ...filesUnder(path.join(dir, reportDir)), readFileSync(path.join(dir, baselineFile), 'utf8')]) {
        expect(text.includes(ciToken), 'the token was printed').toBe(false)
      }
    } finally {
      await server.close()
    }
  }, 400_000)
})
