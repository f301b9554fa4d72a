import type { FindingBase } from '../../model/finding.js';
import type { Severity, SourceRef } from '../../model/types.js';
import type { FindingDraft } from '../types.js';

/**
 * What a check's draft becomes, once the rule set has given the check its severity and clause:
 * the finding but for whom it is about (src/model/finding.ts adds that). Every kind of check (teacher,
 * school, cycle, batch) goes through here, so a draft's fields reach a finding in one place.
 */
export function findingBase(check: { id: string; severity: Severity; clause: string }, d: FindingDraft, ref: SourceRef | null, severity: Severity = d.severity ?? check.severity): FindingBase {
  return { check: check.id, severity, messageId: d.messageId, data: d.data, clause: check.clause, ref, shortfall: d.shortfall, column: d.column };
}
