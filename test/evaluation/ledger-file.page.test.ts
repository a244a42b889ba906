import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readXlsx } from '../../scripts/import/sheets';
import { renderPage, tap, waitFor } from '../support/page';
import { callAs, clearStorage, download, resetShown, setPersona, shown } from '../support/page-setup';

/*
 * 服务台账's 导出表格文件: the page asks case.ledgerFile for the range and unit, downloads the
 * 10-minute link (wx.downloadFile) and opens the XLSX (wx.openDocument, with the menu to forward
 * or save it). The file opened here is read back: the 接待登记表 headers, the case, the phone masked.
 */
const wxShim = (globalThis as unknown as { wx: Record<string, unknown> }).wx;
const opened: Array<{ filePath: string; fileType?: string; showMenu?: boolean }> = [];
const summary = `台账导出测试 ${Date.now().toString(36)}`;
let code = '';

beforeAll(async () => {
  code = (await callAs<{ code: string }>('demo-staff', 'case', 'register', {
    channel: 'hotline12348',
    category: 'consultation',
    summary,
    orgId: 'qs-station',
    applicant: { name: '导出老人', phone: '0999-2468024' },
  })).code;
  // What the phone does with a link and a file: fetch it to a temporary path, open it.
  wxShim.downloadFile = (o: { url: string; success(r: object): void; fail(e: object): void }) => {
    download(o.url).then(
      (bytes) => {
        const tempFilePath = path.join(os.tmpdir(), `ledger-${process.pid}-${Date.now()}.xlsx`);
        fs.writeFileSync(tempFilePath, bytes);
        o.success({ statusCode: 200, tempFilePath });
      },
      () => o.fail({ errMsg: 'downloadFile:fail' }),
    );
  };
  wxShim.openDocument = (o: { filePath: string; fileType?: string; showMenu?: boolean; success(): void }) => {
    opened.push({ filePath: o.filePath, fileType: o.fileType, showMenu: o.showMenu });
    o.success();
  };
});
afterAll(() => {
  delete wxShim.downloadFile;
  delete wxShim.openDocument;
});

beforeEach(() => {
  resetShown();
  clearStorage();
  setPersona('demo-staff');
});

it('exports this month’s ledger as an XLSX, downloads it and opens it', async () => {
  const page = renderPage('admin/case/ledger/index');
  await waitFor(page, (d) => d.loading === false);
  tap(page.querySelector('#export') ?? undefined);
  await waitFor(page, () => opened.length > 0 && page.data.exporting === false);
  expect(shown.functionCalls).toContain('case.ledgerFile');
  expect(opened[0]).toMatchObject({ fileType: 'xlsx', showMenu: true });
  const [sheet] = readXlsx(fs.readFileSync(opened[0]?.filePath ?? ''));
  expect(sheet?.headers).toEqual(['来访人姓名', '联系方式', '来访时间', '接待人员', '办理事项', '办理过程及结果', '接待人签名', '满意度调查', '案件编号', '办理单位']);
  const row = sheet?.rows.find((r) => r.cells['案件编号'] === code);
  expect(row?.cells['联系方式']).toBe('099*****8024');
  expect(shown.toasts.at(-1)?.title).toBe(`已导出${sheet?.rows.length}条`);
});
