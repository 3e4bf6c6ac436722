import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import path from 'node:path'
import { promisify } from 'node:util'

// The tests that spawn the CLI spawn it compiled, as npx runs it: under tsx every process
// spent two seconds of CPU compiling and resolving modules before its first request, and
// the tests start some fifty. vitest.config.ts builds it once per test run (globalSetup),
// beside dist/ so that `npm pack` rebuilding dist/ mid-run cannot touch it.

const repoRoot = path.resolve(import.meta.dirname, '..')
const outDir = path.join(repoRoot, '.tmp', 'cli')

/** The compiled bin: node <cliEntry> <args>. */
export const cliEntry = path.join(outDir, 'src', 'cli.js')

export default async function buildCli(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true })
  const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc')
  // --noCheck: the same files, in half the time every test waits for; test/typecheck.test.ts checks the types.
  await promisify(execFile)(tsc, ['-p', 'tsconfig.build.json', '--outDir', outDir, '--declaration', 'false', '--noCheck'], { cwd: repoRoot })
}
