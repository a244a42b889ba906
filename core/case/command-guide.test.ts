import { afterCommandLine, COMMAND_GUIDE, WORKER_STATUS_HINTS } from './command-guide';
import { STATUS_HINTS } from './labels';
import { CASE_STATUSES } from './statuses';

describe('the case page’s command guide', () => {
  it('asks again before each irreversible step, and only those', () => {
    const confirmed = Object.entries(COMMAND_GUIDE).filter(([, g]) => g.confirm).map(([type]) => type);
    expect(confirmed.sort()).toEqual(['accept', 'reject', 'withdraw']);
  });

  it('never gives a worker the resident’s hint', () => {
    for (const status of CASE_STATUSES) expect(WORKER_STATUS_HINTS[status]).not.toBe(STATUS_HINTS[status]);
  });

  it('says where a triage or transfer sent the case, not the status it kept', () => {
    const unitName = (id: string) => ({ qs: '青石镇公共法律服务工作站', dp: '东坡村公共法律服务工作室' })[id] ?? id;
    const after = { status: 'received' as const, orgId: 'qs', handlerName: null, transferTo: null };
    expect(afterCommandLine('triage', after, unitName)).toBe('已分流到青石镇公共法律服务工作站');
    expect(afterCommandLine('transfer', { ...after, status: 'transferPending', transferTo: 'dp' }, unitName)).toContain('东坡村公共法律服务工作室');
    expect(afterCommandLine('resolve', { ...after, status: 'resolved' }, unitName)).toBe('已办结');
    expect(afterCommandLine('addNote', { ...after, status: 'inProgress' }, unitName)).toBe('已添加记录，现在：办理中');
  });
});
