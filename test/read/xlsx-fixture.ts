import { writeFileSync } from 'node:fs';
import yazl from 'yazl';

/**
 * A hand-made workbook holding the SpreadsheetML forms that exceljs never writes but WPS, Excel
 * and other tools do: inline strings and inline rich text, `str` formulas, booleans, errors,
 * dates by built-in and custom formats, entities, phonetic runs, a
 * hidden sheet, the shared strings placed after the sheets.
 */
export function writeQuirkWorkbook(file: string): Promise<void> {
  const sheet1 = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<dimension ref="A1:H9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><cols><col min="1" max="1" width="9"/></cols>
<sheetData>
<row r="1" spans="1:8"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t xml:space="preserve"> 崔 &amp; 文 </t></is></c></row>
<row r="2"><c r="A2" t="inlineStr"><is><r><rPr><b/></rPr><t>崔</t></r><r><rPr><color rgb="FFFF0000"/></rPr><t>文</t></r></is></c><c r="B2"><v>24</v></c><c r="C2" t="n"><v>26.4</v></c><c r="E2" t="b"><v>1</v></c><c r="F2" t="e"><v>#N/A</v></c></row>
<row r="3"><c r="A3" s="1"><v>45658</v></c><c r="B3" s="2"><v>45658.5</v></c><c r="C3" s="3"><v>12</v></c><c r="D3"><f>B2+C2</f><v>50.4</v></c><c r="E3" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="F3"><f>1/0</f></c><c r="G3" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>
<row r="5" s="1" customFormat="1"><c r="A5" s="1"/><c r="B5" s="3"/></row>
<row r="6"/>
<row r="7"><c r="A7" t="s"><v>3</v></c><c r="B7"><v>7</v></c><c r="E7" t="str"><v>x&amp;lt;y</v></c></row>
<row r="8"><c r="A8" t="s"><v>4</v></c><c r="B8" t="inlineStr"><is><t/></is></c><c r="C8" t="s"><v>5</v></c><c r="D8" t="inlineStr"><is><t>_x000D_keep</t></is></c></row>
<row r="9"><c r="A9" t="b"><f>TRUE()</f><v>0</v></c><c r="B9" s="0"><v>0</v></c><c r="C9" t="s"><v>6</v></c><c r="D9"><v>-1.5E-3</v></c></row>
</sheetData><mergeCells count="1"><mergeCell ref="F1:G1"/></mergeCells><rowBreaks count="1" manualBreakCount="1"><brk id="3" max="16383" man="1"/></rowBreaks>
</worksheet>`;
  const sheet2 = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>hidden</t></is></c></row></sheetData></worksheet>`;
  const shared = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="7" uniqueCount="7">
<si><t>序号</t></si><si><t xml:space="preserve">姓
名</t></si><si><r><t>身份证</t></r><r><rPr><b/></rPr><t>号码</t></r></si>
<si><t>张三</t><rPh sb="0" eb="2"><t>ちょうさん</t></rPh><phoneticPr fontId="1"/></si><si><t>A&lt;B&gt;&quot;&apos;&#20013;&#x6587;_x0041_</t></si><si><t/></si><si><t>92</t></si></sst>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<numFmts count="2"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="177" formatCode="0.0_ &quot;学时&quot;"/></numFmts>
<fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="14" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment horizontal="center"/></xf><xf numFmtId="177" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
</styleSheet>`;
  const workbook = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><bookViews><workbookView/></bookViews><sheets><sheet name="申报表" sheetId="1" r:id="rId1"/><sheet name="隐藏" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const contentTypes = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
  const rootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
  const zip = new yazl.ZipFile();
  const add = (name: string, text: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name);
  add('[Content_Types].xml', contentTypes);
  add('_rels/.rels', rootRels);
  add('xl/workbook.xml', workbook);
  add('xl/_rels/workbook.xml.rels', rels);
  add('xl/worksheets/sheet1.xml', sheet1);
  add('xl/worksheets/sheet2.xml', sheet2);
  add('xl/styles.xml', styles);
  add('xl/sharedStrings.xml', shared);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => {
      writeFileSync(file, Buffer.concat(chunks));
      resolve();
    });
    zip.outputStream.on('error', reject);
  });
}
