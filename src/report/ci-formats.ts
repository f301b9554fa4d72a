import { message, term, type Lang } from '../i18n/index.js';
import type { AuditResult, Finding, Severity } from '../model/types.js';
import { maskId } from './mask.js';

export interface CiOptions {
  lang: Lang;
  maskIds: boolean;
}

const xml = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

function who(f: Finding, opts: CiOptions): string {
  return f.teacherName || f.teacherId ? `${f.teacherName} ${opts.maskIds ? maskId(f.teacherId) : f.teacherId}`.trim() : f.school;
}

/**
 * JUnit XML for CI dashboards: one test suite per input file, one test case per teacher-period
 * and school; error findings are failures, warnings and info are in system-out.
 */
export function renderJunit(result: AuditResult, opts: CiOptions): string {
  const bySuite = new Map<string, Map<string, Finding[]>>();
  const caseOf = (suite: string, name: string) => {
    let cases = bySuite.get(suite);
    if (!cases) bySuite.set(suite, (cases = new Map()));
    if (!cases.has(name)) cases.set(name, []);
    return cases.get(name)!;
  };
  for (const t of result.teachers) caseOf(t.teacher.ref.file, `${t.teacher.school} ${t.teacher.year} ${t.teacher.name} ${opts.maskIds ? maskId(t.teacher.id) : t.teacher.id}`.trim());
  for (const f of result.findings) {
    const suite = f.ref?.file ?? '(audit)';
    const name = f.teacherName || f.teacherId ? `${f.school} ${f.period ?? f.year ?? ''} ${who(f, opts)}` : `${f.school} ${f.period ?? f.year ?? ''}`;
    caseOf(suite, name.replace(/\s+/g, ' ').trim()).push(f);
  }
  for (const i of result.inputs) if (i.error) caseOf(i.file, i.file);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<testsuites name="credit-audit">'];
  for (const [suite, cases] of bySuite) {
    const failures = [...cases.values()].filter((fs) => fs.some((f) => f.severity === 'error')).length;
    const inputError = result.inputs.find((i) => i.file === suite && i.error);
    lines.push(`  <testsuite name="${xml(suite)}" tests="${cases.size}" failures="${failures}" errors="${inputError ? 1 : 0}">`);
    for (const [name, fs] of cases) {
      lines.push(`    <testcase classname="${xml(suite)}" name="${xml(name)}">`);
      if (inputError && name === suite) lines.push(`      <error message="${xml(inputError.error!.messageId)}"/>`);
      const errors = fs.filter((f) => f.severity === 'error');
      if (errors.length) {
        const text = errors.map((f) => `${f.ref?.cell ?? ''} ${message(opts.lang, f.messageId, f.data)} (${f.clause})`).join('\n');
        lines.push(`      <failure message="${xml(message(opts.lang, errors[0]!.messageId, errors[0]!.data))}">${xml(text)}</failure>`);
      }
      const rest = fs.filter((f) => f.severity !== 'error');
      if (rest.length) lines.push(`      <system-out>${xml(rest.map((f) => `[${term(opts.lang, f.severity)}] ${message(opts.lang, f.messageId, f.data)}`).join('\n'))}</system-out>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n') + '\n';
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
const ghProp = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
const ghData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** GitHub Actions workflow commands: one annotation per finding, at the file and row it cites. */
export function renderGithub(result: AuditResult, opts: CiOptions): string {
  const out: string[] = [];
  for (const i of result.inputs) if (i.error) out.push(`::error file=${ghProp(i.file)},title=credit-audit::${ghData(i.error.messageId)}`);
  for (const f of result.findings) {
    const where = f.ref ? `file=${ghProp(f.ref.file)},line=${f.ref.row},` : '';
    out.push(`::${GITHUB_LEVEL[f.severity]} ${where}title=${ghProp(`${f.check} ${f.ref?.cell ?? ''}`.trim())}::${ghData(`${who(f, opts)}: ${message(opts.lang, f.messageId, f.data)} (${f.clause})`)}`);
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
