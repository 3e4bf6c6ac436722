import net from 'node:net'

// One concurrency limit for the whole run, across every vitest worker process.
// The main process serves permits on a loopback TCP port; each worker keeps one
// connection and sends "A" to ask for a permit, gets "G" when granted, and sends
// "R" when its request is done. A worker that dies closes its connection, and
// every permit it held comes back, so a crash can never wedge the run.
//
// The same connection carries the last turn (src/run/bad-credentials.ts): a worker sends
// "W" to wait until every other suite file has ended, and gets "O" then, or "X" when the
// run stopped first.

export interface PermitSource {
  /** Resolves when a request may go out; call the returned function when it is answered. */
  acquire(): Promise<() => void>
  /** Resolves when every other suite file has ended ('go'), or the run stopped before ('stopped'). */
  lastTurn(): Promise<LastTurn>
  close(): void
}

export type LastTurn = 'go' | 'stopped'

export interface PermitServer {
  readonly port: number
  /** The most permits ever out at once: never above the limit. */
  readonly maxGranted: () => number
  /** Answers every wait for the last turn, now and later. */
  readonly endTurns: (turn: LastTurn) => void
  close(): Promise<void>
}

interface Holder {
  readonly socket: net.Socket
  granted: number
  closed: boolean
}

export async function startPermitServer(limit: number): Promise<PermitServer> {
  let active = 0
  let peak = 0
  const waiting: Holder[] = []
  let turn: LastTurn | undefined
  // One entry per wait: a worker's checks wait on its one connection, each for its own answer.
  let waitingForTurn: net.Socket[] = []
  const answerTurn = (socket: net.Socket, given: LastTurn) => void socket.write(given === 'go' ? 'O' : 'X')
  const grant = (holder: Holder) => {
    active++
    peak = Math.max(peak, active)
    holder.granted++
    holder.socket.write('G')
  }
  const grantWaiting = () => {
    while (active < limit && waiting.length > 0) {
      const next = waiting.shift()!
      if (!next.closed) grant(next)
    }
  }
  const server = net.createServer((socket) => {
    socket.setNoDelay(true)
    const holder: Holder = { socket, granted: 0, closed: false }
    socket.on('data', (chunk: Buffer) => {
      for (const byte of chunk.toString('latin1')) {
        if (byte === 'A') {
          if (active < limit) grant(holder)
          else waiting.push(holder)
        } else if (byte === 'R' && holder.granted > 0) {
          holder.granted--
          active--
          grantWaiting()
        } else if (byte === 'W') {
          if (turn) answerTurn(socket, turn)
          else waitingForTurn.push(socket)
        }
      }
    })
    socket.on('close', () => {
      waitingForTurn = waitingForTurn.filter((waiting) => waiting !== socket)
      holder.closed = true
      active -= holder.granted
      holder.granted = 0
      grantWaiting()
    })
    socket.on('error', () => socket.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    port,
    maxGranted: () => peak,
    endTurns: (given) => {
      turn ??= given
      for (const socket of waitingForTurn) answerTurn(socket, turn)
      waitingForTurn = []
    },
    close: () => new Promise<void>((resolve) => {
      for (const socket of waitingForTurn) answerTurn(socket, 'stopped')
      server.close(() => resolve())
      for (const holder of waiting) holder.socket.destroy()
    }),
  }
}

/** A worker's side: one connection, permits handed out in the order they were asked for. */
export function permitClient(port: number): PermitSource {
  let socket: net.Socket | undefined
  const pending: ((release: () => void) => void)[] = []
  const turns: ((turn: LastTurn) => void)[] = []
  const connect = (): net.Socket => {
    const s = net.connect(port, '127.0.0.1')
    s.setNoDelay(true)
    s.on('data', (chunk: Buffer) => {
      for (const byte of chunk.toString('latin1')) {
        if (byte === 'O' || byte === 'X') {
          turns.shift()?.(byte === 'O' ? 'go' : 'stopped')
          continue
        }
        if (byte !== 'G') continue
        let released = false
        pending.shift()?.(() => {
          if (released) return
          released = true
          if (!s.destroyed) s.write('R')
        })
      }
    })
    // The main process went away (the run is over or aborted): never leave a request hanging.
    s.on('close', () => {
      for (const resolve of pending.splice(0)) resolve(() => undefined)
      for (const resolve of turns.splice(0)) resolve('stopped')
      if (socket === s) socket = undefined
    })
    s.on('error', () => s.destroy())
    return s
  }
  return {
    acquire: () => new Promise((resolve) => {
      socket ??= connect()
      pending.push(resolve)
      socket.write('A')
    }),
    lastTurn: () => new Promise((resolve) => {
      socket ??= connect()
      turns.push(resolve)
      socket.write('W')
    }),
    close: () => {
      socket?.destroy()
      socket = undefined
    },
  }
}
