import { writeFileSync } from 'node:fs';
import path from 'node:path';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { ownOutput } from '../../src/read/own-output.js';
import { scratchDir } from '../helpers/scratch.js';

/** The mark read from docProps/core.xml with a few synchronous reads, whatever the zip's layout (issue 21). */
const MARKED = '<?xml version="1.0"?><cp:coreProperties xmlns:cp="x" xmlns:dc="y"><dc:creator>credit-audit</dc:creator><cp:keywords>credit-audit:report</cp:keywords></cp:coreProperties>';

function zipOf(parts: Record<string, string>, opts: { compress?: boolean; zip64?: boolean; comment?: string } = {}): Promise<Buffer> {
  const z = new yazl.ZipFile();
  for (const [name, text] of Object.entries(parts)) z.addBuffer(Buffer.from(text), name, { compress: opts.compress ?? true, forceZip64Format: opts.zip64 ?? false });
  z.end({ forceZip64Format: false, comment: opts.comment ?? '' });
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    z.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

async function kindOf(bytes: Buffer | string): Promise<string | null> {
  const file = path.join(scratchDir(), 'x.xlsx');
  writeFileSync(file, bytes);
  return ownOutput(file);
}

describe('ownOutput', () => {
  const filler = { 'xl/workbook.xml': '<workbook/>'.repeat(50), 'xl/worksheets/sheet1.xml': '<row/>'.repeat(5000) };
  it('finds the mark deflated, stored, after other parts, behind a zip comment, and in a zip64 zip', async () => {
    expect(await kindOf(await zipOf({ ...filler, 'docProps/core.xml': MARKED }))).toBe('own-report');
    expect(await kindOf(await zipOf({ 'docProps/core.xml': MARKED, ...filler }, { compress: false }))).toBe('own-report');
    expect(await kindOf(await zipOf({ ...filler, 'docProps/core.xml': MARKED }, { comment: 'c'.repeat(30_000) }))).toBe('own-report');
    expect(await kindOf(await zipOf({ ...filler, 'docProps/core.xml': MARKED }, { zip64: true }))).toBe('own-report');
  });

  it('is null for a workbook without the mark, one without core.xml, a truncated zip and a file that is no zip', async () => {
    expect(await kindOf(await zipOf({ ...filler, 'docProps/core.xml': MARKED.replace('credit-audit:report', 'x').replace('>credit-audit<', '>WPS<') }))).toBeNull();
    expect(await kindOf(await zipOf(filler))).toBeNull();
    const whole = await zipOf({ ...filler, 'docProps/core.xml': MARKED });
    expect(await kindOf(whole.subarray(0, whole.length - 30))).toBeNull();
    expect(await kindOf('序号,姓名\n1,张丽\n')).toBeNull();
    expect(await kindOf('')).toBeNull();
  });
});
