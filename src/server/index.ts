// The reference SCIM server on loopback HTTP: createHandler() behind node:http,
// below the base path /scim/v2, on 127.0.0.1 only.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ScimResource } from '../scim/types.ts'
import { DEFAULT_FEATURES, resolveFeatures, type ServerFeatures } from './features.ts'
import { createHandler, type Handle, type ScimHttpRequest, type ScimHttpResponse } from './handle.ts'
import { represent } from './representation.ts'
import { GROUP_TYPE, USER_TYPE } from './resource-types.ts'
import { errorResponse, ScimProblem } from './response.ts'
import { createStore } from './store.ts'

export type { Handle, ScimHttpRequest, ScimHttpResponse } from './handle.ts'
export type { ServerFeatures } from './features.ts'
export { DEFAULT_FEATURES } from './features.ts'

export const BASE_PATH = '/scim/v2'

/** The default of features.maxBodyBytes: larger bodies are refused with 413 before parsing. */
export const MAX_BODY_BYTES = DEFAULT_FEATURES.maxBodyBytes

export interface ReferenceServerOptions {
  readonly token: string
  /** 0 (the default) picks a free port. */
  readonly port?: number
  /** Fault injection: wraps the handler, e.g. to answer POST with 200 instead of 201. */
  readonly wrap?: (handle: Handle) => Handle
  readonly features?: Partial<ServerFeatures>
}

export interface ReferenceServer {
  /** http://127.0.0.1:<port>/scim/v2 */
  readonly url: string
  /** Every stored resource, as GET shows it (password never included). */
  snapshot(): { Users: ScimResource[]; Groups: ScimResource[] }
  /** Stops listening and closes keep-alive connections. */
  close(): Promise<void>
}

export async function createReferenceServer(options: ReferenceServerOptions): Promise<ReferenceServer> {
  const features = resolveFeatures(options.features)
  const store = createStore()
  let handle: Handle | undefined
  const server = createServer((req, res) => {
    void serve(handle, features.maxBodyBytes, req, res)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}${BASE_PATH}`
  const inner = createHandler({ token: options.token, baseUrl: url, store, features })
  handle = options.wrap ? options.wrap(inner) : inner
  const context = { baseUrl: url, store, etag: features.etag }

  return {
    url,
    snapshot: () => ({
      Users: store.all('Users').map((entry) => represent(entry, USER_TYPE, context)),
      Groups: store.all('Groups').map((entry) => represent(entry, GROUP_TYPE, context)),
    }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}

async function serve(handle: Handle | undefined, maxBodyBytes: number, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let response: ScimHttpResponse
  try {
    const request = await toScimRequest(req, maxBodyBytes)
    response =
      handle === undefined || request === undefined
        ? errorResponse(404, `Not found: the SCIM base path is ${BASE_PATH}.`)
        : await handle(request)
  } catch (error) {
    response = error instanceof ScimProblem ? error.toResponse() : errorResponse(500, `Internal error: ${error instanceof Error ? error.message : String(error)}`)
  }
  res.writeHead(response.status, response.headers)
  res.end(response.body)
}

/** undefined when the path is outside the base path. */
async function toScimRequest(req: IncomingMessage, maxBodyBytes: number): Promise<ScimHttpRequest | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size <= maxBodyBytes) chunks.push(chunk as Buffer) // past the limit, drain without keeping
  }
  if (size > maxBodyBytes) throw new ScimProblem(413, `The request body is larger than ${maxBodyBytes} bytes.`)
  const target = new URL(req.url ?? '/', 'http://127.0.0.1')
  const path = target.pathname
  if (path !== BASE_PATH && !path.startsWith(`${BASE_PATH}/`)) return undefined
  const headers: Record<string, string> = {}
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return {
    method: req.method ?? 'GET',
    path: path.slice(BASE_PATH.length) || '/',
    query: target.searchParams,
    headers,
    body: Buffer.concat(chunks).toString('utf8'),
  }
}
