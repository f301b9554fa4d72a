import { statSync } from 'node:fs';
import path from 'node:path';
import { Argument, Command, Option } from 'commander';
import { errorMessage, t, type Lang } from '../i18n/index.js';
import { consoleText } from '../report/console-text.js';
import type { Io } from './io.js';

const KINDS = ['puer-2-2', 'records'] as const;
type Kind = (typeof KINDS)[number];

interface TemplateOptions {
  year?: string;
  school?: string;
  out?: string;
  rows: string;
  force?: boolean;
  lang: Lang;
}

/** The name written when --out is not given. */
const DEFAULT_OUT: Record<Kind, string> = { 'puer-2-2': '申报表.xlsx', records: '培训记录.xlsx' };

/** `credit-audit template <kind>`: a blank form to fill, written as an .xlsx. */
export function registerTemplateCommand(program: Command, io: Io, done: (code: number) => void): void {
  program
    .command('template')
    .description('write a blank form to fill: puer-2-2 (the official 附件2—2 declaration form) or records (one row per training record, the layout check reads as \'records\')')
    .addArgument(new Argument('<kind>', 'puer-2-2 (附件2—2) or records').choices([...KINDS]))
    .option('-y, --year <yyyy>', 'the year, written into the title (puer-2-2)')
    .option('-s, --school <name>', 'the school, written on the 学校(盖章) line (puer-2-2)')
    .option('-o, --out <file>', `the file to write (default: ${DEFAULT_OUT['puer-2-2']} or ${DEFAULT_OUT.records})`)
    .option('--rows <n>', 'how many numbered blank rows', '50')
    .option('--force', 'overwrite the file if it exists')
    .addOption(new Option('--lang <lang>', 'language of messages').choices(['zh', 'en']).default('zh'))
    .action(async (kind: Kind, o: TemplateOptions) => {
      done(await runTemplate(kind, o, io));
    });
}

function say(io: Io, text: string): void {
  io.stderr(`credit-audit: ${consoleText(text)}\n`);
}

export async function runTemplate(kind: Kind, o: TemplateOptions, io: Io): Promise<number> {
  const lang = o.lang;
  let year: number | null = null;
  if (o.year !== undefined) {
    if (!/^(19|20)\d{2}$/.test(o.year)) {
      say(io, t(lang, 'cmd', 'template.badYear', { value: o.year }));
      return 2;
    }
    year = Number(o.year);
  }
  if (!/^\d{1,4}$/.test(o.rows) || Number(o.rows) > 5000) {
    say(io, t(lang, 'cmd', 'template.badRows', { value: o.rows }));
    return 2;
  }
  const rows = Number(o.rows);
  if (kind === 'records' && (o.year !== undefined || o.school !== undefined)) say(io, t(lang, 'cmd', 'template.recordsIgnores'));
  const out = o.out ?? DEFAULT_OUT[kind];
  const file = path.resolve(io.cwd, out);
  if (!/\.xlsx$/i.test(out)) {
    say(io, t(lang, 'cmd', 'template.notXlsx', { out }));
    return 2;
  }
  const there = statSync(file, { throwIfNoEntry: false });
  if (there && !there.isFile()) {
    say(io, t(lang, 'cmd', 'template.outNotFile', { out }));
    return 2;
  }
  // A file of that name may be a return already filled in: never replaced unless asked.
  if (there && !o.force) {
    say(io, t(lang, 'cmd', 'template.exists', { out }));
    return 2;
  }
  const { writePuerForm, writeRecordsTemplate } = await import('../report/template.js');
  try {
    if (kind === 'puer-2-2') await writePuerForm(file, { year, school: o.school ?? '', rows });
    else await writeRecordsTemplate(file, rows);
  } catch (e) {
    const detail = String(e instanceof Error ? e.message : e).split('\n')[0]!.slice(0, 300);
    const diskFull = (e as NodeJS.ErrnoException | undefined)?.code === 'ENOSPC';
    say(io, diskFull ? errorMessage(lang, 'output.diskFull', { file: out }) : errorMessage(lang, 'output.writeFailed', { file: out, detail }));
    return 2;
  }
  io.stderr(`${consoleText(t(lang, 'cmd', kind === 'puer-2-2' ? 'template.writtenForm' : 'template.writtenRecords', { file: out, rows }))}\n`);
  if (kind === 'puer-2-2' && year === null) io.stderr(`${t(lang, 'cmd', 'template.noYear')}\n`);
  return 0;
}
