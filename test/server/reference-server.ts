// Starts the reference server on loopback for one test file and talks to it with
// the global fetch (undici), the same way the suites talk to a target.

import { afterAll } from 'vitest'
import { createReferenceServer, type ReferenceServer } from '../../src/server/index.ts'
import type { Handle, ServerFeatures } from '../../src/server/index.ts'

export const TOKEN = 'test-token-7f3a'

export interface Answer {
  readonly status: number
  readonly headers: Headers
  /** Parsed JSON, or undefined for an empty body. */
  readonly body: any
}

export interface TestServer {
  readonly server: ReferenceServer
  readonly url: string
  call(method: string, path: string, options?: { body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<Answer>
}

/** One server per test file, closed after the file's last test. */
export async function startServer(
  options: { features?: Partial<ServerFeatures>; wrap?: (handle: Handle) => Handle } = {},
): Promise<TestServer> {
  const server = await createReferenceServer({ token: TOKEN, port: 0, ...options })
  afterAll(() => server.close())
  return {
    server,
    url: server.url,
    async call(method, path, { body, headers = {}, raw } = {}) {
      const sent = raw ?? (body === undefined ? undefined : JSON.stringify(body))
      const response = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(sent !== undefined ? { 'content-type': 'application/scim+json' } : {}),
          ...headers,
        },
        ...(sent !== undefined ? { body: sent } : {}),
      })
      const text = await response.text()
      return { status: response.status, headers: response.headers, body: text === '' ? undefined : JSON.parse(text) }
    },
  }
}

export const USER_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:User'
export const GROUP_SCHEMA = 'urn:ietf:params:scim:schemas:core:2.0:Group'
export const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'
export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp'
export const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse'
export const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error'
export const SEARCH_REQUEST = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest'

export function aUser(userName: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [USER_SCHEMA], userName, ...more }
}

export function aGroup(displayName: string, more: Record<string, unknown> = {}): Record<string, unknown> {
  return { schemas: [GROUP_SCHEMA], displayName, ...more }
}
