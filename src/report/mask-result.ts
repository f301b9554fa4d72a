import type { AuditResult, Finding } from '../model/types.js';
import { maskId, maskText } from './mask.js';

/** Keys of finding data that hold a 身份证号 as typed (it may be malformed, so no pattern finds it). */
const ID_KEYS = new Set(['id']);

function maskData(data: Finding['data']): Finding['data'] {
  const out: Finding['data'] = {};
  for (const [k, v] of Object.entries(data)) out[k] = typeof v !== 'string' ? v : ID_KEYS.has(k) ? maskId(v) : maskText(v);
  return out;
}

/**
 * `--mask-ids` (DESIGN.md: reports travel by e-mail): a copy of the result with every 身份证号
 * masked — the teachers', the findings', those quoted in finding data and in 备注 — made once,
 * so the console, the JSON and the Excel report cannot differ in what they show.
 */
export function maskResult(result: AuditResult): AuditResult {
  const teachers = result.teachers.map((tr) => ({
    ...tr,
    teacher: {
      ...tr.teacher,
      id: maskId(tr.teacher.id),
      name: maskText(tr.teacher.name),
      remarks: maskText(tr.teacher.remarks),
      badValues: tr.teacher.badValues.map((b) => ({ ...b, text: maskText(b.text) })),
    },
  }));
  const findings = result.findings.map((f) => ({ ...f, teacherId: maskId(f.teacherId), teacherName: maskText(f.teacherName), data: maskData(f.data) }));
  return { ...result, teachers, findings };
}
