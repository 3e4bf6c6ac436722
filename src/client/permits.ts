// One concurrency limit for the whole run, across every vitest worker thread.
// The main thread keeps the permits in shared memory, which the run config carries to every
// worker (src/run/kept-threads.ts runs the workers as threads, so the memory is shared, not
// copied). A worker takes a permit with a compare-and-swap and, while none is free, waits
// with Atomics.waitAsync. Over a loopback socket, as before, each request cost six system
// calls and two wake-ups more: about 3 % of a warm run's CPU.
//
// The same memory carries the last turn (src/run/bad-credentials.ts): a worker waits until
// every other suite file has ended ('go'), or the run stopped first ('stopped').
//
// A worker thread that dies mid-run keeps the permits it held until the run ends; vitest
// reports the dead worker as an error of the run.

export interface PermitSource {
  /** Resolves when a request may go out; call the returned function when it is answered. */
  acquire(): Promise<() => void>
  /** Resolves when every other suite file has ended ('go'), or the run stopped before ('stopped'). */
  lastTurn(): Promise<LastTurn>
}

export type LastTurn = 'go' | 'stopped'

export interface Permits {
  /** What the run config carries to the workers: permitClient() reads it there. */
  readonly shared: SharedArrayBuffer
  /** The most permits ever out at once: never above the limit. */
  readonly maxGranted: () => number
  /** Answers every wait for the last turn, now and later; the first answer holds. */
  readonly endTurns: (turn: LastTurn) => void
  /** The run is over: every wait is answered, a permit at once and the last turn 'stopped'. */
  readonly close: () => void
}

const ACTIVE = 0
const LIMIT = 1
const PEAK = 2
const TURN = 3
const SLOTS = 4

const TURN_CODES = { pending: 0, go: 1, stopped: 2 } as const
/** The limit once the run is over: nobody waits for a permit any more. */
const UNLIMITED = 2 ** 30

export function createPermits(limit: number): Permits {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`the concurrency limit must be a positive integer, got ${limit}`)
  const shared = new SharedArrayBuffer(SLOTS * Int32Array.BYTES_PER_ELEMENT)
  const slots = new Int32Array(shared)
  Atomics.store(slots, LIMIT, limit)
  const endTurns = (turn: LastTurn) => {
    Atomics.compareExchange(slots, TURN, TURN_CODES.pending, TURN_CODES[turn])
    Atomics.notify(slots, TURN)
  }
  return {
    shared,
    maxGranted: () => Atomics.load(slots, PEAK),
    endTurns,
    close: () => {
      endTurns('stopped')
      Atomics.store(slots, LIMIT, UNLIMITED)
      Atomics.notify(slots, ACTIVE)
    },
  }
}

/**
 * A worker's side of the permits: the same shared memory, seen from its thread. Its requests
 * get permits in the order they asked (a replay with --seed sends its requests in the same
 * order); only the oldest of them competes with the other workers.
 */
export function permitClient(shared: SharedArrayBuffer): PermitSource {
  const slots = new Int32Array(shared)
  const asking: ((release: () => void) => void)[] = []
  let serving = false
  const serve = async () => {
    if (serving) return
    serving = true
    try {
      while (asking.length > 0) {
        await takePermit(slots)
        let released = false
        asking.shift()!(() => {
          if (released) return
          released = true
          Atomics.sub(slots, ACTIVE, 1)
          Atomics.notify(slots, ACTIVE, 1)
        })
      }
    } finally {
      serving = false
    }
  }
  return {
    acquire: () => new Promise((resolve) => {
      asking.push(resolve)
      void serve()
    }),
    lastTurn: async () => {
      for (;;) {
        const turn = Atomics.load(slots, TURN)
        if (turn !== TURN_CODES.pending) return turn === TURN_CODES.go ? 'go' : 'stopped'
        await changed(slots, TURN, TURN_CODES.pending)
      }
    },
  }
}

async function takePermit(slots: Int32Array): Promise<void> {
  for (;;) {
    const active = Atomics.load(slots, ACTIVE)
    if (active < Atomics.load(slots, LIMIT)) {
      if (Atomics.compareExchange(slots, ACTIVE, active, active + 1) !== active) continue
      raisePeak(slots, active + 1)
      return
    }
    await changed(slots, ACTIVE, active)
  }
}

/** Resolves once the slot no longer holds the value (at once, if it already does not). */
async function changed(slots: Int32Array, index: number, value: number): Promise<void> {
  const wait = Atomics.waitAsync(slots, index, value)
  if (!wait.async) return
  // A pending waitAsync does not keep Node's event loop alive: without this timer a thread
  // with nothing else to do would exit while it waits.
  const keepAlive = setInterval(() => undefined, 60_000)
  try {
    await wait.value
  } finally {
    clearInterval(keepAlive)
  }
}

function raisePeak(slots: Int32Array, reached: number): void {
  for (;;) {
    const peak = Atomics.load(slots, PEAK)
    if (reached <= peak || Atomics.compareExchange(slots, PEAK, peak, reached) === peak) return
  }
}
