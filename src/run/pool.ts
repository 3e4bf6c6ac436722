// Runs task(0..count-1) with at most `concurrency` at a time, in index order of start.

export async function inPool(count: number, concurrency: number, task: (index: number) => Promise<void>, signal?: AbortSignal): Promise<void> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < count && signal?.aborted !== true) await task(next++)
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker))
}
