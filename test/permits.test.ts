import { it, expect } from 'vitest'
import { startPermitServer, permitClient } from '../src/client/permits.ts'

// The run-wide concurrency limit: never more permits out than the limit, in the
// order asked, and a dead holder gives its permits back.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

it('never grants more than the limit across clients, and grants every request eventually', async () => {
  const server = await startPermitServer(3)
  const clients = [permitClient(server.port), permitClient(server.port), permitClient(server.port)]
  try {
    let inFlight = 0
    let peak = 0
    const work = async (client: (typeof clients)[number]) => {
      const release = await client.acquire()
      inFlight++
      peak = Math.max(peak, inFlight)
      await sleep(5)
      inFlight--
      release()
    }
    await Promise.all(Array.from({ length: 60 }, (_, i) => work(clients[i % 3]!)))
    expect(peak).toBe(3)
    expect(server.maxGranted()).toBe(3)
  } finally {
    for (const c of clients) c.close()
    await server.close()
  }
})

it('a client that dies while holding permits gives them back', async () => {
  const server = await startPermitServer(1)
  const dying = permitClient(server.port)
  const other = permitClient(server.port)
  try {
    await dying.acquire()
    const granted = other.acquire()
    let got = false
    void granted.then(() => (got = true))
    await sleep(50)
    expect(got).toBe(false)
    dying.close()
    const release = await granted
    release()
    expect(got).toBe(true)
  } finally {
    other.close()
    await server.close()
  }
})

it('the last turn: waits are answered when the turns end, later waits at once, and a stopped run answers stopped', async () => {
  const server = await startPermitServer(2)
  const clients = [permitClient(server.port), permitClient(server.port)]
  try {
    // Several checks of one worker wait on its one connection: each gets its own answer.
    const early = [...clients, clients[0]!, clients[0]!].map((client) => client.lastTurn())
    let answered = false
    void Promise.all(early).then(() => (answered = true))
    await sleep(50)
    expect(answered).toBe(false)
    server.endTurns('go')
    expect(await Promise.all(early)).toEqual(['go', 'go', 'go', 'go'])
    // The first answer holds: a run that stops after the turn began does not take it back.
    server.endTurns('stopped')
    expect(await clients[0]!.lastTurn()).toBe('go')
  } finally {
    for (const c of clients) c.close()
    await server.close()
  }
  const stopped = await startPermitServer(1)
  const waiting = permitClient(stopped.port)
  try {
    const turn = waiting.lastTurn()
    await stopped.close()
    expect(await turn).toBe('stopped')
  } finally {
    waiting.close()
  }
})
