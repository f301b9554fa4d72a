import { z } from 'zod';

/**
 * The JSON result (`--format json`), the canonical output every other output derives from.
 * docs/result.schema.json is generated from this (`npm run schema`); a test keeps them equal and
 * validates real output against it.
 */
const severity = z.enum(['error', 'warning', 'info']);
const amount = z.object({ hours: z.number(), credits: z.number() });
const shortfall = z.union([
  z.object({
    measure: z.enum(['hours', 'credits']),
    scope: z.enum(['concentrated', 'online', 'school', 'other', 'total']),
    topic: z.string().optional(),
    measured: z.number(),
    required: z.number(),
    missing: z.number(),
    part: z.array(z.string()).optional().describe('the part of the total that is short, where it is no mode: term keys (level.district, category.skills, part.it) or the rule file\'s words'),
  }),
  z
    .object({
      scope: z.literal('year'),
      year: z.number().int(),
      kind: z.enum(['failed', 'missing']).describe('failed: the year missed its annual minimums; missing: no return for a year the inputs cover'),
    })
    .describe('a year that fails the cycle (cycle.everyYear)'),
]);

const school = z.object({
  name: z.string(),
  year: z.number().int().nullable().describe('null for a cycle'),
  teachers: z.number().int().describe('audited teachers: exempt ones are in neither count'),
  incomplete: z.number().int(),
  exempt: z.number().int(),
  share: z.number().describe('incomplete ÷ teachers'),
  flagged: z.boolean(),
  behind: z.number().int().optional().describe('cycle: teachers behind pace'),
  indicators: z
    .object({
      overall: z.number().describe('总体完成率: teachers neither incomplete nor behind pace ÷ teachers'),
      concentrated: z.number().nullable().describe('集中培训完成率: teachers with one concentrated record reaching the minimum ÷ teachers (per-record inputs)'),
      selfSelected: z.number().nullable().describe('自主选课率: self-selected credits ÷ credits with a 选课方式'),
    })
    .optional(),
});

const amounts = z.record(z.string(), amount);

/** A skipped blank row, or a run of them as "first-last" (src/report/json.ts rowRuns). */
const BLANK_RUN = z.union([z.number().int(), z.string().regex(/^\d+-\d+$/)]);

export const resultSchema = z.object({
  tool: z.object({ name: z.literal('credit-audit'), version: z.string() }),
  rules: z.object({ id: z.string(), name: z.string(), source: z.string(), file: z.string(), yearStart: z.object({ month: z.number().int(), day: z.number().int() }).optional().describe('where the year starts when not 1 January: years are labelled by the year they start in') }),
  generatedAt: z.string().describe('ISO 8601 time of the run'),
  lang: z.enum(['zh', 'en']),
  targets: z
    .array(
      z.object({
        key: z.enum(['coverage', 'completion']),
        year: z.number().int(),
        count: z.number().int(),
        of: z.number().int(),
        share: z.number().describe('count ÷ of, in percent'),
        target: z.number().describe('the rule set\'s target, in percent'),
        met: z.boolean(),
        clause: z.string(),
      }),
    )
    .optional()
    .describe('the rule set\'s run-wide targets per year (rule file `targets`: coverage, completion)'),
  summary: z.object({
    teachers: z.number().int().describe('teacher-years counted (exempt included): complete + incomplete + exempt'),
    complete: z.number().int(),
    incomplete: z.number().int(),
    exempt: z.number().int(),
    setAside: z.number().int().describe('teacher rows read and not counted: repeated rows (status set-aside) and the rows of inputs set aside (inputs[].setAside)'),
    schools: z.number().int().describe('school-years audited: a school counts once a year (the cycle\'s schools are in cycle.schools)'),
    schoolsFlagged: z.number().int().describe('school-years flagged by the yearly checks'),
    cycleSchoolsFlagged: z.number().int().optional().describe('cycle audits: schools flagged over the cycle (cycle.schools[].flagged)'),
    distinctSchools: z.number().int().describe('schools, each counted once over every year and the cycle'),
    distinctSchoolsFlagged: z.number().int().describe('schools flagged in any year or over the cycle, each counted once (被标记 in the report\'s 汇总)'),
    findings: z.object({ error: z.number().int(), warning: z.number().int(), info: z.number().int() }),
    inputErrors: z.number().int().describe('inputs that could not be audited (exit 2)'),
  }),
  inputs: z.array(
    z.object({
      file: z.string(),
      sha256: z.string(),
      format: z.enum(['xlsx', 'csv', 'xls', 'xlsb', 'ods', 'et']).describe('what the bytes are: xls is BIFF (Excel 97–2003, Excel 95, WPS), et a WPS binary .et; an OOXML .et reads as xlsx'),
      encoding: z.string().optional().describe('CSV only: utf-8-bom, utf-8, utf-16le, utf-16be or gb18030'),
      delimiter: z.enum(['semicolon', 'tab']).optional().describe('CSV only, when the delimiter found from the header is not a comma'),
      year: z.number().int().nullable(),
      yearSource: z.enum(['title', 'file-name', 'option', 'column']).nullable(),
      years: z.array(z.number().int()).describe('every year the input holds data for'),
      school: z.string(),
      schoolSource: z.enum(['form', 'file-name', 'column']).nullable(),
      rowsRead: z.number().int().describe('= records + every skipped row'),
      records: z.number().int().describe('rows that became data: teacher rows of a form, credit records of an export'),
      teachers: z.number().int().describe('teacher-years'),
      skipped: z.object({
        blank: z.array(BLANK_RUN).describe('a blank row alone is its number; two or more in a row are one "first-last" string'),
        total: z.array(z.number().int()),
        footer: z.array(z.number().int()),
        notUnderstood: z.array(z.number().int()),
        notRecognised: z.array(z.number().int()).describe('records whose 审核状态 is not a recognised one'),
      }),
      notRecognisedByStatus: z.record(z.string(), z.array(z.number().int())),
      sheets: z.array(z.object({ sheet: z.string(), shape: z.string(), rowsRead: z.number().int(), records: z.number().int(), teachers: z.number().int(), notRecognised: z.record(z.string(), z.array(z.number().int())).optional(), headerRow: z.number().int(), skipped: z.record(z.string(), z.array(BLANK_RUN)) })),
      skippedSheets: z
        .array(
          z.object({
            sheet: z.string(),
            reason: z.enum(['hidden', 'hidden-form', 'empty', 'not-a-form']),
            labels: z.array(z.string()).optional().describe('not-a-form: the header labels found'),
            message: z.string(),
          }),
        )
        .describe('sheets not audited, each with the reason: hidden, holding a hidden form, empty, or not a form'),
      setAside: z
        .array(
          z.object({
            reason: z.enum(['same-content', 'resent']),
            kept: z.string().describe('the input counted instead'),
            school: z.string().nullable().describe('resent: the school whose year is set aside; same-content: null (the whole input)'),
            year: z.number().int().nullable(),
            teachers: z.number().int().describe('teacher rows of the part, read and not counted'),
          }),
        )
        .describe('parts of the input not counted: the same bytes as another input (same-content), or a school\'s year another input modified later also holds (resent)'),
      error: z.object({ messageId: z.string(), data: z.record(z.string(), z.union([z.string(), z.number()])), message: z.string() }).nullable(),
    }),
  ),
  skippedFiles: z
    .array(
      z.object({
        file: z.string(),
        reason: z.enum(['own-report', 'annotated-copy', 'lock-file', 'hidden', 'pdf', 'word', 'image', 'archive', 'other', 'special']),
        message: z.string(),
      }),
    )
    .describe(
      'files met and not audited, each with the reason: a report or an unchanged annotated copy credit-audit wrote (marked in docProps/core.xml), and every file a folder holds that is not a return (a lock file, a hidden file, a PDF, a Word document, an image, an archive, any other type, or no regular file at all: a pipe, a socket, a device, a broken link)',
    ),
  schools: z.array(school),
  teachers: z.array(
    z.object({
      id: z.string().describe('身份证号 (masked with --mask-ids)'),
      name: z.string(),
      school: z.string(),
      year: z.number().int(),
      status: z.enum(['complete', 'incomplete', 'exempt', 'set-aside']).describe('set-aside: another row of the teacher\'s year counts instead (setAside names it)'),
      shortfalls: z.array(shortfall),
      counted: z.record(z.string(), amount),
      declared: z.object({ hours: z.number().nullable(), credits: z.number().nullable() }),
      file: z.string(),
      sheet: z.string(),
      row: z.number().int(),
      setAside: z
        .object({
          reason: z.enum(['same-school', 'other-school']).describe('the teacher again in the school\'s return, or in another school\'s return, for the year'),
          identical: z.boolean().describe('the two rows hold the same figures'),
          school: z.string(),
          file: z.string(),
          sheet: z.string(),
          row: z.number().int(),
        })
        .nullable()
        .describe('status set-aside: the row that counts instead (the one with the most hours)'),
    }),
  ),
  findings: z.array(
    z.object({
      check: z.string(),
      severity,
      school: z.string(),
      year: z.number().int().nullable(),
      teacherId: z.string(),
      teacherName: z.string(),
      file: z.string().nullable(),
      sheet: z.string().nullable(),
      cell: z.string().nullable(),
      row: z.number().int().nullable(),
      messageId: z.string(),
      data: z.record(z.string(), z.union([z.string(), z.number()])),
      message: z.string(),
      clause: z.string(),
      period: z.string().optional().describe('cycle findings: START-END'),
      shortfall: shortfall.optional(),
    }),
  ),
  cycle: z
    .object({
      start: z.number().int(),
      end: z.number().int(),
      asOf: z.number().int().describe('the audit year'),
      ended: z.boolean().describe('END ≤ the audit year: missed minimums are incomplete, not behind'),
      elapsed: z.number().int(),
      length: z.number().int(),
      yearsFound: z.array(z.number().int()),
      yearsWithoutInput: z.array(z.number().int()),
      summary: z.object({ teachers: z.number().int(), complete: z.number().int(), inProgress: z.number().int(), behind: z.number().int(), incomplete: z.number().int(), exempt: z.number().int() }),
      schools: z.array(school),
      teachers: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          school: z.string().describe('the school of the latest year'),
          status: z.enum(['complete', 'incomplete', 'behind', 'in-progress', 'exempt']),
          shortfalls: z.array(shortfall),
          toDate: amounts,
          years: z.array(z.object({ year: z.number().int(), school: z.string(), counted: amounts, exempt: z.boolean() })),
          missingYears: z.array(z.number().int()),
          moves: z.array(z.object({ year: z.number().int(), from: z.string(), to: z.string() })),
          joined: z.number().int().optional().describe('the year the teacher joined inside the cycle, where it reduces what they owe (an exempt first year, or 入职年度 where the rule set reads it: cycle.joiners); absent otherwise'),
          given: z
            .object({ joined: z.number().int().optional(), titled: z.number().int().optional() })
            .optional()
            .describe('入职年度 (joined) and 职称评定年度 (titled) as the input gives them (records layout); absent where none does'),
        }),
      ),
    })
    .nullable()
    .describe('present when a cycle was audited'),
});

export function resultJsonSchema(): unknown {
  return z.toJSONSchema(resultSchema);
}
