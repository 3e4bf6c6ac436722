import type { Fault } from './fault.ts'
import { bodyOf, onResponse, withBody, isAny, isCollection } from './wrappers.ts'

// Faults for the security suite: each an unsafe endpoint a vendor could ship.

const TOKEN = 'Bearer self-test-token-9f8e7d'
const asAuthenticated = (req: Parameters<ReturnType<Fault['wrap']>>[0]) => ({ ...req, headers: { ...req.headers, authorization: TOKEN } })

export const securityFaults: readonly Fault[] = [
  {
    id: 'resources-without-auth',
    defect: 'lets unauthenticated requests through on /Users/{id} and /Groups/{id} (collections still guarded)',
    only: 'security.*',
    // A token in the query string comes without a header, so it is let through too.
    breaks: ['security.no-token.reads', 'security.no-token.writes', 'security.query-token.reads', 'security.query-token.writes'],
    wrap: (handle) => (req) => handle(!req.headers.authorization && isAny('Users', 'Groups')(req) && !isCollection('Users')(req) && !isCollection('Groups')(req) ? asAuthenticated(req) : req),
  },
  {
    id: 'token-in-query',
    defect: 'accepts the token as ?access_token= in the query string',
    only: 'security.*',
    breaks: ['security.query-token.reads', 'security.query-token.writes'],
    wrap: (handle) => (req) => handle(!req.headers.authorization && req.query.get('access_token') === TOKEN.slice('Bearer '.length) ? asAuthenticated(req) : req),
  },
  {
    id: 'any-scheme',
    defect: 'takes the token under any Authorization scheme (Token, Basic)',
    only: 'security.*',
    breaks: ['security.other-scheme.reads', 'security.other-scheme.writes'],
    wrap: (handle) => (req) => handle(req.headers.authorization !== undefined && !/^Bearer /i.test(req.headers.authorization) ? asAuthenticated(req) : req),
  },
  {
    id: 'returns-password',
    defect: 'returns the password it was given on create and on GET',
    only: 'security.*',
    // The response schema checks see the password too (returned "never").
    breaks: ['schema.user', 'schema.user-rules', 'security.password.never-returned'],
    wrap: (handle) => {
      const passwords = new Map<string, string>()
      return async (req) => {
        const res = await handle(req)
        const body = bodyOf(res)
        if (req.method === 'POST' && isCollection('Users')(req) && typeof body?.id === 'string') {
          const sent = (JSON.parse(req.body) as { password?: unknown }).password
          if (typeof sent === 'string') passwords.set(body.id, sent)
        }
        const password = typeof body?.id === 'string' ? passwords.get(body.id) : undefined
        return password !== undefined && req.method !== 'DELETE' ? withBody(res, { ...body, password }) : res
      }
    },
  },
  {
    id: 'malformed-json-500',
    defect: 'answers a body that is not JSON with 500',
    only: 'security.*',
    breaks: ['security.body.malformed-json'],
    wrap: onResponse((req) => req.method === 'POST' && isCollection('Users')(req), (res, req) => {
      try {
        JSON.parse(req.body)
        return res
      } catch {
        return { ...res, status: 500 }
      }
    }),
  },
  {
    id: 'stack-in-errors',
    defect: 'puts the stack trace of the error in every 4xx detail',
    only: 'security.*',
    breaks: ['security.errors.no-internal-disclosure'],
    wrap: onResponse(() => true, (res) => {
      const body = bodyOf(res)
      return res.status >= 400 && body ? withBody(res, { ...body, detail: `TypeError: bad input\n    at Object.<anonymous> (/srv/scim/src/routes/users.js:42:17)` }) : res
    }),
  },
  {
    id: 'filter-injection',
    defect: 'drops a filter carrying "or 1=1" and lists every user, as string-built SQL would',
    only: 'security.*',
    breaks: ['security.filter.injection'],
    wrap: (handle) => (req) => {
      if (req.method !== 'GET' || !isCollection('Users')(req) || !(req.query.get('filter') ?? '').includes('or 1=1')) return handle(req)
      const query = new URLSearchParams(req.query)
      query.delete('filter')
      return handle({ ...req, query })
    },
  },
]
