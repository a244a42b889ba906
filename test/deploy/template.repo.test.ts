import fs from 'node:fs';
import { importCounty, SHEET_NAMES } from '../../scripts/import/county';
import { PROVIDER_SHEET } from '../../scripts/import/providers';
import { parseCsv, readXlsx, writeXlsx } from '../../scripts/import/sheets';
import { TEMPLATE_FILE, templateSheets } from '../../scripts/import/template';

it('docs/import-template.xlsx is what scripts/import/template.ts writes (regenerate it with npx tsx scripts/import/template.ts)', () => {
  expect(Buffer.from(writeXlsx(templateSheets())).equals(fs.readFileSync(TEMPLATE_FILE))).toBe(true);
});

it('reads back its sheets, headers and line numbers', () => {
  const sheets = readXlsx(fs.readFileSync(TEMPLATE_FILE));
  expect(sheets.map((s) => s.name)).toEqual([...Object.values(SHEET_NAMES), PROVIDER_SHEET]);
  const [units] = sheets;
  expect(units?.rows[0]).toMatchObject({ line: 2, cells: { 编号: 'sl-center', 层级: '中心', 上级编号: '' } });
  expect(sheets[2]?.rows.length).toBe(33 + 6);
});

it('parses quoted CSV fields with commas, quotes and line breaks', () => {
  expect(parseCsv('a,"b,c","say ""hi""","two\r\nlines"\r\nx,,z\r\n')).toEqual([
    ['a', 'b,c', 'say "hi"', 'two\r\nlines'],
    ['x', '', 'z'],
  ]);
});

it('rejects a sheet it cannot place, naming it', async () => {
  const noStore = new Proxy({}, { get: () => () => Promise.reject(new Error('no database needed')) });
  const report = await importCounty([{ name: 'Sheet9', headers: ['foo'], rows: [{ line: 2, cells: { foo: 'x' } }] }], noStore as never);
  expect(report.rejected).toEqual([{ sheet: 'Sheet9', line: 1, reason: 'unknown_sheet', message: expect.any(String) }]);
});
