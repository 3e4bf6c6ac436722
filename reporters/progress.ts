import path from 'node:path'
import type { Reporter, TestCase, TestModule } from 'vitest/node'
import { requirements, type RequirementId } from '../src/catalogue/index.ts'

// Progress while the run goes. On a terminal: one live line per suite (checks
// done/total, failures so far, the check running now, elapsed), redrawn in place.
// When stdout is not a TTY or CI is set: plain lines, one per failure and per
// finished suite, and every TICK_MS a line with the run's done/total, so a CI log
// never sits silent. Only the checks --only selected are counted. A display bug
// must never change the verdict, so every hook swallows its own errors.

export type Verbosity = 'quiet' | 'normal' | 'verbose'

export interface ProgressOutput {
  readonly write: (text: string) => void
  readonly live: boolean
  readonly verbosity: Verbosity
}

interface SuiteState {
  total: number
  done: number
  failed: number
  current: string
  finished: boolean
}

const TICK_MS = 10_000

/** A check --only left out is collected in mode 'skip' and never runs: it is not progress. */
const isSelected = (test: TestCase): boolean => test.options.mode !== 'skip'

const areaOf = (module: TestModule): string => path.basename(module.moduleId).replace(/\.suite\.[jt]s$/, '')

export class ProgressReporter implements Reporter {
  readonly #out: ProgressOutput
  readonly #started = Date.now()
  readonly #suites = new Map<string, SuiteState>()
  #drawnLines = 0
  #ticker: ReturnType<typeof setInterval> | undefined

  constructor(out: ProgressOutput) {
    this.#out = out
  }

  onTestRunStart(): void {
    this.#safely(() => {
      if (this.#out.live || this.#out.verbosity === 'quiet') return
      this.#ticker = setInterval(() => this.#safely(() => this.#print(this.#runLine())), TICK_MS)
      this.#ticker.unref()
    })
  }

  onTestModuleCollected(module: TestModule): void {
    this.#safely(() => {
      const total = [...module.children.allTests()].filter(isSelected).length
      if (total > 0) this.#suites.set(areaOf(module), { total, done: 0, failed: 0, current: '', finished: false })
      this.#redraw()
    })
  }

  onTestCaseReady(test: TestCase): void {
    this.#safely(() => {
      const suite = this.#suites.get(areaOf(test.module))
      if (suite) suite.current = test.name
      this.#redraw()
    })
  }

  onTestCaseResult(test: TestCase): void {
    this.#safely(() => {
      if (!isSelected(test)) return
      const suite = this.#suites.get(areaOf(test.module))
      const result = test.result()
      const check = test.meta().check
      const error = result.state === 'failed' ? (result.errors?.[0] as { name?: string; message?: string; requirement?: string } | undefined) : undefined
      // Blocked: its set-up failed, so it was not judged; not counted as a failure.
      const blocked = error?.name === 'Blocked'
      if (suite) {
        suite.done++
        if (result.state === 'failed' && !blocked) suite.failed++
      }
      const level = error?.requirement !== undefined && error.requirement in requirements ? requirements[error.requirement as RequirementId].level : check?.level
      const failedLine = result.state === 'failed' && check
        ? `  ${blocked ? '~' : level === 'MUST' ? '✗' : '!'} ${check.id}: ${blocked ? 'blocked, ' : ''}${(error?.message ?? '').split('\n')[0]}`
        : undefined
      if (this.#out.verbosity === 'verbose' && check) this.#print(failedLine ?? `  ${result.state === 'passed' ? '✓' : '-'} ${check.id}`)
      else if (this.#out.verbosity === 'normal' && failedLine) this.#print(failedLine)
      else this.#redraw()
    })
  }

  onTestModuleEnd(module: TestModule): void {
    this.#safely(() => {
      const suite = this.#suites.get(areaOf(module))
      if (!suite) return
      suite.finished = true
      if (this.#out.live) this.#redraw()
      else if (this.#out.verbosity !== 'quiet') this.#print(`${areaOf(module)}: ${suite.done} checks, ${suite.failed} failed (${this.#elapsed()})`)
    })
  }

  onTestRunEnd(): void {
    this.#safely(() => {
      if (this.#ticker !== undefined) clearInterval(this.#ticker)
      this.#ticker = undefined
      if (this.#out.live) {
        this.#redraw()
        this.#drawnLines = 0
      }
    })
  }

  /** A line that stays: printed above the live block, which is then drawn again. */
  #print(line: string): void {
    if (this.#out.verbosity === 'quiet') return
    this.#erase()
    this.#out.write(line + '\n')
    this.#redraw()
  }

  #redraw(): void {
    if (!this.#out.live || this.#out.verbosity === 'quiet') return
    this.#erase()
    const lines = [...this.#suites.entries()].map(([area, s]) => {
      const state = s.finished ? 'done' : s.current ? `running ${s.current}` : 'waiting'
      return `${area.padEnd(18)} ${String(s.done).padStart(3)}/${String(s.total).padEnd(3)} ${s.failed > 0 ? `${s.failed} failed` : 'no failures'}  ${state}`.slice(0, 110)
    })
    lines.push(`elapsed ${this.#elapsed()}`)
    this.#out.write(lines.map((l) => l + '\n').join(''))
    this.#drawnLines = lines.length
  }

  #erase(): void {
    if (this.#drawnLines > 0) this.#out.write(`\x1b[${this.#drawnLines}A\x1b[J`)
    this.#drawnLines = 0
  }

  /** "progress: 57/139 checks done, 2 failed, 31.0s": what a CI log shows between suite lines. */
  #runLine(): string {
    const suites = [...this.#suites.values()]
    const sum = (pick: (s: SuiteState) => number) => suites.reduce((n, s) => n + pick(s), 0)
    return `progress: ${sum((s) => s.done)}/${sum((s) => s.total)} checks done, ${sum((s) => s.failed)} failed, ${this.#elapsed()}`
  }

  #elapsed(): string {
    return `${((Date.now() - this.#started) / 1000).toFixed(1)}s`
  }

  #safely(draw: () => void): void {
    try {
      draw()
    } catch {
      // display only
    }
  }
}
