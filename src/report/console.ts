import { Chalk } from 'chalk';
import Table from 'cli-table3';
import { errorMessage, message, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, CycleAudit, Severity } from '../model/types.js';
import { consoleText as k } from './console-text.js';
import { maskId } from './mask.js';
import { compressRows } from './rows.js';
import { readAs } from './read-as.js';
import { skippedSheetText } from './skipped-sheets.js';
import { yearLabeller } from './year-label.js';

export interface ConsoleOptions {
  lang: Lang;
  color: boolean;
  maskIds: boolean;
  /** How many findings to list (the report holds them all). */
  topFindings?: number;
}

/**
 * The summary a person reads after a run: counts, row accounting, schools worst first, top findings.
 * Every line and cell that holds text read from a file goes through consoleText (k) before it is
 * coloured: an escape sequence or a line break in a school's name must not reach the terminal
 * (issue 18). Our own templates hold neither, so whole lines are cleaned.
 */
export function renderConsole(result: AuditResult, opts: ConsoleOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const L = opts.lang;
  const sevColour: Record<Severity, (s: string) => string> = { error: c.red, warning: c.yellow, info: c.cyan };
  const lines: string[] = [];
  const yearOf = yearLabeller(L, result.rules);
  lines.push(c.bold(k(t(L, 'ui', 'rulesLine', { name: result.rules.name, id: result.rules.id }))));
  for (const i of result.inputs) {
    if (i.error) {
      lines.push(c.red(k(t(L, 'ui', 'inputError', { file: i.file, message: errorMessage(L, i.error.messageId, i.error.data) }))));
      continue;
    }
    for (const s of i.setAside ?? []) {
      const data = { file: i.file, kept: s.kept.file, teachers: s.teachers, school: short(s.school ?? ''), year: s.year ?? '' };
      lines.push(c.yellow(t(L, 'ui', s.reason === 'same-content' ? 'inputSameContent' : 'inputResent', data)));
    }
    // An audited workbook's other sheets: each named with why it was left out (a failed file's
    // message already says why; the JSON and 汇总 list its sheets too).
    for (const s of i.skippedSheets ?? []) lines.push(c.yellow(k(t(L, 'ui', 'sheetSkipped', { file: i.file, sheet: short(s.sheet), reason: skippedSheetText(L, s) }))));
    for (const s of i.sheets) {
      const parts = (Object.entries(s.skipped) as Array<[string, number[]]>)
        .filter(([, rows]) => rows.length)
        .map(([reason, rows]) => `${term(L, `skip.${reason}`)} ${rows.length}: ${compressRows(rows)}`);
      const skippedCount = Object.values(s.skipped).reduce((n, r) => n + r.length, 0);
      lines.push(
        k(t(L, 'ui', 'inputLine', {
          file: i.sheets.length > 1 ? `${i.file} [${s.sheet}]` : i.file,
          encoding: i.encoding ? ` [${readAs(i)}]` : '',
          records: s.records,
          rowsRead: s.rowsRead,
          teachers: s.teachers,
          skippedCount,
          skipped: parts.join('; ') || '-',
        })),
      );
    }
  }
  // Files a folder held that are not returns, and our own reports and copies: each said, once.
  for (const f of result.skippedFiles ?? []) lines.push(c.yellow(k(t(L, 'ui', 'fileSkipped', { file: f.file, reason: term(L, `fileSkip.${f.reason}`) }))));
  lines.push('');
  const schools = new Table({
    head: [t(L, 'ui', 'school'), t(L, 'ui', 'year'), t(L, 'ui', 'audited'), t(L, 'ui', 'incompleteCol'), t(L, 'ui', 'exemptCol'), t(L, 'ui', 'share'), t(L, 'ui', 'flagged')],
    style: { head: opts.color ? ['bold'] : [], border: opts.color ? ['grey'] : [] },
  });
  for (const s of result.schools) {
    const row = [short(s.name), String(yearOf(s.year) ?? ''), String(s.teachers), String(s.incomplete), String(s.exempt), `${(s.share * 100).toFixed(1)}%`, s.flagged ? t(L, 'ui', 'yes') : t(L, 'ui', 'no')];
    schools.push(s.flagged ? row.map((x) => c.red(x)) : row);
  }
  if (result.schools.length) {
    lines.push(c.bold(t(L, 'ui', 'schoolsTitle')));
    lines.push(schools.toString());
  }
  if (result.cycle) lines.push(...renderCycle(result.cycle, L, c, opts.color, yearOf));
  const top = opts.topFindings ?? 15;
  const shown = result.findings.filter((f) => f.severity !== 'info').slice(0, top);
  if (shown.length) {
    lines.push('', c.bold(t(L, 'ui', 'topFindings')));
    const table = new Table({
      head: [t(L, 'ui', 'severity'), t(L, 'ui', 'place'), t(L, 'ui', 'teacher'), t(L, 'ui', 'message'), t(L, 'ui', 'clause')],
      style: { head: opts.color ? ['bold'] : [], border: opts.color ? ['grey'] : [] },
      wordWrap: true,
      colWidths: [8, 28, 22, 60, 22],
    });
    for (const f of shown) {
      const place = f.ref ? `${baseName(f.ref.file)}!${f.ref.cell}` : '';
      const who = f.teacherName ? `${short(f.teacherName)} ${opts.maskIds ? k(maskId(f.teacherId)) : short(f.teacherId)}`.trim() : short(f.school);
      table.push([sevColour[f.severity](term(L, f.severity)), k(place), who, k(message(L, f.messageId, f.data)), f.clause]);
    }
    lines.push(table.toString());
    const rest = result.findings.filter((f) => f.severity !== 'info').length - shown.length;
    if (rest > 0) lines.push(t(L, 'ui', 'moreFindings', { count: rest }));
  }
  const { findings, ...counts } = result.summary;
  lines.push('', c.bold(t(L, 'ui', 'summaryLine', { ...counts, ...findings })));
  if (counts.setAside) lines.push(c.yellow(t(L, 'ui', 'setAsideLine', { setAside: counts.setAside })));
  // The rule set's district targets (三(二)1), each year against its target: a missed one in red.
  for (const x of result.targets ?? []) {
    const text = t(L, 'ui', 'targetLine', { target: x.key, year: String(yearOf(x.year)), count: x.count, of: x.of, share: x.share.toFixed(2), goal: x.target, met: t(L, 'ui', x.met ? 'targetMet' : 'targetMissed') });
    lines.push(x.met ? text : c.red(text));
  }
  return lines.join('\n') + '\n';
}

/** A name read from a file, cut for a table cell (a cell may hold 50 000 characters) and made safe for a terminal. */
function short(s: string, max = 60): string {
  // Cleaned first: a cut never splits an escape sequence, and the length counts what is shown.
  const shown = k(s);
  return shown.length > max ? `${shown.slice(0, max)}…` : shown;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);

function renderCycle(cy: CycleAudit, L: Lang, c: InstanceType<typeof Chalk>, color: boolean, yearOf: (y: number | null) => string | number | null): string[] {
  const w = cy.window;
  const lines = [
    '',
    c.bold(t(L, 'ui', 'cycleLine', { start: w.start, end: w.end, asOf: w.asOf, elapsed: w.elapsed, length: w.length, ended: w.ended ? t(L, 'ui', 'cycleEnded') : '', years: cy.yearsFound.join(', ') || '-' })),
  ];
  // A rule set whose year starts on another day: the cycle's label years said as the school years they are.
  if (yearOf(w.start) !== w.start) lines.push(t(L, 'ui', 'cycleSchoolYears', { first: String(yearOf(w.start)), last: String(yearOf(w.end)) }));
  if (cy.yearsWithoutInput.length) lines.push(c.yellow(t(L, 'ui', 'cycleNoInput', { years: cy.yearsWithoutInput.join(', ') })));
  const table = new Table({
    head: [t(L, 'ui', 'school'), t(L, 'ui', 'audited'), t(L, 'ui', 'incompleteCol'), t(L, 'ui', 'behindCol'), t(L, 'ui', 'overallRate'), t(L, 'ui', 'concentratedRate'), t(L, 'ui', 'selfSelectedRate'), t(L, 'ui', 'flagged')],
    style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] },
  });
  for (const s of cy.schools) {
    const row = [short(s.name), String(s.teachers), String(s.incomplete), String(s.behind ?? 0), pct(s.indicators?.overall), pct(s.indicators?.concentrated), pct(s.indicators?.selfSelected), s.flagged ? t(L, 'ui', 'yes') : t(L, 'ui', 'no')];
    table.push(s.flagged ? row.map((x) => c.red(x)) : row);
  }
  if (cy.schools.length) lines.push(c.bold(t(L, 'ui', 'cycleSchoolsTitle')), table.toString());
  const count = (s: string) => cy.teachers.filter((x) => x.status === s).length;
  lines.push(t(L, 'ui', 'cycleSummary', { teachers: cy.teachers.length, complete: count('complete'), inProgress: count('in-progress'), behind: count('behind'), incomplete: count('incomplete'), exempt: count('exempt') }));
  return lines;
}
