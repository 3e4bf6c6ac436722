import { execFileSync } from 'node:child_process'
import { areasOfId } from '../../src/run/suite-index.ts'
import { faultsByFile, type Fault } from '../faults/index.ts'

// Which faults `npm run test:quick` runs: those whose checks the working change touches.
// A change to suites/<area>.suite.ts touches every fault that breaks a check of that area;
// a change to test/faults/<file>.ts touches that file's faults. Changes elsewhere (src/,
// the reference server) touch every check, which is what `npm test` is for.

/** The working change: what is not committed (untracked files too), or on a clean tree the last commit. */
export function changedFiles(repoRoot: string): string[] {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  const uncommitted = git('status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean)
    .map((line) => line.slice(3).split(' -> ').pop()!)
  if (uncommitted.length > 0) return uncommitted
  try {
    return git('diff', '--name-only', 'HEAD~1', 'HEAD').split('\n').filter(Boolean)
  } catch {
    return [] // a clone with one commit
  }
}

export function faultsTouchedBy(files: readonly string[], byFile: Readonly<Record<string, readonly Fault[]>> = faultsByFile): Fault[] {
  const areas = new Set(files.flatMap((file) => /^suites\/(.+)\.suite\.ts$/.exec(file)?.[1] ?? []))
  const faultFiles = new Set(files.flatMap((file) => /^test\/faults\/(.+)\.ts$/.exec(file)?.[1] ?? []))
  return Object.entries(byFile).flatMap(([file, faults]) => faults.filter((fault) =>
    faultFiles.has(file) || fault.breaks.some((id) => areasOfId(id).some((area) => areas.has(area)))))
}
