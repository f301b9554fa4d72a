import { message, term, type Lang } from '../i18n/index.js';
import type { AuditResult, Finding, Severity } from '../model/types.js';
import { controlsRemoved } from './console-text.js';
import { maskId } from './mask.js';

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
  return f.teacherName || f.teacherId ? `${f.teacherName} ${opts.maskIds ? maskId(f.teacherId) : f.teacherId}`.trim() : f.school;
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

/**
 * JUnit XML for CI dashboards: one test suite per input file, one test case per teacher-period
 * and school; error findings are failures, warnings and info are in system-out. In pieces.
 */
export function junitChunks(result: AuditResult, opts: CiOptions, pieceChars = PIECE_CHARS): Generator<string> {
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
  function* lines(): Generator<string> {
    yield '<?xml version="1.0" encoding="UTF-8"?>';
    yield '<testsuites name="credit-audit">';
    for (const [suite, cases] of bySuite) {
      const failures = [...cases.values()].filter((fs) => fs.some((f) => f.severity === 'error')).length;
      const inputError = result.inputs.find((i) => i.file === suite && i.error);
      yield `  <testsuite name="${xml(suite)}" tests="${cases.size}" failures="${failures}" errors="${inputError ? 1 : 0}">`;
      for (const [name, fs] of cases) {
        yield `    <testcase classname="${xml(suite)}" name="${xml(name)}">`;
        if (inputError && name === suite) yield `      <error message="${xml(inputError.error!.messageId)}"/>`;
        const errors = fs.filter((f) => f.severity === 'error');
        if (errors.length) {
          const text = errors.map((f) => `${f.ref?.cell ?? ''} ${message(opts.lang, f.messageId, f.data)} (${f.clause})`).join('\n');
          yield `      <failure message="${xml(message(opts.lang, errors[0]!.messageId, errors[0]!.data))}">${xml(text)}</failure>`;
        }
        const rest = fs.filter((f) => f.severity !== 'error');
        if (rest.length) yield `      <system-out>${xml(rest.map((f) => `[${term(opts.lang, f.severity)}] ${message(opts.lang, f.messageId, f.data)}`).join('\n'))}</system-out>`;
        yield '    </testcase>';
      }
      yield '  </testsuite>';
    }
    // Files met and not audited (issue 21): a suite of their own, each a skipped test case with the reason.
    const skippedFiles = result.skippedFiles ?? [];
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

export function renderJunit(result: AuditResult, opts: CiOptions): string {
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
  function* lines(): Generator<string> {
    for (const i of result.inputs) if (i.error) yield `::error file=${ghProp(i.file)},title=credit-audit::${ghData(i.error.messageId)}`;
    // A file that is not a return may be a school's return in the wrong form (a PDF, a .rar): a warning; our own outputs a notice.
    for (const f of result.skippedFiles ?? []) {
      const level = f.reason === 'own-report' || f.reason === 'annotated-copy' || f.reason === 'lock-file' || f.reason === 'hidden' ? 'notice' : 'warning';
      yield `::${level} file=${ghProp(f.file)},title=credit-audit::${ghData(term(opts.lang, `fileSkip.${f.reason}`))}`;
    }
    for (const f of result.findings) {
      const where = f.ref ? `file=${ghProp(f.ref.file)},line=${f.ref.row},` : '';
      yield `::${GITHUB_LEVEL[f.severity]} ${where}title=${ghProp(`${f.check} ${f.ref?.cell ?? ''}`.trim())}::${ghData(`${who(f, opts)}: ${message(opts.lang, f.messageId, f.data)} (${f.clause})`)}`;
    }
  }
  return pieces(lines(), pieceChars);
}

export function renderGithub(result: AuditResult, opts: CiOptions): string {
  return [...githubChunks(result, opts)].join('');
}
