import { availableParallelism } from 'node:os'
import { BaseSequencer, createVitest, type Reporter, type TestCase, type TestModule, type TestRunEndReason, type TestSpecification, type Vitest } from 'vitest/node'
import { fileHooks, packageRoot, suitesDir } from '../paths.ts'
import type { RunConfig } from '../kit/run-config.ts'
import type { LastTurn } from '../client/permits.ts'
import { lastTurnArea } from './bad-credentials.ts'
import { areaOf, type Area } from './suite-index.ts'
import { closeKeptThreads, keptThreads } from './kept-threads.ts'

// The suites in one vitest run. The last-turn file (the bad-credential checks, see
// src/run/bad-credentials.ts) is queued after every other file, and its checks wait until
// every other file has ended: a worker that takes it has nothing else left to take.
// A vitest instance (its vite server, and the transform of every suite and kit module) costs
// about a third of a second of CPU to create and fill, so one serves the runs after it in
// this process too: each fault shard of the project's self-test makes about thirty.

export interface ChecksToRun {
  readonly run: RunConfig
  /** The suite files to load, by area; 'all': every file below suites/, also one the index lacks. */
  readonly areas: readonly Area[] | 'all'
  /** Over the test's full name: which of the loaded checks run (an --only selection); absent, all. */
  readonly testNamePattern?: string
  readonly reporters: readonly Reporter[]
  /** Answers the last-turn checks' wait: 'go' once every other file has ended, 'stopped' when the run stops first. */
  readonly endTurns: (turn: LastTurn) => void
  /** Aborts the run: pending checks are cancelled; the instance is closed, not kept. */
  readonly signal?: AbortSignal
}

export interface RunnerShape {
  readonly maxWorkers: number
  /** Checks in flight at once in one suite file. */
  readonly maxConcurrency: number
}

/**
 * Worker threads at most: one per core (at least 2, at most 8). Each worker imports the
 * client, ajv and faker once, and the checks only wait on the network; a worker per core
 * measured as fast as 8 workers against a 100 ms server and a third faster on loopback.
 */
const MAX_WORKERS = Math.min(8, Math.max(2, availableParallelism()))

/**
 * The shape of a run with --concurrency over this many suite files. --concurrency is one limit
 * for the whole run, held in the run's permits, so every worker may use all of it: what is idle
 * in one suite file is free for another. Listing the checks a run will select uses the same
 * shape, so that the run finds the instance and the threads the listing warmed.
 */
export function runnerShape(concurrency: number, files: number): RunnerShape {
  return { maxWorkers: Math.max(1, Math.min(concurrency, files, MAX_WORKERS)), maxConcurrency: concurrency }
}

/** A kept instance not asked for again within this time is closed. It never holds the process open. */
const IDLE_MS = 5_000

interface Kept {
  readonly vitest: Vitest
  readonly relay: Relay
  readonly files: readonly string[]
}

const idle = new Map<string, { kept: Kept; timer: NodeJS.Timeout }[]>()

/**
 * The test modules of these suite files, collected (imported, no check body run) in a kept
 * instance of this shape, or a new one. `run` is what the suites read while they register their
 * checks; no request is sent.
 */
export async function collectChecks(shape: RunnerShape, run: RunConfig, areas: readonly Area[] | 'all'): Promise<readonly TestModule[]> {
  return withInstance(shape, async (kept) => {
    const selected = filesOf(kept, areas)
    if (selected.length === 0) return { value: [], reusable: true }
    kept.vitest.provide('run', run)
    const project = kept.vitest.getRootProject()
    const { testModules } = await kept.vitest.collectTests(selected.map((file) => project.createSpecification(file)))
    // The instance's state also holds the modules of its earlier runs.
    const wanted = new Set(selected)
    return { value: testModules.filter((module) => wanted.has(module.moduleId)), reusable: true }
  })
}

/** Runs the checks in a kept instance of this shape, or a new one; every check has ended when it resolves. */
export async function runChecks(shape: RunnerShape, checks: ChecksToRun): Promise<void> {
  await withInstance(shape, async (kept) => {
    const abort = () => {
      checks.endTurns('stopped')
      void kept.vitest.cancelCurrentRun('keyboard-input')
    }
    checks.signal?.addEventListener('abort', abort, { once: true })
    try {
      if (checks.signal?.aborted) return { value: undefined, reusable: false }
      const selected = filesOf(kept, checks.areas)
      kept.vitest.provide('run', checks.run)
      kept.relay.to = [...checks.reporters, new LastTurnGate(selected.filter((file) => areaOf(file) !== lastTurnArea), () => checks.endTurns('go'))]
      const project = kept.vitest.getRootProject()
      const options = checks.testNamePattern === undefined ? {} : { testNamePattern: new RegExp(checks.testNamePattern) }
      if (selected.length > 0) await kept.vitest.runTestSpecifications(selected.map((file) => project.createSpecification(file, options)), true)
      return { value: undefined, reusable: !checks.signal?.aborted }
    } finally {
      checks.endTurns('stopped')
      checks.signal?.removeEventListener('abort', abort)
      kept.relay.to = []
    }
  })
}

/**
 * Lends a kept instance of this shape, or a new one, to `use`; afterwards it is kept for the
 * next caller, or closed when `use` threw or says it may not be reused (an aborted run).
 */
async function withInstance<T>(shape: RunnerShape, use: (kept: Kept) => Promise<{ readonly value: T; readonly reusable: boolean }>): Promise<T> {
  const key = keyOf(shape)
  const kept = takeIdle(key) ?? (await create(shape))
  let reusable = false
  const exitCode = process.exitCode
  try {
    const used = await use(kept)
    reusable = used.reusable
    return used.value
  } finally {
    // Vitest sets the process's exit code when a file failed: the caller's verdict decides it.
    process.exitCode = exitCode
    if (reusable) keepIdle(key, kept)
    else await close(kept)
  }
}

const keyOf = (shape: RunnerShape): string => `${shape.maxWorkers}/${shape.maxConcurrency}`

function filesOf(kept: Kept, areas: readonly Area[] | 'all'): readonly string[] {
  return areas === 'all' ? kept.files : kept.files.filter((file) => areas.some((area) => area === areaOf(file)))
}

async function close(kept: Kept): Promise<void> {
  await kept.vitest.close()
  await closeKeptThreads(kept.vitest.getRootProject())
}

function takeIdle(key: string): Kept | undefined {
  const entry = idle.get(key)?.pop()
  if (!entry) return undefined
  clearTimeout(entry.timer)
  return entry.kept
}

function keepIdle(key: string, kept: Kept): void {
  const list = idle.get(key) ?? []
  const timer = setTimeout(() => {
    const at = list.findIndex((entry) => entry.kept === kept)
    if (at !== -1) list.splice(at, 1)
    void close(kept)
  }, IDLE_MS)
  timer.unref()
  list.push({ kept, timer })
  idle.set(key, list)
}

async function create(shape: RunnerShape): Promise<Kept> {
  const relay = new Relay()
  const ownSignalListeners = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') }
  const vitest = await createVitest('test', {
    config: false,
    root: packageRoot,
    dir: suitesDir,
    include: ['**/*.suite.{ts,js}'],
    exclude: [],
    watch: false,
    reporters: [relay],
    maxWorkers: shape.maxWorkers,
    maxConcurrency: shape.maxConcurrency,
    sequence: { concurrent: true, sequencer: LastTurnFileLast },
    // Threads start in about half the time forks take, and the workers only wait on the network;
    // kept threads also serve the instance's next run (src/run/kept-threads.ts).
    pool: keptThreads,
    // Files share a worker's modules (undici, ajv's compiled schemas, faker): importing them
    // for every file cost more CPU than the checks. State that belongs to one file is ended
    // by the setup file.
    isolate: false,
    setupFiles: [fileHooks],
    // No vitest timeout may end a check or a file's cleanup: every request is already bounded
    // by --timeout and the retry policy, and the run as a whole by --run-timeout. A vitest
    // timeout only crashed runs against slow or throttling servers, or under --rate.
    testTimeout: 0,
    hookTimeout: 0,
    passWithNoTests: true,
  })
  // Vitest's logger exits the process on SIGINT/SIGTERM, which would skip the sweep:
  // the caller's signal (the CLI's handler) is the only way to stop a run.
  for (const name of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(name)) if (!ownSignalListeners[name].includes(listener)) process.off(name, listener)
  }
  const files = (await vitest.globTestSpecifications()).map((specification) => specification.moduleId)
  return { vitest, relay, files }
}

/** Vitest's order (the slowest file first, once it has timed them), but the last-turn file after every other. */
class LastTurnFileLast extends BaseSequencer {
  override async sort(specifications: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(specifications)
    const last = (specification: TestSpecification) => areaOf(specification.moduleId) === lastTurnArea
    return [...sorted.filter((s) => !last(s)), ...sorted.filter(last)]
  }
}

/** Gives the last turn once every other selected file has ended (its checks and its cleanup). */
class LastTurnGate implements Reporter {
  readonly #others: Set<string>
  readonly #give: () => void

  constructor(others: readonly string[], give: () => void) {
    this.#others = new Set(others)
    this.#give = give
    if (this.#others.size === 0) give()
  }

  onTestModuleEnd(module: TestModule): void {
    if (this.#others.delete(module.moduleId) && this.#others.size === 0) this.#give()
  }
}

/** The one reporter an instance has: it hands every event to the reporters of the run it serves now. */
export class Relay implements Reporter {
  to: readonly Reporter[] = []

  onTestRunStart(specifications: ReadonlyArray<TestSpecification>): void {
    for (const reporter of this.to) void reporter.onTestRunStart?.(specifications)
  }

  onTestModuleCollected(module: TestModule): void {
    for (const reporter of this.to) void reporter.onTestModuleCollected?.(module)
  }

  onTestCaseReady(test: TestCase): void {
    for (const reporter of this.to) void reporter.onTestCaseReady?.(test)
  }

  onTestCaseResult(test: TestCase): void {
    for (const reporter of this.to) void reporter.onTestCaseResult?.(test)
  }

  onTestModuleEnd(module: TestModule): void {
    for (const reporter of this.to) void reporter.onTestModuleEnd?.(module)
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>, errors: ReadonlyArray<unknown>, reason: TestRunEndReason): void {
    for (const reporter of this.to) void reporter.onTestRunEnd?.(modules, errors as never, reason)
  }
}
