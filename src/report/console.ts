import { Chalk } from 'chalk';
import Table from 'cli-table3';
import stringWidth from 'string-width';
import type { Finding } from '../model/types.js';
import { errorMessage, message, t, term, type Lang } from '../i18n/index.js';
import type { AuditResult, CycleAudit, Severity } from '../model/types.js';
import { CHECKS } from '../checks/index.js';
import { consoleText as k } from './console-text.js';
import { countsTeacherYears, distinctTeachers } from './counts.js';
import { maskId } from './mask.js';
import { skippedText } from './rows.js';
import { readAs } from './read-as.js';
import { skippedSheetText } from './skipped-sheets.js';
import { yearLabeller } from './year-label.js';

export interface ConsoleOptions {
  lang: Lang;
  color: boolean;
  maskIds: boolean;
  /** How many findings to list (the report holds them all). */
  topFindings?: number;
  /** The width the tables must fit, in terminal columns (default 100). */
  width?: number;
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
      const skippedCount = Object.values(s.skipped).reduce((n, r) => n + r.length, 0);
      lines.push(
        k(t(L, 'ui', 'inputLine', {
          file: i.sheets.length > 1 ? `${i.file} [${s.sheet}]` : i.file,
          encoding: i.encoding ? ` [${readAs(i)}]` : '',
          records: s.records,
          rowsRead: s.rowsRead,
          teachers: s.teachers,
          skippedCount,
          skipped: skippedText(L, s.skipped) || '-',
        })),
      );
    }
  }
  // Files a folder held that are not returns, and our own reports and copies: each said, once.
  for (const f of result.skippedFiles ?? []) lines.push(c.yellow(k(t(L, 'ui', 'fileSkipped', { file: f.file, reason: term(L, `fileSkip.${f.reason}`) }))));
  lines.push('');
  const schoolHead = [t(L, 'ui', 'school'), t(L, 'ui', 'year'), t(L, 'ui', 'audited'), t(L, 'ui', 'incompleteCol'), t(L, 'ui', 'exemptCol'), t(L, 'ui', 'share'), t(L, 'ui', 'flagged')];
  const schoolRows = result.schools.map((s) => [short(s.name), String(yearOf(s.year) ?? ''), String(s.teachers), String(s.incomplete), String(s.exempt), `${(s.share * 100).toFixed(1)}%`, s.flagged ? t(L, 'ui', 'yes') : t(L, 'ui', 'no')]);
  const schools = fittedTable(schoolHead, schoolRows, opts.width ?? 100, opts.color, (r) => (result.schools[r]!.flagged ? c.red : undefined));
  // A cycle audit leads with the cycle; its years follow (issue 20).
  if (result.cycle) lines.push(...renderCycle(result.cycle, L, c, opts.color, opts.width ?? 100, yearOf));
  if (result.schools.length) {
    if (result.cycle) lines.push('');
    lines.push(c.bold(t(L, 'ui', 'schoolsTitle')));
    lines.push(schools.toString());
  }
  const top = opts.topFindings ?? 15;
  const shown = byImportance(result, top);
  if (shown.length) {
    lines.push('', c.bold(t(L, 'ui', 'topFindings')));
    // The table fits the terminal: five columns from 110 wide; narrower, place and teacher share a
    // column, and the clause goes under the message (a fixed 146-wide table wrapped at 80).
    const width = opts.width ?? 100;
    const wide = width >= 110;
    const severityWidth = Math.max(...(['error', 'warning', 'info'] as const).map((s) => stringWidth(term(L, s))), stringWidth(t(L, 'ui', 'severity'))) + 2;
    // Borders take one column each, and one more at the end.
    const room = width - (wide ? 6 : 4) - severityWidth;
    const placeWidth = wide ? Math.max(24, Math.floor(room * 0.22)) : 24;
    const teacherWidth = wide ? 22 : 0;
    const clauseWidth = wide ? Math.max(16, Math.floor(room * 0.16)) : 0;
    const messageWidth = room - placeWidth - teacherWidth - clauseWidth;
    const table = new Table({
      head: wide
        ? [t(L, 'ui', 'severity'), t(L, 'ui', 'place'), t(L, 'ui', 'teacher'), t(L, 'ui', 'message'), t(L, 'ui', 'clause')]
        : [t(L, 'ui', 'severity'), `${t(L, 'ui', 'place')} / ${t(L, 'ui', 'teacher')}`, `${t(L, 'ui', 'message')} / ${t(L, 'ui', 'clause')}`],
      style: { head: opts.color ? ['bold'] : [], border: opts.color ? ['grey'] : [] },
      wordWrap: true,
      colWidths: wide ? [severityWidth, placeWidth, teacherWidth, messageWidth, clauseWidth] : [severityWidth, placeWidth, messageWidth],
    });
    for (const f of shown) {
      // The file's short name and the cell, cut from the left: the cell is what a person looks for.
      const place = f.ref ? placeText(baseName(f.ref.file), f.ref.cell, placeWidth - 2) : '';
      const who = f.teacherName ? `${short(f.teacherName)} ${opts.maskIds ? k(maskId(f.teacherId)) : short(f.teacherId)}`.trim() : short(f.school);
      const severity = sevColour[f.severity](term(L, f.severity));
      if (wide) table.push([severity, place, who, k(message(L, f.messageId, f.data)), f.clause]);
      else table.push([severity, `${place}\n${who}`, `${k(message(L, f.messageId, f.data))}\n${c.dim(`${t(L, 'ui', 'clause')}：${f.clause}`)}`]);
    }
    lines.push(table.toString());
    const rest = result.findings.filter((f) => f.severity !== 'info').length - shown.length;
    if (rest > 0) lines.push(t(L, 'ui', 'moreFindings', { count: rest }));
  }
  const { findings, ...counts } = result.summary;
  // In the units counted: over several years (a cycle) teacher-years, and each school once beside its school-years (issue 20).
  lines.push('', c.bold(t(L, 'ui', countsTeacherYears(result) ? 'summaryLineYears' : 'summaryLine', { ...counts, ...findings, distinctTeachers: distinctTeachers(result) })));
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

/**
 * The findings worth a person's first look, in order: the flags of schools, then errors by how far
 * they miss (a failed or missing year first, then the largest shortfall), then the other errors,
 * then warnings; each group in the report's order (severity, school, file, row).
 */
function byImportance(result: AuditResult, top: number): Finding[] {
  const rank = (f: Finding): number => {
    // A school flagged, for a year or the cycle, at whatever severity the rule set gives the flag
    // (a cycle's is a warning): the finding that flags is one of a check that declares it does.
    if (!f.teacherId && !f.teacherName && CHECKS[f.check]?.meta.flagsSchool) return 0;
    if (f.severity === 'error') return f.shortfall ? 1 : 2;
    return 3;
  };
  const miss = (f: Finding): number => (f.shortfall ? (f.shortfall.scope === 'year' ? Infinity : f.shortfall.missing) : 0);
  // The first `top` in one pass, kept in order as they come: a cycle's 300 000 findings were each
  // made an object and sorted to show 15 (0.24 s and their garbage, profiled).
  const before = (a: { r: number; m: number; i: number }, b: { r: number; m: number; i: number }) => a.r - b.r || (a.r === 1 ? b.m - a.m : 0) || a.i - b.i;
  const best: Array<{ f: Finding; r: number; m: number; i: number }> = [];
  result.findings.forEach((f, i) => {
    if (f.severity === 'info' || top <= 0) return;
    const x = { r: rank(f), m: 0, i };
    x.m = x.r === 1 ? miss(f) : 0;
    if (best.length === top && before(x, best[top - 1]!) >= 0) return;
    let at = best.length;
    while (at > 0 && before(x, best[at - 1]!) < 0) at--;
    best.splice(at, 0, { f, ...x });
    if (best.length > top) best.pop();
  });
  return best.map((x) => x.f);
}

/**
 * A table that fits `width` terminal columns: as wide as its text while that fits; otherwise, in
 * turn, the headers wrap at their words (a Chinese one in even lines of at most three), the first
 * column's names wrap (a school's name takes two lines), and last the headers' words are cut.
 * Figures are never wrapped or cut.
 */
function fittedTable(head: string[], rows: string[][], width: number, color: boolean, paint?: (row: number) => ((s: string) => string) | undefined): InstanceType<typeof Table> {
  const cellWidth = (v: string) => Math.max(...String(v ?? '').split('\n').map((l) => stringWidth(l)));
  const data = head.map((_, i) => Math.max(4, ...rows.map((r) => cellWidth(r[i]!))) + 2);
  const widths = head.map((h, i) => Math.max(data[i]!, stringWidth(h) + 2));
  // The narrowest a header takes with no word cut: its widest word; a Chinese one in three lines.
  const whole = head.map((h) => Math.max(...wordsOf(h).map((w) => (/^[\u2e80-\u9fff]+$/u.test(w) ? 2 * Math.ceil([...w].length / 2) : stringWidth(w)))) + 2);
  // The first column (a school's name) may wrap, down to this.
  const names = Math.min(data[0]!, Math.max(whole[0]!, 14));
  const room = width - (head.length + 1);
  let total = widths.reduce((a, b) => a + b, 0);
  const narrow = (floor: (i: number) => number, only?: number) => {
    while (total > room) {
      let widest = -1;
      for (let i = 0; i < widths.length; i++) if ((only === undefined || i === only) && widths[i]! > floor(i) && (widest < 0 || widths[i]! > widths[widest]!)) widest = i;
      if (widest < 0) return;
      widths[widest]!--;
      total--;
    }
  };
  narrow((i) => Math.max(data[i]!, whole[i]!));
  narrow(() => Math.max(names, whole[0]!), 0);
  narrow((i) => (i === 0 ? names : data[i]!));
  // The header is wrapped here (cli-table3's own wrapping counts colour codes as text).
  const wrappedHead = head.map((h, i) => wrapText(h, widths[i]! - 2));
  // A header cut into even lines may need less than its column was given.
  wrappedHead.forEach((h, i) => (widths[i] = Math.min(widths[i]!, Math.max(i === 0 ? Math.min(data[0]!, widths[0]!) : data[i]!, cellWidth(h) + 2))));
  const table = new Table({ head: wrappedHead, style: { head: color ? ['bold'] : [], border: color ? ['grey'] : [] }, colWidths: widths });
  // Names wrapped here, as the headers (cli-table3 counts a Chinese character as one column), and
  // each line painted on its own, so a colour never spans a line break.
  rows.forEach((r, k) => {
    const p = paint?.(k);
    const cells = r.map((v, i) => (i === 0 ? wrapText(v, widths[0]! - 2) : v));
    table.push(p ? cells.map((v) => v.split('\n').map((l) => p(l)).join('\n')) : cells);
  });
  return table;
}

/** `text` in lines of at most `max` columns: whole words first, a longer word split where it must be. */
function wrapText(text: string, max: number): string {
  const lines: string[] = [];
  let line = '';
  // `sep`: what joins the piece to the line before it (a space, or nothing after a hyphen).
  const put = (piece: string, sep = ' ') => {
    const joined = line ? `${line}${sep}${piece}` : piece;
    if (stringWidth(joined) <= max) line = joined;
    else {
      if (line) lines.push(line);
      line = '';
      // A word of Chinese characters is cut into lines of even length (集中培训 / 完成率, not
      // 集中培训完成 / 率): the fewest lines it takes, the characters shared out among them.
      const chars = [...piece];
      const even = chars.every((ch) => stringWidth(ch) === 2) ? Math.ceil(chars.length / Math.ceil(stringWidth(piece) / max)) : Infinity;
      for (const ch of chars) {
        if ((stringWidth(line + ch) > max || [...line].length >= even) && line) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
    }
  };
  for (const word of text.split(/ +/)) {
    // A hyphenated word may break after its hyphen (Self- / selected) before it is cut.
    const parts = word.split(/(?<=-)/);
    if (parts.length > 1 && stringWidth(line ? `${line} ${word}` : word) > max) parts.forEach((p, n) => put(p, n === 0 ? ' ' : ''));
    else put(word);
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

/** A header's words: parts between spaces, a hyphenated word's parts after each hyphen. */
function wordsOf(text: string): string[] {
  return text.split(/ +/).flatMap((w) => w.split(/(?<=-)/));
}

/** `file!cell` in at most `max` columns, the file name cut from its start (`…中心小学.xlsx!M17`). */
function placeText(file: string, cell: string, max: number): string {
  const whole = k(`${file}!${cell}`);
  if (stringWidth(whole) <= max) return whole;
  const chars = [...k(file)];
  let tail = `!${cell}`;
  for (let i = chars.length - 1; i >= 0 && stringWidth(`…${chars[i]}${tail}`) <= max; i--) tail = chars[i] + tail;
  return `…${tail}`;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);

function renderCycle(cy: CycleAudit, L: Lang, c: InstanceType<typeof Chalk>, color: boolean, width: number, yearOf: (y: number | null) => string | number | null): string[] {
  const w = cy.window;
  const lines = [
    '',
    c.bold(t(L, 'ui', 'cycleLine', { start: w.start, end: w.end, asOf: w.asOf, elapsed: w.elapsed, length: w.length, ended: w.ended ? t(L, 'ui', 'cycleEnded') : '', years: cy.yearsFound.join(', ') || '-' })),
  ];
  // A rule set whose year starts on another day: the cycle's label years said as the school years they are.
  if (yearOf(w.start) !== w.start) lines.push(t(L, 'ui', 'cycleSchoolYears', { first: String(yearOf(w.start)), last: String(yearOf(w.end)) }));
  if (cy.yearsWithoutInput.length) lines.push(c.yellow(t(L, 'ui', 'cycleNoInput', { years: cy.yearsWithoutInput.join(', ') })));
  const head = [t(L, 'ui', 'school'), t(L, 'ui', 'audited'), t(L, 'ui', 'incompleteCol'), t(L, 'ui', 'behindCol'), t(L, 'ui', 'overallRate'), t(L, 'ui', 'concentratedRate'), t(L, 'ui', 'selfSelectedRate'), t(L, 'ui', 'flagged')];
  const plain = cy.schools.map((s) => [short(s.name), String(s.teachers), String(s.incomplete), String(s.behind ?? 0), pct(s.indicators?.overall), pct(s.indicators?.concentrated), pct(s.indicators?.selfSelected), s.flagged ? t(L, 'ui', 'yes') : t(L, 'ui', 'no')]);
  // An indicator no input gives (集中培训完成率 needs single records, 自主选课率 a 选课方式) is left
  // out, not shown as a column of "-": in 80 columns its room went to breaking the others' headers.
  const shown = head.map((_, i) => i < 5 || i === 7 || plain.some((r) => r[i] !== '-'));
  const keep = <T,>(r: T[]) => r.filter((_, i) => shown[i]);
  const table = fittedTable(keep(head), plain.map(keep), width, color, (r) => (cy.schools[r]!.flagged ? c.red : undefined));
  if (cy.schools.length) lines.push(c.bold(t(L, 'ui', 'cycleSchoolsTitle')), table.toString());
  const count = (s: string) => cy.teachers.filter((x) => x.status === s).length;
  lines.push(t(L, 'ui', 'cycleSummary', { teachers: cy.teachers.length, complete: count('complete'), inProgress: count('in-progress'), behind: count('behind'), incomplete: count('incomplete'), exempt: count('exempt') }));
  return lines;
}
