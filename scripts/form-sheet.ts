/**
 * Writes the 附件2—2 declaration form into an exceljs worksheet, the way a school fills it: a
 * title, the `学校(盖章):` line, the two-row header with merged groups, teacher rows, footers.
 * Used by scripts/make-bad-fixtures.ts and by the property-based test, which plant values and
 * quirks cell by cell.
 */
import type ExcelJS from 'exceljs';
import type { Person } from './fixture-kit.js';

export const FORM_TITLE = '普洱市中小学幼儿园教师全员培训学时学分申报表(试行)';
export const FORM_FOOTERS = [
  '审核单位(盖章):                          审核人:              日期:',
  '说明:此表由学校汇总填写上报,学员年度学时学分的申报须按照《普洱市中小学教师全员培训管理办法(试行)》执行。',
];

const TOP = ['序号', '姓名', '性别', '身份证号码', '任教学段学科', '职称', '集中培训', '', '网络研修', '', '校本研修', '', '全年汇总', '', '备注'];
const SUB = ['', '', '', '', '', '', '学时', '学分', '学时', '学分', '学时', '学分', '总学时', '总学分', ''];

export type CellInput = ExcelJS.CellValue;

export interface FormRow {
  p: Person;
  /** 集中 学时/学分, 网络 学时/学分, 校本 学时/学分, as written in the cells. */
  v: CellInput[];
  /** Overrides of what the cells show; `null` leaves a cell blank. */
  name?: CellInput;
  gender?: CellInput;
  id?: CellInput;
  remarks?: CellInput;
  /** 全年汇总 as written; by default the sum of the numeric values. */
  total?: [CellInput, CellInput];
}

export type FormLine = FormRow | { blank: true } | { text: CellInput[] };

export interface Form {
  year: number | null;
  school: string;
  lines: FormLine[];
  /** Extra header labels after 备注 (e.g. `__proto__`). */
  extraHeaders?: string[];
  footers?: boolean;
}

/** Writes `form` from row 1; returns the sheet row of each entry of `form.lines`. */
export function fillForm(ws: ExcelJS.Worksheet, form: Form): number[] {
  const title = form.year === null ? FORM_TITLE : `${form.year}年度${FORM_TITLE}`;
  ws.getCell('A1').value = title;
  ws.getCell('A2').value = `学校(盖章):${form.school}`;
  ws.getCell('J2').value = '联系人及电话:';
  const top = [...TOP, ...(form.extraHeaders ?? [])];
  top.forEach((v, i) => v && (ws.getCell(3, i + 1).value = v));
  SUB.forEach((v, i) => v && (ws.getCell(4, i + 1).value = v));
  for (const c of ['A', 'B', 'C', 'D', 'E', 'F', 'O']) ws.mergeCells(`${c}3:${c}4`);
  for (const [a, b] of [['G', 'H'], ['I', 'J'], ['K', 'L'], ['M', 'N']]) ws.mergeCells(`${a}3:${b}3`);
  let row = 5;
  let seq = 0;
  const rows: number[] = [];
  for (const line of form.lines) {
    rows.push(row);
    if ('blank' in line) {
      row++;
      continue;
    }
    if ('text' in line) {
      line.text.forEach((v, i) => v !== null && v !== undefined && (ws.getCell(row, i + 1).value = v));
      row++;
      continue;
    }
    const n = (x: CellInput) => (typeof x === 'number' ? x : 0);
    const total = line.total ?? [n(line.v[0]) + n(line.v[2]) + n(line.v[4]), n(line.v[1]) + n(line.v[3]) + n(line.v[5])];
    const cells: CellInput[] = [
      ++seq,
      line.name === undefined ? line.p.name : line.name,
      line.gender === undefined ? line.p.gender : line.gender,
      line.id === undefined ? line.p.id : line.id,
      line.p.subject,
      line.p.title,
      ...line.v,
      ...total,
      line.remarks ?? null,
    ];
    cells.forEach((v, i) => v !== null && v !== undefined && v !== '' && (ws.getCell(row, i + 1).value = v));
    row++;
  }
  if (form.footers !== false) for (const f of FORM_FOOTERS) ws.getCell(row++, 1).value = f;
  return rows;
}
