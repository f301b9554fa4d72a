import { errorMessage, message, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, Finding, Severity } from '../model/types.js';
import { controlsRemoved } from './console-text.js';
import { maskId, maskText } from './mask.js';
import { maskFindingData } from './mask-result.js';
import { yearLabeller } from './year-label.js';

export interface CiOptions {
  lang: Lang;
  maskIds: boolean;
}

/**
 * Text in JUnit XML: escaped, and without the characters XML 1.0 cannot hold at all (NUL, ESC and
 * the other C0 controls but tab and line breaks): a CI server's parser refuses the whole file for
 * one of them (issue 18).
 */
const xml = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

function who(f: Finding, opts: CiOptions): string {
  if (!f.teacherName && !f.teacherId) return f.school;
  return (opts.maskIds ? `${maskText(f.teacherName)} ${maskId(f.teacherId)}` : `${f.teacherName} ${f.teacherId}`).trim();
}

/**
 * A finding's sentence; with ids masked, the 身份证号 it quotes are too (the data as maskResult masks
 * it). A cycle it names (`{cycle} 周期`) is labelled as the findings' cases are (`periodOf`).
 */
function said(lang: Lang, f: Finding, opts: CiOptions & { periodOf?: (period: string) => string }): string {
  let data = opts.maskIds ? maskFindingData(f.data) : f.data;
  if (opts.periodOf && typeof data.cycle === 'string') {
    const cycle = opts.periodOf(data.cycle);
    if (cycle !== data.cycle) data = { ...data, cycle };
  }
  return message(lang, f.messageId, data);
}

/**
 * A year and a cycle as the report shows them (year-label.ts): where the rule set's year starts on
 * another day than 1 January (天津滨海: 1 September) `2023` is `2023—2024学年` and a cycle `2019-2023`
 * is `2019—2020学年至2023—2024学年`; elsewhere both stay as they are.
 */
function periodLabeller(lang: Lang, rules: AuditResult['rules']): { year: (y: number | null) => string; cycle: (period: string) => string; period: (f: Pick<Finding, 'period' | 'year'>) => string } {
  const yearOf = yearLabeller(lang, rules);
  const year = (y: number | null) => String(yearOf(y) ?? '');
  const cycle = (period: string) => {
    const m = /^(\d{4})-(\d{4})$/.exec(period);
    if (!m || !rules.yearStart) return period;
    return t(lang, 'ui', 'schoolYearRange', { first: year(Number(m[1])), last: year(Number(m[2])) });
  };
  return { year, cycle, period: (f) => (f.period ? cycle(f.period) : year(f.year)) };
}

/** Text gathered into pieces of about this many characters before they are handed on. */
const PIECE_CHARS = 1 << 16;

/**
 * Lines handed on in pieces of ~64 K characters: a province's result is hundreds of MB of JUnit
 * (236 MB for a million rows), which as one string and its lines peaked at 2 GB (issue 5), and
 * could pass V8's limit on a string's length.
 */
function* pieces(lines: Iterable<string>, pieceChars: number): Generator<string> {
  let piece = '';
  for (const line of lines) {
    piece += `${line}\n`;
    if (piece.length >= pieceChars) {
      yield piece;
      piece = '';
    }
  }
  if (piece) yield piece;
}

/** Above this many teachers, JUnit lists only the teachers with a finding or exempt; the others are counted. */
export const JUNIT_LIST_LIMIT = 1000;

interface JunitCase {
  findings: Finding[];
  /** A teacher's status (exempt is a skipped case); undefined for a school or a finding's own case. */
  status?: string;
}

/**
 * JUnit XML for CI dashboards (GitLab, Jenkins, Azure): one test suite per input file; one test
 * case per teacher-year and per school-year; error findings are a failure (its `type` the check
 * ids), warnings and info in system-out, exempt teachers skipped, an unreadable file an error with
 * its sentence. Above JUNIT_LIST_LIMIT teachers, those without a finding are not listed: each
 * suite says how many in a property and in one case that stands for them, so the totals still
 * count every teacher. `time` is the run's, in seconds, on <testsuites> (a file's own time is not
 * measured). In pieces.
 */
export function junitChunks(result: AuditResult, opts: CiOptions & { seconds?: number }, pieceChars = PIECE_CHARS): Generator<string> {
  const bySuite = new Map<string, Map<string, JunitCase>>();
  const caseOf = (suite: string, name: string) => {
    let cases = bySuite.get(suite);
    if (!cases) bySuite.set(suite, (cases = new Map()));
    let c = cases.get(name);
    if (!c) cases.set(name, (c = { findings: [] }));
    return c;
  };
  const id = (s: string) => (opts.maskIds ? maskId(s) : s);
  const label = periodLabeller(opts.lang, result.rules);
  const sayOpts = { ...opts, periodOf: label.cycle };
  const schoolFile = new Map<string, string>();
  for (const t of result.teachers) {
    const name = `${t.teacher.school} ${label.year(t.teacher.year)} ${opts.maskIds ? maskText(t.teacher.name) : t.teacher.name} ${id(t.teacher.id)}`.replace(/\s+/g, ' ').trim();
    caseOf(t.teacher.ref.file, name).status = t.status;
    const key = `${t.teacher.school} ${t.teacher.year}`;
    if (!schoolFile.has(key)) schoolFile.set(key, t.teacher.ref.file);
  }
  // Every school-year is a case of its own, passing or not, in the suite of its first teacher's file.
  for (const s of result.schools) {
    const key = `${s.name} ${label.year(s.year)}`;
    const file = schoolFile.get(`${s.name} ${s.year}`);
    if (file !== undefined) caseOf(file, key.replace(/\s+/g, ' ').trim());
  }
  for (const f of result.findings) {
    const suite = f.ref?.file ?? '(audit)';
    const name = f.teacherName || f.teacherId ? `${f.school} ${label.period(f)} ${who(f, opts)}` : `${f.school} ${label.period(f)}`;
    caseOf(suite, name.replace(/\s+/g, ' ').trim()).findings.push(f);
  }
  for (const i of result.inputs) if (i.error) caseOf(i.file, i.file);
  const listAll = result.teachers.length <= JUNIT_LIST_LIMIT;
  const listed = (c: JunitCase) => listAll || c.status === undefined || c.status === 'exempt' || c.findings.length > 0;
  const errorOf = (suite: string) => result.inputs.find((i) => i.file === suite && i.error);
  const seconds = (opts.seconds ?? 0).toFixed(3);
  const totals = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites = [...bySuite].map(([suite, cases]) => {
    let tests = 0;
    let failures = 0;
    let skipped = 0;
    let unlisted = 0;
    for (const c of cases.values()) {
      if (!listed(c)) {
        unlisted++;
        continue;
      }
      tests++;
      if (c.findings.some((f) => f.severity === 'error')) failures++;
      else if (c.status === 'exempt') skipped++;
    }
    // The case standing for the teachers not listed.
    if (unlisted) tests++;
    const errors = errorOf(suite) ? 1 : 0;
    totals.tests += tests;
    totals.failures += failures;
    totals.errors += errors;
    totals.skipped += skipped;
    return { suite, cases, tests, failures, skipped, errors, unlisted };
  });
  // The files a folder held that are not returns: a suite of skipped cases, in the totals too.
  const skippedFiles = result.skippedFiles ?? [];
  totals.tests += skippedFiles.length;
  totals.skipped += skippedFiles.length;
  function* lines(): Generator<string> {
    yield '<?xml version="1.0" encoding="UTF-8"?>';
    yield `<testsuites name="credit-audit" tests="${totals.tests}" failures="${totals.failures}" errors="${totals.errors}" skipped="${totals.skipped}" time="${seconds}">`;
    for (const { suite, cases, tests, failures, skipped, errors, unlisted } of suites) {
      const inputError = errorOf(suite);
      yield `  <testsuite name="${xml(suite)}" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">`;
      if (unlisted) yield `    <properties><property name="credit-audit.passing-teachers-not-listed" value="${unlisted}"/></properties>`;
      for (const [name, c] of cases) {
        if (!listed(c)) continue;
        const fs = c.findings;
        yield `    <testcase classname="${xml(suite)}" name="${xml(name)}">`;
        if (inputError && name === suite) {
          const e = inputError.error!;
          yield `      <error message="${xml(errorMessage(opts.lang, e.messageId, e.data))}" type="${xml(e.messageId)}"/>`;
        }
        const errors = fs.filter((f) => f.severity === 'error');
        if (errors.length) {
          const text = errors.map((f) => `${f.ref?.cell ?? ''} [${f.check}] ${said(opts.lang, f, sayOpts)} (${f.clause})`).join('\n');
          const type = [...new Set(errors.map((f) => f.check))].join(',');
          yield `      <failure message="${xml(said(opts.lang, errors[0]!, sayOpts))}" type="${xml(type)}">${xml(text)}</failure>`;
        } else if (c.status === 'exempt') yield `      <skipped message="${xml(term(opts.lang, 'exempt'))}"/>`;
        const rest = fs.filter((f) => f.severity !== 'error');
        if (rest.length) yield `      <system-out>${xml(rest.map((f) => `[${term(opts.lang, f.severity)}] [${f.check}] ${said(opts.lang, f, sayOpts)}`).join('\n'))}</system-out>`;
        yield '    </testcase>';
      }
      if (unlisted) yield `    <testcase classname="${xml(suite)}" name="${xml(t(opts.lang, 'ui', 'junitPassingNotListed', { count: unlisted, limit: JUNIT_LIST_LIMIT }))}"/>`;
      yield '  </testsuite>';
    }
    // Files met and not audited (issue 21): a suite of their own, each a skipped test case with the reason.
    if (skippedFiles.length) {
      yield `  <testsuite name="(skipped files)" tests="${skippedFiles.length}" failures="0" errors="0" skipped="${skippedFiles.length}">`;
      for (const f of skippedFiles) {
        yield `    <testcase classname="(skipped files)" name="${xml(f.file)}">`;
        yield `      <skipped message="${xml(term(opts.lang, `fileSkip.${f.reason}`))}"/>`;
        yield '    </testcase>';
      }
      yield '  </testsuite>';
    }
    yield '</testsuites>';
  }
  return pieces(lines(), pieceChars);
}

export function renderJunit(result: AuditResult, opts: CiOptions & { seconds?: number }): string {
  return [...junitChunks(result, opts)].join('');
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };
/**
 * A workflow command is one line, `::level key=value,…::message`: GitHub's runner reads a line
 * break (CR, LF) as its end, so they are escaped as @actions/core's escapeData and escapeProperty
 * do (`%` first, then CR and LF; in a property `:` and `,` too, which end a value). A name read
 * from a file cannot end an annotation and start a command of its own (issue 18). The log shows
 * escape sequences as colours, so those and the other control characters are removed
 * (controlsRemoved: consoleText keeping CR and LF for the escaping here).
 */
const ghProp = (s: string) => controlsRemoved(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/:/g, '%3A').replace(/,/g, '%2C');
const ghData = (s: string) => controlsRemoved(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

/** GitHub Actions workflow commands: one annotation per finding, at the file and row it cites. In pieces. */
export function githubChunks(result: AuditResult, opts: CiOptions, pieceChars = PIECE_CHARS): Generator<string> {
  const label = periodLabeller(opts.lang, result.rules);
  function* lines(): Generator<string> {
    for (const i of result.inputs) if (i.error) yield `::error file=${ghProp(i.file)},title=${ghProp(`credit-audit ${i.error.messageId}`)}::${ghData(errorMessage(opts.lang, i.error.messageId, i.error.data))}`;
    // A file that is not a return may be a school's return in the wrong form (a PDF, a .rar): a warning; our own outputs a notice.
    for (const f of result.skippedFiles ?? []) {
      const level = f.reason === 'own-report' || f.reason === 'annotated-copy' || f.reason === 'lock-file' || f.reason === 'hidden' ? 'notice' : 'warning';
      yield `::${level} file=${ghProp(f.file)},title=credit-audit::${ghData(term(opts.lang, `fileSkip.${f.reason}`))}`;
    }
    for (const f of result.findings) {
      const where = f.ref ? `file=${ghProp(f.ref.file)},line=${f.ref.row},` : '';
      // Who, and the year or cycle the finding is of (two years of one teacher are two annotations),
      // unless its sentence names the cycle already.
      const period = typeof f.data.cycle === 'string' ? '' : label.period(f);
      yield `::${GITHUB_LEVEL[f.severity]} ${where}title=${ghProp(`${f.check} ${f.ref?.cell ?? ''}`.trim())}::${ghData(`${`${who(f, opts)} ${period}`.trim()}: ${said(opts.lang, f, { ...opts, periodOf: label.cycle })} (${f.clause})`)}`;
    }
  }
  return pieces(lines(), pieceChars);
}

export function renderGithub(result: AuditResult, opts: CiOptions): string {
  return [...githubChunks(result, opts)].join('');
}
