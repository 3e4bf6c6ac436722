import { it, expect } from 'vitest'
import { Worker } from 'node:worker_threads'
import { createPermits, permitClient } from '../src/client/permits.ts'

// The run-wide concurrency limit: never more permits out than the limit, across threads,
// every request granted in the end, and the last turn answered once for every wait.

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

it('never grants more than the limit across clients, and grants every request eventually', async () => {
  const permits = createPermits(3)
  const clients = [permitClient(permits.shared), permitClient(permits.shared), permitClient(permits.shared)]
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
  expect(permits.maxGranted()).toBe(3)
})

// Two threads, each asking for 40 permits and holding each a few ms: the shared count never
// passes the limit, as the threads themselves observe it.
const HOLDER = `
const { workerData, parentPort } = require('node:worker_threads')
const slots = new Int32Array(workerData.shared)
import('tsx/esm/api').then(({ tsImport }) => tsImport(workerData.permits, workerData.permits)).then(async ({ permitClient }) => {
  const client = permitClient(workerData.shared)
  let highest = 0
  await Promise.all(Array.from({ length: 40 }, async () => {
    const release = await client.acquire()
    highest = Math.max(highest, Atomics.load(slots, 0))
    await new Promise((r) => setTimeout(r, 2))
    release()
  }))
  parentPort.postMessage(highest)
})
`

it('holds the limit across worker threads', async () => {
  const permits = createPermits(2)
  const source = new URL('../src/client/permits.ts', import.meta.url).href
  const threads = [0, 1].map(() => new Worker(HOLDER, { eval: true, workerData: { shared: permits.shared, permits: source } }))
  const highest = await Promise.all(threads.map((thread) => new Promise<number>((resolve, reject) => {
    thread.once('message', resolve)
    thread.once('error', reject)
  })))
  await Promise.all(threads.map((thread) => thread.terminate()))
  expect(Math.max(...highest)).toBe(2)
  expect(permits.maxGranted()).toBe(2)
})

it('a closed run answers every wait: permits at once, the last turn stopped', async () => {
  const permits = createPermits(1)
  const client = permitClient(permits.shared)
  await client.acquire()
  const waiting = client.acquire()
  let got = false
  void waiting.then(() => (got = true))
  await sleep(20)
  expect(got).toBe(false)
  const turn = client.lastTurn()
  permits.close()
  ;(await waiting)()
  expect(await turn).toBe('stopped')
})

it('the last turn: waits are answered when the turns end, later waits at once, and the first answer holds', async () => {
  const permits = createPermits(2)
  const clients = [permitClient(permits.shared), permitClient(permits.shared)]
  const early = [...clients, clients[0]!, clients[0]!].map((client) => client.lastTurn())
  let answered = false
  void Promise.all(early).then(() => (answered = true))
  await sleep(20)
  expect(answered).toBe(false)
  permits.endTurns('go')
  expect(await Promise.all(early)).toEqual(['go', 'go', 'go', 'go'])
  permits.endTurns('stopped')
  expect(await clients[0]!.lastTurn()).toBe('go')
})

it("grants one client's requests in the order they asked, so a replay sends them in the same order", async () => {
  const permits = createPermits(1)
  const client = permitClient(permits.shared)
  const order: string[] = []
  const ask = (name: string) => client.acquire().then((release) => {
    order.push(name)
    setTimeout(release, 5)
  })
  const first = await client.acquire()
  const waiting = [ask('second'), ask('third')]
  await sleep(20)
  // A request asked for the moment a permit comes back must still queue behind the older ones.
  first()
  const late = ask('late')
  await Promise.all([...waiting, late])
  expect(order).toEqual(['second', 'third', 'late'])
})
