import { it, expect } from 'vitest'
import path from 'node:path'
import { writeFileSync } from 'node:fs'
import { parseCommand, type RunOptions } from '../../src/cli/options.ts'
import { UsageError } from '../../src/errors.ts'
import { helpText } from '../../src/cli/help.ts'
import { repoRoot, tempDir } from '../helpers.ts'

// The transport flags resolve once into RunOptions; a bad one is a one-line UsageError naming the flag.

const base = ['--url', 'https://scim.example.com/scim/v2']
const caFile = path.join(repoRoot, 'test/fixtures/tls/cert.pem')
const options = (argv: string[], env: Record<string, string> = {}): RunOptions => {
  const command = parseCommand(argv, env)
  if (command.name !== 'run') throw new Error(`expected run, got ${command.name}`)
  return command.options
}

it('client credentials from flags and environment, the secret only from where it was given', () => {
  const o = options([...base, '--client-id', 'app', '--token-url', 'https://login.example.com/token', '--scope', 'scim'], { SCIM_CONFORM_CLIENT_SECRET: 's3cret' })
  expect(o.target).toEqual({ kind: 'url', baseUrl: 'https://scim.example.com/scim/v2', auth: { kind: 'client-credentials', credentials: { tokenUrl: 'https://login.example.com/token', clientId: 'app', clientSecret: 's3cret', scope: 'scim' } } })
  const fromEnv = options(base, { SCIM_CONFORM_CLIENT_ID: 'app', SCIM_CONFORM_CLIENT_SECRET: 's', SCIM_CONFORM_TOKEN_URL: 'https://login.example.com/token' })
  expect(fromEnv.target).toMatchObject({ auth: { kind: 'client-credentials' } })
  expect(options(base, { SCIM_CONFORM_TOKEN: 't' }).target).toMatchObject({ auth: { kind: 'bearer', token: 't' } })
})

it('retries, rate, run timeout and TLS', () => {
  const o = options([...base, '--max-retries', '0', '--rate', '2.5', '--run-timeout', '90', '--ca', caFile], { SCIM_CONFORM_TOKEN: 't' })
  expect(o).toMatchObject({ maxRetries: 0, rate: 2.5, runTimeoutMs: 90_000, tls: { insecure: false, ca: expect.stringContaining('-----BEGIN CERTIFICATE-----') } })
  expect(options(base, { SCIM_CONFORM_TOKEN: 't' })).toMatchObject({ maxRetries: 5, tls: { insecure: false } })
  expect(options(base, { SCIM_CONFORM_TOKEN: 't' }).rate).toBeUndefined()
  expect(options([...base, '--insecure'], { SCIM_CONFORM_TOKEN: 't' }).tls).toEqual({ insecure: true })
})

it.each([
  [['--client-id', 'app', '--token-url', 'https://l/t'], {}, /--client-id needs a client secret: set SCIM_CONFORM_CLIENT_SECRET/],
  [['--client-id', 'app', '--client-secret', 's'], {}, /--client-id needs --token-url/],
  [['--client-id', 'app', '--client-secret', 's', '--token-url', 'ftp://x'], {}, /--token-url must be http or https/],
  [['--client-id', 'app', '--client-secret', 's', '--token-url', 'https://l/t', '--token', 't'], {}, /--token and --client-id exclude each other/],
  [['--ca', '/nonexistent.pem'], { SCIM_CONFORM_TOKEN: 't' }, /--ca \/nonexistent\.pem: no such file/],
  [['--ca', path.join(repoRoot, 'package.json')], { SCIM_CONFORM_TOKEN: 't' }, /not a PEM certificate file/],
  [['--ca', caFile, '--insecure'], { SCIM_CONFORM_TOKEN: 't' }, /--ca and --insecure exclude each other/],
  [['--rate', '0'], { SCIM_CONFORM_TOKEN: 't' }, /--rate must be a number above 0 \(got "0"\)/],
  [['--rate', 'fast'], { SCIM_CONFORM_TOKEN: 't' }, /--rate must be a number above 0/],
  [['--max-retries=-1'], { SCIM_CONFORM_TOKEN: 't' }, /--max-retries must be 0 or more/],
  [['--run-timeout', '0'], { SCIM_CONFORM_TOKEN: 't' }, /--run-timeout must be a number above 0/],
])('%j is a usage error', (argv, env, message) => {
  expect(() => parseCommand([...base, ...argv], env)).toThrow(UsageError)
  expect(() => parseCommand([...base, ...argv], env)).toThrow(message)
})

it('--help documents every transport flag', () => {
  for (const flag of ['--client-id', '--client-secret', '--token-url', '--scope', '--ca', '--insecure', '--max-retries', '--rate', '--run-timeout']) {
    expect(helpText).toContain(`  ${flag} `)
  }
})

it('a negative number is a bad value of its flag, not an ambiguous argument', () => {
  expect(() => options([...base, '--timeout', '-5'], { SCIM_CONFORM_TOKEN: 't' })).toThrow(new UsageError('--timeout must be at least 1 (got -5)'))
})

it('a misspelt flag gets the flag it was probably meant to be', () => {
  expect(() => options([...base, '--profle', 'zip'], { SCIM_CONFORM_TOKEN: 't' })).toThrow(/Unknown option '--profle'; did you mean --profile\? \(see --help\)/)
  expect(() => options([...base, '--zzzzzz'], { SCIM_CONFORM_TOKEN: 't' })).toThrow(/^Unknown option '--zzzzzz' \(see --help\)$/)
})

it('every command answers --help with the help text', () => {
  for (const argv of [['serve', '--help'], ['cleanup', '--help'], ['profiles', '--help'], ['--help'], ['serve', '-h']]) {
    expect(parseCommand(argv, {}), argv.join(' ')).toEqual({ name: 'help' })
  }
  expect(helpText).toContain('scim-conform serve')
})

it('serve takes its token from --token or SCIM_CONFORM_TOKEN, as a run does', () => {
  expect(parseCommand(['serve', '--port', '8080'], { SCIM_CONFORM_TOKEN: 'from-env' })).toEqual({ name: 'serve', port: 8080, token: 'from-env' })
  expect(parseCommand(['serve', '--token', 'from-flag'], { SCIM_CONFORM_TOKEN: 'from-env' })).toEqual({ name: 'serve', port: 0, token: 'from-flag' })
  expect(() => parseCommand(['serve', '--port', '8080'], {})).toThrow(new UsageError('serve needs --token <t> or SCIM_CONFORM_TOKEN: the bearer token clients must send'))
})

it('--rerun-failed selects the failed and blocked checks of an earlier report, with its seed', () => {
  const file = path.join(tempDir('rerun'), 'report.json')
  writeFileSync(file, JSON.stringify({ seed: 4242, checks: [
    { id: 'users.create.status-201', status: 'fail' }, { id: 'users.get.by-id', status: 'pass' },
    { id: 'filters.pagination', status: 'blocked' }, { id: 'patch.group.status-204', status: 'warn' },
  ] }))
  expect(options([...base, '--rerun-failed', file], { SCIM_CONFORM_TOKEN: 't' })).toMatchObject({ only: 'users.create.status-201,filters.pagination', seed: 4242 })
  expect(options([...base, '--rerun-failed', file, '--seed', '7'], { SCIM_CONFORM_TOKEN: 't' }).seed).toBe(7)
  expect(() => options([...base, '--rerun-failed', file, '--only', 'users.*'], { SCIM_CONFORM_TOKEN: 't' })).toThrow(/exclude each other/)
  writeFileSync(file, JSON.stringify({ seed: 1, checks: [{ id: 'users.get.by-id', status: 'pass' }] }))
  expect(() => options([...base, '--rerun-failed', file], { SCIM_CONFORM_TOKEN: 't' })).toThrow(/nothing failed or was blocked/)
  expect(() => options([...base, '--rerun-failed', path.join(path.dirname(file), 'missing.json')], { SCIM_CONFORM_TOKEN: 't' })).toThrow(/cannot read/)
})

it('accepts a Tenant URL carrying ?aadOptscim062020: the flag is stripped and selects the entra-flag dialect', () => {
  const flagged = options(['--url', 'https://scim.example.com/scim/v2?aadOptscim062020'], { SCIM_CONFORM_TOKEN: 't' })
  expect(flagged.target).toMatchObject({ baseUrl: 'https://scim.example.com/scim/v2' })
  expect(flagged.dialect).toBe('entra-flag')
  expect(options([...base, '--dialect', 'entra-flag'], { SCIM_CONFORM_TOKEN: 't' }).dialect).toBe('entra-flag')
  expect(options(base, { SCIM_CONFORM_TOKEN: 't' }).dialect).toBeUndefined()
  expect(() => options(['--url', 'https://scim.example.com/scim/v2?aadOptscim062020', '--dialect', 'entra'], { SCIM_CONFORM_TOKEN: 't' })).toThrow(/contradicts/)
  expect(() => options([...base, '--dialect', 'rfc'], { SCIM_CONFORM_TOKEN: 't' })).toThrow(/--dialect must be entra or entra-flag/)
  expect(() => options(['--url', 'https://scim.example.com/scim/v2?x=1'], { SCIM_CONFORM_TOKEN: 't' })).toThrow(/without a query/)
})
