import { requirements, type RequirementId } from '../catalogue/index.ts'
import { galleryRows, galleryTests, type GalleryRow } from './gallery.ts'
import type { CheckResult, Report } from './model.ts'

// Three verdicts over one run, and the gate (--gate) that sets the exit code from one of them:
//   entra    the checks whose failure breaks a MUST of Entra's provisioning job;
//   gallery  the checks behind Microsoft's 25 required validator tests;
//   rfc      the checks whose failure breaks a MUST of RFC 7643/7644 (or the HTTP auth RFCs);
//   all      every failure.
// The default is the verdict the profile is for: entra for an Entra profile, rfc for the rfc profile.

export const gates = ['all', 'entra', 'gallery', 'rfc'] as const
export type Gate = (typeof gates)[number]

/** Without --gate: an Entra profile is gated on Entra's job, the rfc profile on the RFCs. */
export const defaultGate = (dialect: 'rfc' | 'entra' | 'entra-flag'): Gate => (dialect === 'rfc' ? 'rfc' : 'entra')

type Failed = Extract<CheckResult, { status: 'fail' | 'warn' }> & { readonly status: 'fail' }

const isMust = (id: string): boolean => Object.hasOwn(requirements, id) && requirements[id as RequirementId].level === 'MUST'

/** The MUST requirements a failure breaks: the one it names, else the MUSTs its check cites. */
function brokenMusts(c: Failed): string[] {
  return c.requirement !== undefined ? [c.requirement] : c.verifies.filter(isMust)
}

const galleryCheckIds = new Set(galleryTests.flatMap((t) => t.checks))

export function gateFailures(report: Report, gate: Gate): Failed[] {
  const failed = report.checks.filter((c): c is Failed => c.status === 'fail')
  switch (gate) {
    case 'all': return failed
    case 'entra': return failed.filter((c) => brokenMusts(c).some((id) => id.startsWith('entra:')))
    case 'rfc': return failed.filter((c) => brokenMusts(c).some((id) => /^rfc\d+:/.test(id)))
    case 'gallery': return failed.filter((c) => galleryCheckIds.has(c.id))
  }
}

export interface Verdicts {
  readonly entra: readonly string[]
  readonly rfc: readonly string[]
  readonly gallery: readonly GalleryRow[]
}

export function verdicts(report: Report): Verdicts {
  return { entra: gateFailures(report, 'entra').map((c) => c.id), rfc: gateFailures(report, 'rfc').map((c) => c.id), gallery: galleryRows(report) }
}

/** The three verdicts in one line each, as every report shows them. */
export function verdictLines(report: Report): { readonly label: string; readonly ok: boolean; readonly text: string }[] {
  const v = verdicts(report)
  const partial = report.selection !== undefined || report.interrupted ? ' (among the checks that ran)' : ''
  const list = (ids: readonly string[]) => (ids.length > 6 ? `${ids.slice(0, 6).join(', ')} and ${ids.length - 6} more` : ids.join(', '))
  const count = (status: GalleryRow['status']) => v.gallery.filter((r) => r.status === status).length
  const galleryParts = (['fail', 'warn', 'not judged', 'not applicable', 'not emulated'] as const).flatMap((s) => (count(s) > 0 ? [`${count(s)} ${s === 'fail' ? 'fail' : s === 'warn' ? 'warn' : s}`] : []))
  return [
    {
      label: 'Entra',
      ok: v.entra.length === 0,
      text: v.entra.length === 0 ? `Entra's provisioning job will work${partial}: no step it depends on fails` : `Entra's provisioning job will fail at ${v.entra.length} step(s)${partial}: ${list(v.entra)}`,
    },
    {
      label: 'Gallery',
      ok: count('fail') === 0,
      text: `${count('pass')} of ${v.gallery.length} of Microsoft's required validator tests pass${galleryParts.length > 0 ? `; ${galleryParts.join(', ')}` : ''}`,
    },
    {
      label: 'RFC 7643/7644',
      ok: v.rfc.length === 0,
      text: v.rfc.length === 0 ? `conforms${partial}: no RFC MUST is broken` : `${v.rfc.length} check(s) break an RFC MUST${partial}: ${list(v.rfc)}`,
    },
  ]
}
