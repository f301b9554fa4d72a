import type { AuditResult } from '../model/types.js';
import { reportSheets, type ReportOptions } from './report-content.js';
import { writeAtomically } from './temp-files.js';
import { writeLeanWorkbook, type WriteProgressListener } from './workbook-writer.js';

export type { ReportOptions as XlsxOptions };

// The report is written by ./workbook-writer.ts, streamed; exceljs's writer, the reference the tests
// compare it with, lives in test/helpers/ (loading exceljs costs ~0.3 s a run need not pay).

/**
 * Write atomically: a temporary file beside the target, then a rename. The temporary files (this
 * one and the writer's `.part.links*`) are dot-files, hidden on Linux and macOS (Windows shows
 * them), and registered in temp-files.ts so that a stopped run removes them.
 */
export async function writeReport(result: AuditResult, file: string, opts: ReportOptions, onProgress?: WriteProgressListener): Promise<void> {
  // Streamed: memory does not grow with the report (issue 5).
  await writeAtomically(file, (tmp) => writeLeanWorkbook(reportSheets(result, opts), tmp, new Date(result.generatedAt), undefined, undefined, onProgress));
}
