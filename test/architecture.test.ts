import { readFileSync } from 'node:fs'
import path from 'node:path'
import { execFileSync } from 'node:child_process'
import { describe, it, expect } from 'vitest'
import { repoRoot } from './helpers.ts'

// The layers of docs/architecture.md, as rules on relative imports. Each rule names the folder
// whose files it constrains and the only places they may import from (within this repository;
// packages are not constrained here).

interface Rule {
  readonly name: string
  /** Files the rule constrains: a path prefix. */
  readonly files: string
  /** The path prefixes (or exact files) those files may import. */
  readonly allowed: readonly string[]
}

const rules: readonly Rule[] = [
  { name: 'suites import only the kit and the vocabulary it is written in', files: 'suites/', allowed: ['src/kit/', 'src/scim/', 'src/entra/', 'src/arbitraries/'] },
  { name: 'the RFC model imports nothing but itself', files: 'src/scim/', allowed: ['src/scim/'] },
  { name: 'the reference server is built on the RFC model only, never the kit or the client', files: 'src/server/', allowed: ['src/server/', 'src/scim/'] },
  { name: 'reporters read the report model (with the catalogue it cites and the exchanges it holds)', files: 'reporters/', allowed: ['reporters/', 'src/report/', 'src/catalogue/', 'src/client/exchange.ts'] },
]

/** The other direction: src/cli/ may be imported only by the commands. */
const commandLine = { name: 'the command line is imported only by the commands', folder: 'src/cli/', importers: ['src/cli.ts', 'src/cli/', 'src/load/command.ts'] }

type Imports = ReadonlyMap<string, readonly string[]>

/** Every tracked .ts file's relative imports, resolved to repository paths. */
function importsOf(files: readonly string[], read: (file: string) => string): Imports {
  const pattern = /(?:^|\n)\s*(?:import|export)[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g
  return new Map(files.map((file) => [file, [...read(file).matchAll(pattern)].map((m) => path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1] ?? m[2]!)))]))
}

function violations(imports: Imports): string[] {
  const found: string[] = []
  for (const [file, targets] of imports) {
    for (const rule of rules) {
      if (!file.startsWith(rule.files)) continue
      for (const target of targets) if (!rule.allowed.some((a) => target.startsWith(a))) found.push(`${file} imports ${target}: ${rule.name}`)
    }
    const isCommand = commandLine.importers.some((i) => file.startsWith(i))
    for (const target of targets) if (target.startsWith(commandLine.folder) && !isCommand) found.push(`${file} imports ${target}: ${commandLine.name}`)
  }
  return found
}

/** A specifier one folder up, built so that this file itself names no path that does not exist from here. */
const up = (...parts: string[]): string => ['..', ...parts].join('/')

const tracked = execFileSync('git', ['ls-files', '*.ts'], { cwd: repoRoot, encoding: 'utf8' }).split('\n').filter((f) => f !== '' && !f.startsWith('test/'))
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8')

describe('the import rules of docs/architecture.md', () => {
  it('hold for every file', () => {
    expect(violations(importsOf(tracked, read))).toEqual([])
  })

  it('fail when a suite imports the client directly', () => {
    const crossing = new Map([['suites/users.suite.ts', `import { createHttp } from '${up('src', 'client', 'http.ts')}'\n`]])
    const imports = importsOf([...crossing.keys()], (file) => crossing.get(file)!)
    expect(violations(imports)).toEqual(['suites/users.suite.ts imports src/client/http.ts: suites import only the kit and the vocabulary it is written in'])
  })

  it('fail when the reference server imports the kit, or a reporter the run', () => {
    const crossing = new Map([
      ['src/server/store.ts', `import type { ScimClient } from '${up('kit', 'types.ts')}'\n`],
      ['reporters/json.ts', `export { runConformance } from '${up('src', 'run', 'run.ts')}'\n`],
      ['src/kit/check.ts', `import { parseCommand } from '${up('cli', 'options.ts')}'\n`],
    ])
    expect(violations(importsOf([...crossing.keys()], (file) => crossing.get(file)!))).toEqual([
      'src/server/store.ts imports src/kit/types.ts: the reference server is built on the RFC model only, never the kit or the client',
      'reporters/json.ts imports src/run/run.ts: reporters read the report model (with the catalogue it cites and the exchanges it holds)',
      'src/kit/check.ts imports src/cli/options.ts: the command line is imported only by the commands',
    ])
  })

  it('leave at most 8 files at the root of src/', () => {
    expect(tracked.filter((f) => /^src\/[^/]+\.ts$/.test(f)).length).toBeLessThanOrEqual(8)
  })
})
