import { execute } from './machine';
import type { CaseCommand, CaseEvent, CaseState } from './types';
import { STATION, at, ctx, fileOf, newCase, people, type Who } from './testing';
import { LEDGER_COLUMNS, applicantTimeline, ledgerRow, staffTimeline } from './views';

function drive(start: { state: CaseState; events: CaseEvent[] }, steps: Array<[Who, CaseCommand]>) {
  let { state } = start;
  const events = [...start.events];
  steps.forEach(([who, command], i) => {
    const out = execute(state, command, ctx(who, at(60 * (i + 1))));
    state = out.state;
    events.push(...out.events);
  });
  return { state, events };
}

const handler = { openid: people.handler.openid, name: people.handler.name };

const fullStory = (): Array<[Who, CaseCommand]> => [
  ['reception', { type: 'triage', priorityGroups: ['elderly', 'veteran'] }],
  ['reception', { type: 'recordMaterials', kind: 'received', items: [{ name: '宅基地证', count: 2 }] }],
  ['reception', { type: 'assign', handler }],
  ['reception', { type: 'recordMaterials', kind: 'handedOver', items: [{ name: '宅基地证', count: 2 }], counterpart: '张律师' }],
  ['handler', { type: 'accept' }],
  ['handler', { type: 'recordMaterials', kind: 'signedFor', items: [{ name: '宅基地证', count: 2 }] }],
  ['handler', { type: 'start' }],
  ['handler', { type: 'addNote', text: '对方当事人态度强硬', visibility: 'internal' }],
  ['handler', { type: 'transfer', toOrgId: STATION, reason: '属地调解' }],
  ['stationStaff', { type: 'declineTransfer', reason: '涉及两个乡镇，请中心调解' }],
  ['handler', { type: 'requestMaterials', items: ['土地承包合同', '村委会证明'] }],
  ['proxy', { type: 'supplyMaterials', items: ['土地承包合同', '村委会证明'] }],
  ['handler', { type: 'resolve', result: '双方签订调解协议，界桩已重新确认' }],
  ['applicant', { type: 'evaluate', satisfaction: 5, comment: '很耐心' }],
];

describe('applicantTimeline', () => {
  it('shows the applicant their steps in plain Chinese and hides internal ones', () => {
    const { events } = drive(newCase(), fullStory());
    const timeline = applicantTimeline(events);
    expect(timeline.map((e) => e.title)).toEqual([
      '已受理',
      '已分流',
      '材料接收',
      '已安排工作人员',
      '材料移交',
      '工作人员已签收',
      '材料签收',
      '开始办理',
      '转交其他单位办理',
      '由原单位继续办理',
      '请补充材料（一次性告知）',
      '已补交材料',
      '已办结',
      '已评价',
    ]);
    const text = JSON.stringify(timeline);
    expect(text).not.toContain('对方当事人态度强硬');
    expect(text).not.toContain('涉及两个乡镇');
    expect(timeline.find((e) => e.title.startsWith('请补充材料'))?.detail).toBe('需要补充：土地承包合同、村委会证明');
  });

  it('gives staff the whole story with the decline reason', () => {
    const { events } = drive(newCase(), fullStory());
    const staff = staffTimeline(events);
    expect(staff).toHaveLength(events.length);
    expect(staff.find((e) => e.title === '由原单位继续办理')?.detail).toBe('town-station退回，理由：涉及两个乡镇，请中心调解');
    // With the directory at hand, units read by name.
    const named = staffTimeline(events, (id) => (id === 'town-station' ? '青石镇工作站' : id));
    expect(named.find((e) => e.title === '转交其他单位办理')?.detail).toBe('转给青石镇工作站；理由：属地调解');
    expect(named.find((e) => e.title === '由原单位继续办理')?.detail).toBe('青石镇工作站退回，理由：涉及两个乡镇，请中心调解');
  });

  it('says when the timer deemed a case withdrawn', () => {
    const { events } = drive(newCase(), [
      ['reception', { type: 'accept' }],
      ['reception', { type: 'requestMaterials', items: ['收入证明'] }],
      ['system', { type: 'withdraw' }],
    ]);
    expect(applicantTimeline(events).at(-1)).toMatchObject({ title: '逾期未补齐材料，视为撤回', by: '系统' });
  });
});

describe('ledgerRow (服务台账, 接待登记表)', () => {
  it('derives every column of the 接待登记表 from the case and its events', () => {
    const { state, events } = drive(newCase(), fullStory());
    const row = ledgerRow(state, events);
    expect(Object.keys(row).sort()).toEqual(Object.keys(LEDGER_COLUMNS).sort());
    expect(row.visitorName).toBe('王大爷（儿子王小明代办）');
    // Masked even for a case stored before phones were sealed: full numbers come only from case.contact.
    expect(row.contact).toBe('138****0000；代办人139****0000');
    expect(row.visitedAt).toEqual(state.receivedAt);
    // Self-service intake: the first worker to touch it received the visitor.
    expect(row.receptionist).toBe('李前台');
    expect(row.matter).toBe('人民调解（小程序）：邻里宅基地边界纠纷');
    expect(row.processAndResult).toContain('材料移交（宅基地证×2，交接人：张律师）');
    expect(row.processAndResult).toContain('结果：双方签订调解协议，界桩已重新确认');
    expect(row.receptionistSignature).toBe('张律师（电子记录）');
    expect(row.satisfaction).toBe('5分 非常满意：很耐心');
  });

  it('names the worker who registered a walk-in and marks an open case as unsigned', () => {
    const start = newCase({ channel: 'walkIn', applicant: { openid: null, name: '李奶奶', phone: '0710-1234567' }, proxy: null }, 'other');
    const { state, events } = drive(start, [['other', { type: 'accept' }]]);
    const row = ledgerRow(state, events);
    expect(row.receptionist).toBe('赵顾问');
    expect(row.visitorName).toBe('李奶奶');
    expect(row.receptionistSignature).toBe('');
    expect(row.satisfaction).toBe('未评价');
    expect(row.processAndResult).toContain('当前：已签收');
  });
});

describe('files in the timelines and the ledger', () => {
  const walkIn = { channel: 'walkIn' as const, applicant: { openid: null, name: '李奶奶', phone: '0710-1234567' }, proxy: null };

  it('shows the applicant their files on the step that brought them, and the signature to workers only', () => {
    const start = newCase({ ...walkIn, attachments: [fileOf('reception', 1)], signature: fileOf('reception', 9) }, 'reception');
    const { events } = drive(start, [['reception', { type: 'addFiles', files: [fileOf('reception', 2)], visibility: 'applicant' }]]);
    const mine = applicantTimeline(events);
    expect(mine.map((e) => [e.title, e.files.map((f) => f.name)])).toEqual([
      ['已受理', ['照片1']],
      ['上传了材料', ['照片2']],
    ]);
    expect(staffTimeline(events)[0]?.files.map((f) => f.name)).toEqual(['照片1', '接待人签名']);
  });

  it('names the receptionist as having signed by hand when the registration carries a signature', () => {
    const { state, events } = newCase({ ...walkIn, signature: fileOf('reception') }, 'reception');
    expect(ledgerRow(state, events).receptionistSignature).toBe('李前台（手写签名）');
  });
});
