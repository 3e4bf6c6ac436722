import { it, expect } from 'vitest'
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import path from 'node:path'
import { repoRoot } from './helpers.ts'

// `npm run typecheck` as one of the tests: it runs beside the other files instead of
// before all of them, and a type error fails `npm test` like any other defect.

it('the code, suites and tests type-check', async () => {
  const tsc = path.join(repoRoot, 'node_modules', '.bin', 'tsc')
  const result = await promisify(execFile)(tsc, ['-p', 'tsconfig.json'], { cwd: repoRoot, timeout: 300_000 }).then(
    () => '',
    (error: { stdout?: string; message: string }) => error.stdout || error.message,
  )
  expect(result).toBe('')
}, 300_000)
