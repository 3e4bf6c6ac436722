import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, TestProject, WorkerRequest } from 'vitest/node'

// Vitest's thread pool, except that a thread outlives the run: when vitest stops it, it is
// parked, and the next run of the same vitest instance takes it. A new thread imports the kit,
// undici, faker and fast-check and runs them cold: the full suite took 3.7 s of CPU in new
// threads and 1.3 s in kept ones, an --only run 0.55 s and 0.05 s. A process that makes many
// runs (each fault shard of the self-test makes about thirty) pays for its threads once.
//
// The thread runs vitest's own worker runtime (vitest/worker). Vitest ends a worker's
// session with a "stop" message and then terminates the thread; here the session ends,
// the thread opens a new one, and only the thread's evaluated modules carry over. Vitest
// re-evaluates every test file at each run; module state in the kit that belongs to a run
// is keyed by the run (see src/kit/service-provider-config.ts).

/** A thread serves this many runs at most: each leaves about half a megabyte of vitest's state behind in it. */
const RUNS_PER_THREAD = 50

const WORKER_SCRIPT = (workerModule: string) => `
const { parentPort } = require('node:worker_threads')
import(${JSON.stringify(workerModule)}).then(({ init, runBaseTests, setupEnvironment }) => {
  const openSession = () => {
    const listeners = new Set()
    init({
      post: (response) => parentPort.postMessage(response),
      on: (listener) => { listeners.add(listener); parentPort.on('message', listener) },
      off: (listener) => { listeners.delete(listener); parentPort.off('message', listener) },
      teardown: () => {
        for (const listener of listeners) parentPort.off('message', listener)
        openSession()
      },
      runTests: (state, traces) => runBaseTests('run', state, traces),
      collectTests: (state, traces) => runBaseTests('collect', state, traces),
      setup: setupEnvironment,
    })
  }
  openSession()
  parentPort.postMessage({ keptThreadReady: true })
})
`

/** vitest's worker runtime, the one its own thread pool loads. */
const vitestWorkerModule = pathToFileURL(createRequire(import.meta.url).resolve('vitest/worker')).href

interface Parked {
  readonly thread: Worker
  readonly runs: number
  /** Drops the thread from the list should it exit while parked. */
  readonly onExit: () => void
}

const parked = new Map<TestProject, Parked[]>()
let started = 0

/** How many threads this process has started: a kept thread serves the next run without a new one. */
export const threadsStarted = (): number => started

export const keptThreads: PoolRunnerInitializer = {
  name: 'kept-threads',
  createPoolWorker: (options) => new KeptThread(options),
}

/** Terminates the threads parked for this project's instance (it is being closed). */
export async function closeKeptThreads(project: TestProject): Promise<void> {
  const threads = parked.get(project) ?? []
  parked.delete(project)
  await Promise.all(threads.map(({ thread }) => thread.terminate()))
}

class KeptThread implements PoolWorker {
  readonly name = 'kept-threads'
  readonly #options: PoolOptions
  #thread: Worker | undefined
  #runs = 0
  #ready: Promise<void> | undefined
  /** Every listener vitest added: removed before the thread is parked, so the next run starts clean. */
  readonly #listeners: [string, (arg: unknown) => void][] = []
  /** Vitest sent "stop" and the session answered "stopped": the thread is idle and may be kept. */
  #stoppedCleanly = false

  constructor(options: PoolOptions) {
    this.#options = options
  }

  async start(): Promise<void> {
    if (!this.#thread) {
      const kept = parked.get(this.#options.project)?.pop()
      if (kept) {
        kept.thread.off('exit', kept.onExit)
        this.#thread = kept.thread
        this.#runs = kept.runs
        this.#thread.ref()
      } else {
        this.#thread = this.#newThread()
      }
    }
    await this.#ready
  }

  async stop(): Promise<void> {
    const thread = this.#thread
    if (!thread) return
    this.#thread = undefined
    for (const [event, listener] of this.#listeners.splice(0)) thread.off(event, listener)
    this.#runs++
    if (this.#stoppedCleanly && this.#runs < RUNS_PER_THREAD) {
      thread.unref()
      const list = parked.get(this.#options.project) ?? []
      const entry: Parked = {
        thread,
        runs: this.#runs,
        onExit: () => void list.splice(list.indexOf(entry), 1),
      }
      thread.once('exit', entry.onExit)
      list.push(entry)
      parked.set(this.#options.project, list)
    } else {
      await thread.terminate()
    }
  }

  on(event: string, listener: (arg: unknown) => void): void {
    this.#listeners.push([event, listener])
    this.#live.on(event, listener)
  }

  off(event: string, listener: (arg: unknown) => void): void {
    const at = this.#listeners.findIndex(([e, l]) => e === event && l === listener)
    if (at !== -1) this.#listeners.splice(at, 1)
    this.#live.off(event, listener)
  }

  send(message: WorkerRequest): void {
    if (message.type === 'stop') {
      const onStopped = (response: { type?: string; error?: unknown }) => {
        if (response?.type !== 'stopped') return
        this.#live.off('message', onStopped)
        this.#stoppedCleanly = response.error === undefined
      }
      this.#live.on('message', onStopped)
    }
    this.#live.postMessage(message)
  }

  deserialize(data: unknown): unknown {
    return data
  }

  get #live(): Worker {
    if (!this.#thread) throw new Error('scim-conform: a kept vitest thread was used after it was stopped')
    return this.#thread
  }

  #newThread(): Worker {
    started++
    const thread = new Worker(WORKER_SCRIPT(vitestWorkerModule), {
      eval: true,
      env: this.#options.env,
      execArgv: this.#options.execArgv,
      // What a check prints reaches vitest through its console interception; the thread's own
      // stdout and stderr go to the process's. Piping them (as vitest's pool does, to its
      // logger) would keep a parked thread's port referenced, and the process alive.
    })
    this.#ready = new Promise((resolve, reject) => {
      const onMessage = (message: { keptThreadReady?: true }) => {
        if (!message?.keptThreadReady) return
        thread.off('message', onMessage)
        thread.off('error', reject)
        resolve()
      }
      thread.on('message', onMessage)
      thread.once('error', reject)
    })
    return thread
  }
}
