/**
 * The import template (docs/import-template.xlsx): the three sheets with their headers and a small
 * example county (示例县) to overwrite. `npx tsx scripts/import/template.ts` writes it; a test holds
 * the committed file to what this writes. Its holiday sheet is the 2026 schedule as chinese-days
 * publishes it (the State Council notice), so importing the template unchanged harms no calendar.
 */
import fs from 'node:fs';
import path from 'node:path';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { HOLIDAY_HEADERS, PEOPLE_HEADERS, SHEET_NAMES, UNIT_HEADERS } from './county';
import { PROVIDER_HEADERS, PROVIDER_SHEET } from './providers';
import { writeXlsx } from './sheets';

export const TEMPLATE_FILE = path.resolve(__dirname, '..', '..', 'docs', 'import-template.xlsx');

const DUTY = '提供法律咨询、人民调解、法律援助申请受理和法治宣传';
const unit = (id: string, tier: string, parent: string, name: string, address: string, services: string, person: string, phone: string, hours: string, lng: string, lat: string) => [
  id,
  tier,
  parent,
  name,
  address,
  services,
  DUTY,
  person,
  phone,
  hours,
  '0999-12348',
  lng,
  lat,
];

export function templateSheets(): Array<{ name: string; rows: string[][] }> {
  const year = 2026;
  const days = (table: Record<string, string>, kind: string) =>
    Object.keys(table)
      .filter((d) => d.startsWith(`${year}-`))
      .map((d) => [String(year), d, kind, '国务院办公厅关于2026年部分节假日安排的通知']);
  return [
    {
      name: SHEET_NAMES.units,
      rows: [
        [...UNIT_HEADERS],
        unit('sl-center', '中心', '', '示例县公共法律服务中心', '示例县城关镇人民路1号', '法律咨询、法律援助、人民调解、公证服务、投诉建议', '赵主任', '0999-5551234', '周一至周五 9:00-17:00', '87.6177', '43.7928'),
        unit('sl-chengguan', '工作站', 'sl-center', '城关镇公共法律服务工作站', '城关镇司法所', '法律咨询、人民调解、法律援助', '钱所长', '0999-5552345', '周一至周五 9:00-17:00', '87.6201', '43.7951'),
        unit('sl-hexi', '工作站', 'sl-center', '河西乡公共法律服务工作站', '河西乡司法所', '法律咨询、人民调解', '孙所长', '0999-5553456', '周一至周五 9:00-17:00', '87.5803', '43.8102'),
        unit('sl-dongguan', '工作室', 'sl-chengguan', '东关村公共法律服务工作室', '东关村村委会', '法律咨询、人民调解、法治宣传', '李律师', '13800001001', '每周二 9:00-12:00', '87.6254', '43.7989'),
        unit('sl-nanjie', '工作室', 'sl-chengguan', '南街社区公共法律服务工作室', '南街社区居委会', '法律咨询、人民调解', '李律师', '13800001001', '每周四 9:00-12:00', '87.6189', '43.7902'),
        unit('sl-liushu', '工作室', 'sl-hexi', '柳树村公共法律服务工作室', '柳树村村委会', '法律咨询、人民调解、法治宣传', '周律师', '13800001002', '每周三 14:30-17:30', '87.5712', '43.8155'),
      ],
    },
    {
      name: SHEET_NAMES.people,
      rows: [
        [...PEOPLE_HEADERS],
        ['李明律师', '13800001001', '法律顾问', 'sl-dongguan、sl-nanjie', '30'],
        ['周华律师', '13800001002', '法律顾问', 'sl-liushu', '30'],
        ['吴静', '13800001003', '工作人员', 'sl-center', '30'],
        ['钱立', '13800001004', '负责人', 'sl-chengguan', '30'],
      ],
    },
    { name: SHEET_NAMES.holidays, rows: [[...HOLIDAY_HEADERS], ...days(chineseDays.holidays, '放假'), ...days(chineseDays.workdays, '上班')] },
    {
      name: PROVIDER_SHEET,
      rows: [
        [...PROVIDER_HEADERS],
        ['sl-notary', '公证处', '示例县公证处', '公证服务', '示例县城关镇人民路3号', '0999-5556789', '周一至周五 9:00-17:00', '公证机构执业证 0999001', '', '', '87.6183', '43.7931', ''],
        ['sl-lawfirm', '律师事务所', '示例县明理律师事务所', '律师服务、法律咨询', '示例县城关镇建设路9号', '0999-5557890', '周一至周五 9:00-18:00', '31099900000002', '2025年度考核称职', 'sl-chengguan', '87.6215', '43.7944', ''],
      ],
    },
  ];
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  fs.writeFileSync(TEMPLATE_FILE, writeXlsx(templateSheets()));
  console.log(`wrote ${path.relative(process.cwd(), TEMPLATE_FILE)}`);
}
