import type ExcelJS from 'exceljs';
import { writeAtomically } from './temp-files.js';

/**
 * The blank forms `credit-audit template` writes: the official 附件2—2 declaration form of 普洱
 * (seed 001) and the generic one-row-per-training-record layout (issue 19). They carry no mark of
 * this tool's reports in their properties: a filled template is a return, and must be read as one.
 */

/** 附件2—2's title (seed 001), after `{year}年度` when a year is given: the reader takes the year from it. */
export const PUER_FORM_TITLE = '普洱市中小学幼儿园教师全员培训学时学分申报表(试行)';
/** The footer lines of 附件2—2, as the seed prints them. */
export const PUER_FORM_FOOTERS = ['审核单位(盖章):', '说明:此表由学校汇总填写上报,学员年度学时学分的申报须按照《普洱市中小学教师全员培训管理办法(试行)》执行。'];
/** The two header rows: group names merged over their 学时/学分 sub-columns; the others merged down. */
export const PUER_FORM_HEADER = ['序号', '姓名', '性别', '身份证号码', '任教学段学科', '职称', '集中培训', '', '网络研修', '', '校本研修', '', '全年汇总', '', '备注'];
export const PUER_FORM_SUBHEADER = ['', '', '', '', '', '', '学时', '学分', '学时', '学分', '学时', '学分', '总学时', '总学分', ''];
/** The form's rows: 附件2—2 mark, title, school line, two header rows; teachers from the sixth. */
export const PUER_FORM_FIRST_ROW = 6;

/**
 * The generic per-record layout's columns (issue 19), in order; 入职年度 and 职称评定年度 last (上海虹口
 * 二(二)2 逐年递减: a joiner, or a teacher titled during the cycle, owes less — blank: the full requirement).
 */
export const RECORD_COLUMNS = ['身份证号', '姓名', '学校', '年度', '日期', '学时', '学分', '天数', '项目名称', '培训层次', '课程类别', '是否信息技术', '培训形式', '职称', '角色', '审核状态', '备注', '入职年度', '职称评定年度'];

export interface PuerFormOptions {
  year: number | null;
  school: string;
  /** How many numbered blank teacher rows. */
  rows: number;
}

const THIN = { style: 'thin' } as const;
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const CENTRE: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true };

/** exceljs is loaded only by the command that writes a template (~0.3 s a `check` need not pay). */
async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  // Excel and WPS recompute 全年汇总 when the file is opened, whatever a filling program left cached.
  wb.calcProperties.fullCalcOnLoad = true;
  return wb;
}

/** A non-negative number, or blank: what each 学时/学分 cell accepts, with the reason in Chinese. */
const AMOUNT: ExcelJS.DataValidation = {
  type: 'decimal',
  operator: 'greaterThanOrEqual',
  allowBlank: true,
  formulae: [0],
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: '学时学分',
  error: '请填写不小于 0 的数字（学时、学分）。',
  showInputMessage: false,
};

/**
 * A sheet's validations by range: exceljs has it (doc/data-validations.js) but its types do not; a
 * range is written as one rule, where cell.dataValidation would make one a cell before merging them.
 */
function validations(ws: ExcelJS.Worksheet): { add(range: string, v: ExcelJS.DataValidation): void } {
  return (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
}

export function buildPuerForm(wb: ExcelJS.Workbook, o: PuerFormOptions): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('附件2—2', {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      // The two header rows are printed again at the top of every page.
      printTitlesRow: '4:5',
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    views: [{ state: 'frozen', ySplit: PUER_FORM_FIRST_ROW - 1 }],
  });
  const widths = [6, 10, 6, 21, 14, 11, 8, 8, 8, 8, 8, 8, 9, 9, 16];
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  const last = PUER_FORM_HEADER.length; // column O
  ws.getCell('A1').value = '附件2—2';
  ws.mergeCells(2, 1, 2, last);
  const title = ws.getCell('A2');
  title.value = o.year === null ? PUER_FORM_TITLE : `${o.year}年度${PUER_FORM_TITLE}`;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(2).height = 30;
  ws.mergeCells(3, 1, 3, 9);
  ws.getCell('A3').value = `学校(盖章):${o.school}`;
  ws.mergeCells(3, 10, 3, last);
  ws.getCell('J3').value = '联系人及电话:';
  PUER_FORM_HEADER.forEach((v, i) => v && (ws.getCell(4, i + 1).value = v));
  PUER_FORM_SUBHEADER.forEach((v, i) => v && (ws.getCell(5, i + 1).value = v));
  for (let c = 1; c <= last; c++) {
    // Groups over their two sub-columns; the single columns down both header rows.
    if (PUER_FORM_SUBHEADER[c - 1] === '') ws.mergeCells(4, c, 5, c);
    else if (PUER_FORM_HEADER[c - 1] !== '') ws.mergeCells(4, c, 4, c + 1);
  }
  for (const r of [4, 5]) {
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = CENTRE;
      cell.border = BOX;
    }
  }
  const end = PUER_FORM_FIRST_ROW + o.rows - 1;
  for (let r = PUER_FORM_FIRST_ROW; r <= end; r++) {
    // Numbered in advance, as schools' templates are; the audit counts a numbered empty row as blank.
    ws.getCell(r, 1).value = r - PUER_FORM_FIRST_ROW + 1;
    for (const [col, a, b, c] of [
      [13, 'G', 'I', 'K'],
      [14, 'H', 'J', 'L'],
    ] as const) {
      // A plain SUM of the row: a return filled by a script and never recalculated is still read
      // (the reader evaluates a same-row SUM without a cached value; an IF() it would refuse), and a
      // numbered row of zeros reads as blank.
      ws.getCell(r, col).value = { formula: `SUM(${a}${r},${b}${r},${c}${r})` } as ExcelJS.CellFormulaValue;
    }
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BOX;
      cell.alignment = { vertical: 'middle', horizontal: c === 2 || c === 4 || c === 5 || c === 15 ? 'left' : 'center' };
    }
    // A 身份证号 typed as a number loses its last digits (Excel keeps 15): the column is text.
    ws.getCell(r, 4).numFmt = '@';
  }
  if (o.rows > 0) {
    validations(ws).add(`G${PUER_FORM_FIRST_ROW}:N${end}`, AMOUNT);
    validations(ws).add(`C${PUER_FORM_FIRST_ROW}:C${end}`, {
      type: 'list',
      allowBlank: true,
      formulae: ['"男,女"'],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: '性别',
      error: '请填写“男”或“女”。',
    });
  }
  let r = end + 1;
  for (const text of PUER_FORM_FOOTERS) {
    ws.mergeCells(r, 1, r, last);
    const cell = ws.getCell(r, 1);
    cell.value = text;
    cell.alignment = { vertical: 'middle', wrapText: true };
    ws.getRow(r).height = 22;
    r++;
  }
  ws.pageSetup.printArea = `A1:O${r - 1}`;
  return ws;
}

const RECORD_WIDTHS = [21, 10, 22, 7, 12, 7, 7, 7, 30, 10, 12, 12, 10, 11, 10, 10, 16, 10, 13];

export function buildRecords(wb: ExcelJS.Workbook, rows: number): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('培训记录', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  RECORD_COLUMNS.forEach((h, i) => {
    const cell = ws.getCell(1, i + 1);
    cell.value = h;
    cell.font = { bold: true };
    cell.alignment = CENTRE;
    cell.border = BOX;
    ws.getColumn(i + 1).width = RECORD_WIDTHS[i]!;
  });
  const end = rows + 1;
  if (rows > 0) {
    // 身份证号 as text (a number loses digits); 学时, 学分, 天数 not negative; 年度 a year.
    for (let r = 2; r <= end; r++) ws.getCell(r, 1).numFmt = '@';
    validations(ws).add(`F2:H${end}`, AMOUNT);
    const year = (title: string): ExcelJS.DataValidation => ({
      type: 'whole',
      operator: 'between',
      allowBlank: true,
      formulae: [title === '年度' ? 1990 : 1950, 2100],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: title,
      error: '请填写四位年份，例如 2025。',
    });
    validations(ws).add(`D2:D${end}`, year('年度'));
    // 入职年度 and 职称评定年度: a year (a teacher may have joined decades ago).
    validations(ws).add(`R2:R${end}`, year('入职年度'));
    validations(ws).add(`S2:S${end}`, year('职称评定年度'));
    validations(ws).add(`L2:L${end}`, { type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorStyle: 'stop', errorTitle: '是否信息技术', error: '请填写“是”或“否”。' });
  }
  return ws;
}

/**
 * Write a workbook as the report is written: a temporary dot-file beside the target, renamed over
 * it when complete, and registered so that a stopped run removes it.
 */
export async function writeWorkbookAtomically(wb: ExcelJS.Workbook, file: string): Promise<void> {
  await writeAtomically(file, (tmp) => wb.xlsx.writeFile(tmp));
}

export async function writePuerForm(file: string, o: PuerFormOptions): Promise<void> {
  const wb = await newWorkbook();
  buildPuerForm(wb, o);
  await writeWorkbookAtomically(wb, file);
}

export async function writeRecordsTemplate(file: string, rows: number): Promise<void> {
  const wb = await newWorkbook();
  buildRecords(wb, rows);
  await writeWorkbookAtomically(wb, file);
}
