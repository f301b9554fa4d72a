import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chineseName, idNumber, rng } from '../../scripts/fixture-kit.js';
import { scratchDir } from '../helpers/scratch.js';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const BIN = path.join(ROOT, 'bin', 'credit-audit.js');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the real binary (built by `npm test`'s build step) in `cwd`, as a user would. Each spawn costs
 * ~0.6 s before any work: use runCli (test/helpers/cli.ts) unless a real process matters.
 */
export function cli(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    // The language follows LC_ALL/LANG when --lang is not given: tests read Chinese unless they ask.
    env: { ...process.env, NO_COLOR: '1', LC_ALL: '', LC_MESSAGES: '', LANG: '', ...env },
    timeout: 120_000,
    // A county's JSON result runs to several MB (spawnSync keeps only 1 MB by default).
    maxBuffer: 256 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A scratch folder holding a copy of fixtures/<sub> (tests never touch the committed files). */
export function workspace(...subs: string[]): string {
  const dir = scratchDir('credit-audit-');
  for (const sub of subs) cpSync(path.join(ROOT, 'fixtures', sub), path.join(dir, sub), { recursive: true });
  return dir;
}

export function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function expectNoStackTrace(text: string): void {
  if (/\n\s+at .+:\d+:\d+/.test(text)) throw new Error(`stack trace in output:\n${text}`);
}

/**
 * The internal hyperlinks of a sheet of an xlsx (`<hyperlink ref location>`), by cell. exceljs's
 * reader reads only links kept as relationships (external targets), not links within the
 * workbook, so the report's links are read from the sheet's XML.
 */
export async function internalLinks(file: string, sheetName: string): Promise<Map<string, string>> {
  const yauzl = (await import('yauzl')).default;
  const zip = await yauzl.openPromise(file, { lazyEntries: true, autoClose: false });
  const texts = new Map<string, string>();
  for await (const e of zip.eachEntry()) {
    if (!/^xl\/(workbook\.xml|_rels\/workbook\.xml\.rels|worksheets\/sheet\d+\.xml)$/.test(e.fileName)) continue;
    const parts: Buffer[] = [];
    for await (const b of await zip.openReadStreamPromise(e)) parts.push(b as Buffer);
    texts.set(e.fileName, Buffer.concat(parts).toString('utf8'));
  }
  zip.close();
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  const escaped = sheetName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/'/g, '(?:\'|&apos;)');
  const rid = new RegExp(`<sheet [^>]*name="${escaped}"[^>]*r:id="([^"]+)"`).exec(texts.get('xl/workbook.xml') ?? '')?.[1];
  const target = new RegExp(`Id="${rid}"[^>]*Target="([^"]+)"`).exec(texts.get('xl/_rels/workbook.xml.rels') ?? '')?.[1];
  const xml = texts.get(`xl/${target}`) ?? '';
  const links = new Map<string, string>();
  for (const m of xml.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]*)"/g)) links.set(m[1]!, unescape(m[2]!));
  return links;
}

/**
 * 60 000 teachers of a 附件2—2 return as CSV (5 MB), as a county's spreadsheet saves it: ~40 MB of
 * JSON result. Fewer when a test needs only a return that takes a while to write.
 */
export function bigReturn(teachers = 60_000): string {
  const dir = workspace();
  const r = rng(55);
  const lines = ['附件2—2', '2025年度普洱市中小学幼儿园教师全员培训学时学分申报表(试行)', '学校(盖章):思茅区第一中学,,,,,,,,,联系人及电话:'];
  lines.push('序号,姓名,性别,身份证号码,任教学段学科,职称,集中培训,,网络研修,,校本研修,,全年汇总,,备注', ',,,,,,学时,学分,学时,学分,学时,学分,总学时,总学分,');
  for (let i = 1; i <= teachers; i++) {
    const gender = i % 2 ? '男' : '女';
    lines.push(`${i},${chineseName(r)},${gender},${idNumber(r, gender)},初中数学,一级教师,24,24,24,24,24,24,72,72,`);
  }
  const file = path.join(dir, '2025年度思茅区第一中学.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
