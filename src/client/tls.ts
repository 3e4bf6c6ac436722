import { connect, rootCertificates, type ConnectionOptions } from 'node:tls'
import { isIP } from 'node:net'
import type { TlsSummary } from '../report/model.ts'

// How the run trusts the target's certificate, and what the target's TLS looks
// like next to Entra's requirement: TLS 1.2 with
// one of the listed suites, a certificate a public CA vouches for.

export interface TlsSettings {
  /** PEM of extra trusted CAs (--ca), added to Node's public roots. */
  readonly ca?: string
  /** --insecure: no certificate verification at all. */
  readonly insecure: boolean
}

/** Entra's "minimum bar" suites: IANA name → OpenSSL name. */
export const ENTRA_CIPHER_SUITES = {
  TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256: 'ECDHE-ECDSA-AES128-GCM-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384: 'ECDHE-ECDSA-AES256-GCM-SHA384',
  TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256: 'ECDHE-RSA-AES128-GCM-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384: 'ECDHE-RSA-AES256-GCM-SHA384',
  TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256: 'ECDHE-ECDSA-AES128-SHA256',
  TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384: 'ECDHE-ECDSA-AES256-SHA384',
  TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: 'ECDHE-RSA-AES128-SHA256',
  TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384: 'ECDHE-RSA-AES256-SHA384',
} as const

/** The undici `connect` options for these settings. */
export function tlsConnectOptions(settings: TlsSettings): Pick<ConnectionOptions, 'ca' | 'rejectUnauthorized'> {
  return {
    rejectUnauthorized: !settings.insecure,
    ...(settings.ca === undefined ? {} : { ca: [...rootCertificates, settings.ca] }),
  }
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '')
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host)
}

/** Console and report warnings about how the run reaches the target. */
export function transportWarnings(baseUrl: string, settings: TlsSettings): string[] {
  const url = new URL(baseUrl)
  const warnings: string[] = []
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    warnings.push(`${url.host} is plain HTTP: the token and every user travel unencrypted, and Entra only connects over HTTPS`)
  }
  if (settings.insecure && url.protocol === 'https:') {
    warnings.push('--insecure: the certificate of the target was not verified; the results say nothing about whether Entra will trust it')
  }
  return warnings
}

/**
 * Three handshakes with the target: what it negotiates by default, whether it
 * accepts TLS 1.2, and whether it accepts TLS 1.2 with one of Entra's suites.
 */
export async function probeTls(baseUrl: string, settings: TlsSettings, timeoutMs: number): Promise<TlsSummary | undefined> {
  const url = new URL(baseUrl)
  if (url.protocol !== 'https:') return undefined
  const host = url.hostname.replace(/^\[|\]$/g, '')
  const base: ConnectionOptions = {
    host, port: Number(url.port || 443), ...tlsConnectOptions(settings), ...(isIP(host) ? {} : { servername: host }),
  }
  const negotiated = await handshake(base, timeoutMs)
  const tls12 = await handshake({ ...base, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' }, timeoutMs)
  const listed = await handshake({ ...base, minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2', ciphers: Object.values(ENTRA_CIPHER_SUITES).join(':') }, timeoutMs)
  return {
    protocol: negotiated.ok ? negotiated.protocol : 'unknown',
    cipher: negotiated.ok ? negotiated.cipher : 'unknown',
    tls12: tls12.ok,
    entraCipherSuite: listed.ok ? listed.cipher : null,
  }
}

export function tlsWarnings(summary: TlsSummary | undefined): string[] {
  if (!summary) return []
  const warnings: string[] = []
  if (!summary.tls12) warnings.push('the target refused a TLS 1.2 handshake: Entra connects with TLS 1.2 only')
  else if (summary.entraCipherSuite === null) warnings.push(`the target accepts none of the cipher suites Entra requires over TLS 1.2 (${Object.keys(ENTRA_CIPHER_SUITES).join(', ')})`)
  return warnings
}

type Handshake = { readonly ok: true; readonly protocol: string; readonly cipher: string } | { readonly ok: false; readonly reason: string }

function handshake(options: ConnectionOptions, timeoutMs: number): Promise<Handshake> {
  return new Promise((resolve) => {
    const socket = connect(options, () => {
      const cipher = socket.getCipher()
      resolve({ ok: true, protocol: socket.getProtocol() ?? 'unknown', cipher: cipher.standardName ?? cipher.name })
      socket.end()
    })
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no TLS handshake within ${timeoutMs} ms`)))
    socket.once('error', (error) => resolve({ ok: false, reason: error.message }))
  })
}
