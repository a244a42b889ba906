import { AppError } from '../api/errors';
import { createWorkCalendar } from '../calendar';
import { isPaused } from '../clock';
import { caseDueAt } from './deadline';
import { availableCommands } from './guard';
import { STATUS_HINTS, STATUS_LABELS } from './labels';
import { decide, intake, replay } from './machine';
import { CENTER, STATION, Story, at, ctx, fileOf, inProgress, intakeInput, newCase, people, refusal } from './testing';

/** For a call that throws: the refusal it must throw, by code and reason. */
const throwsRefusal = (code: AppError['code'], reason: string) => expect.objectContaining(refusal(code, reason));

const handler = { openid: people.handler.openid, name: people.handler.name };
const other = { openid: people.other.openid, name: people.other.name };

describe('intake', () => {
  it('registers a 代办 application as received with the green channel and the category limit', () => {
    const { state, events } = newCase();
    expect(state.status).toBe('received');
    expect(STATUS_LABELS[state.status]).toBe('已受理');
    expect(state.priority).toBe('green');
    expect(state.clock.limit).toEqual({ amount: 30, unit: 'calendarDays' });
    expect(state.proxy?.relation).toBe('儿子');
    expect(events[0]?.visibility).toBe('applicant');
  });

  it('refuses a code that belongs to another category', () => {
    expect(() => intake(intakeInput({ code: 'ZX202603020001' }), ctx('proxy', at(0)))).toThrow(
      throwsRefusal('VALIDATION_FAILED', 'code_category_mismatch'),
    );
  });

  it('refuses a resident applying in somebody else’s name without saying 代办', () => {
    expect(() => intake(intakeInput({ proxy: null }), ctx('stranger', at(0)))).toThrow(throwsRefusal('FORBIDDEN', 'undeclared_proxy'));
  });

  it('lets only workers register walk-in and hotline requests', () => {
    expect(() => intake(intakeInput({ channel: 'walkIn' }), ctx('applicant', at(0)))).toThrow(throwsRefusal('FORBIDDEN', 'worker_channel'));
    const event = intake(intakeInput({ channel: 'walkIn', applicant: { openid: null, name: '李奶奶', phone: '0710-1234567' }, proxy: null }), ctx('reception', at(0)));
    expect(replay([event]).receivedBy.name).toBe('李前台');
  });
});

describe('assign, accept, start', () => {
  it('walks received → assigned → accepted → inProgress and fixes the first handler', () => {
    const story = new Story().do('reception', { type: 'assign', handler });
    expect(story.state.status).toBe('assigned');
    expect(story.state.firstHandler).toEqual(handler);
    story.do('handler', { type: 'accept' });
    expect(story.state.status).toBe('accepted');
    story.do('handler', { type: 'start' });
    expect(story.state.status).toBe('inProgress');
    expect(STATUS_HINTS.inProgress).toContain('有进展会通知您');
  });

  it('lets only the assigned person sign for it', () => {
    const story = new Story().do('reception', { type: 'assign', handler });
    expect(story.fails('other', { type: 'accept' })).toMatchObject(refusal('FORBIDDEN', 'not_assignee'));
  });

  it('lets whoever is on duty take a fresh case on the spot and become its first handler', () => {
    const story = new Story().do('other', { type: 'accept' });
    expect(story.state.handler).toEqual(other);
    expect(story.state.firstHandler).toEqual(other);
  });

  it('keeps the first handler through a reassignment (改派)', () => {
    const story = inProgress().do('supervisor', { type: 'assign', handler: other });
    expect(story.state.status).toBe('assigned');
    expect(story.state.handler).toEqual(other);
    expect(story.state.firstHandler).toEqual(handler);
  });

  it('refuses to start a case nobody has signed for', () => {
    const story = new Story().do('reception', { type: 'assign', handler });
    expect(story.fails('handler', { type: 'start' })).toMatchObject(refusal('INVALID_STATE', 'wrong_status'));
  });
});

describe('triage', () => {
  it('changes category, priority and unit without moving the case, and the limit follows the category', () => {
    const story = new Story().do('reception', { type: 'triage', category: 'legalAid', priorityGroups: [], orgId: STATION });
    expect(story.state.status).toBe('received');
    expect(story.state.category).toBe('legalAid');
    expect(story.state.priority).toBe('normal');
    expect(story.state.orgId).toBe(STATION);
    expect(story.state.clock.limit).toEqual({ amount: 7, unit: 'calendarDays' });
    expect(story.state.code).toBe('TJ202603020001'); // 一案一码: the code never changes
    // Seed 002 §(五): progress reaches the resident at every step, routing included.
    expect(story.last.visibility).toBe('applicant');
  });

  it('is refused once the case is being worked on', () => {
    expect(inProgress().fails('reception', { type: 'triage', priorityGroups: [] })).toMatchObject(refusal('INVALID_STATE', 'wrong_status'));
  });

  it('is refused to residents', () => {
    expect(new Story().fails('applicant', { type: 'triage', priorityGroups: [] })).toMatchObject(refusal('FORBIDDEN', 'not_permitted'));
  });
});

describe('notes and materials', () => {
  it('adds notes without changing the status; residents cannot write hidden ones', () => {
    const story = inProgress().do('handler', { type: 'addNote', text: '已电话联系对方当事人', visibility: 'internal' });
    expect(story.state.status).toBe('inProgress');
    expect(story.last.visibility).toBe('internal');
    story.do('applicant', { type: 'addNote', text: '我周三下午有空', visibility: 'internal' });
    expect(story.last.visibility).toBe('applicant');
  });

  it('records receive, hand-over and sign-for as itemised events', () => {
    const story = new Story()
      .do('reception', { type: 'recordMaterials', kind: 'received', items: [{ name: '身份证复印件', count: 1 }, { name: '宅基地证', count: 2 }] })
      .do('reception', { type: 'recordMaterials', kind: 'handedOver', items: [{ name: '宅基地证', count: 2 }], counterpart: '张律师' })
      .do('handler', { type: 'recordMaterials', kind: 'signedFor', items: [{ name: '宅基地证', count: 2 }] });
    expect(story.events.map((e) => e.type)).toEqual(['received', 'materialsRecorded', 'materialsRecorded', 'materialsRecorded']);
    // 前店后厂: the applicant follows their papers through every hand-over.
    expect(story.events.map((e) => e.visibility)).toEqual(['applicant', 'applicant', 'applicant', 'applicant']);
    expect(story.state.status).toBe('received');
  });

  it('refuses an empty or duplicated material list', () => {
    const story = new Story();
    expect(story.fails('reception', { type: 'recordMaterials', kind: 'received', items: [] })).toMatchObject(refusal('VALIDATION_FAILED', 'items_missing'));
    expect(
      story.fails('reception', { type: 'recordMaterials', kind: 'received', items: [{ name: 'A', count: 1 }, { name: 'A ', count: 1 }] }),
    ).toMatchObject(refusal('VALIDATION_FAILED', 'material_list_repeats'));
  });
});

describe('files on a case', () => {
  it('keeps what came at intake, what was supplied and what was added later, in order', () => {
    const story = inProgress({ attachments: [fileOf('proxy', 1)] });
    expect(story.state.files).toEqual([fileOf('proxy', 1)]);
    story
      .do('handler', { type: 'requestMaterials', items: ['收入证明'] })
      .do('proxy', { type: 'supplyMaterials', items: ['收入证明'], files: [fileOf('proxy', 2), fileOf('proxy', 2)] })
      .do('applicant', { type: 'addFiles', files: [fileOf('applicant', 3)] });
    expect(story.state.files.map((f) => f.fileID)).toEqual([fileOf('proxy', 1), fileOf('proxy', 2), fileOf('applicant', 3)].map((f) => f.fileID));
    expect(replay(story.events)).toEqual(story.state);
  });

  it("refuses a file from somebody else's uploads, so a case cannot hand out another person's papers", () => {
    const story = inProgress();
    const notOwn = refusal('VALIDATION_FAILED', 'not_own_upload');
    expect(story.fails('applicant', { type: 'addFiles', files: [fileOf('stranger')] })).toMatchObject(notOwn);
    expect(() => intake(intakeInput({ attachments: [fileOf('applicant')] }), ctx('proxy', at(0)))).toThrow(expect.objectContaining(notOwn));
    expect(story.fails('applicant', { type: 'addFiles', files: [] })).toMatchObject(refusal('VALIDATION_FAILED', 'files_missing'));
  });

  it('takes the receptionist signature only from a worker registering the case', () => {
    const walkIn = { channel: 'walkIn' as const, applicant: { openid: null, name: '李奶奶', phone: '0710-1234567' }, proxy: null };
    const signed = newCase({ ...walkIn, signature: fileOf('reception') }, 'reception');
    expect(signed.state.signature).toEqual(fileOf('reception'));
    expect(signed.state.files).toEqual([]);
    expect(() => intake(intakeInput({ signature: fileOf('proxy') }), ctx('proxy', at(0)))).toThrow(throwsRefusal('FORBIDDEN', 'signature_by_worker'));
  });

  it("keeps a worker's files from the applicant unless the worker shares them; the applicant's own are always theirs", () => {
    const story = inProgress()
      .do('handler', { type: 'addFiles', files: [fileOf('handler', 1)] })
      .do('handler', { type: 'addFiles', files: [fileOf('handler', 2)], visibility: 'applicant' })
      .do('applicant', { type: 'addFiles', files: [fileOf('applicant', 3)], visibility: 'internal' });
    expect(story.state.internalFiles).toEqual([fileOf('handler', 1)]);
    expect(story.state.files).toEqual([fileOf('handler', 2), fileOf('applicant', 3)]);
    expect(replay(story.events)).toEqual(story.state);
  });

  it('accepts files while the case is open and not after it is closed', () => {
    const story = inProgress().do('handler', { type: 'resolve', result: '已答复' });
    expect(story.fails('applicant', { type: 'addFiles', files: [fileOf('applicant')] })).toMatchObject(refusal('INVALID_STATE', 'wrong_status'));
  });
});

describe('一次性告知 of missing materials', () => {
  it('pauses the clock while waiting and resumes it when the materials come', () => {
    const story = inProgress().do('handler', { type: 'requestMaterials', items: ['收入证明', '户口簿'] });
    expect(story.state.status).toBe('awaitingMaterials');
    expect(story.state.missingMaterials).toEqual(['收入证明', '户口簿']);
    expect(isPaused(story.state.clock)).toBe(true);
    expect(caseDueAt(story.state, createWorkCalendar())).toBeNull();
    story.do('proxy', { type: 'supplyMaterials', items: ['收入证明'] });
    expect(story.state.status).toBe('inProgress');
    expect(isPaused(story.state.clock)).toBe(false);
    expect(story.state.missingMaterials).toEqual(['户口簿']);
    expect(caseDueAt(story.state, createWorkCalendar())).toBeInstanceOf(Date);
  });

  it('is allowed only once per case', () => {
    const story = inProgress()
      .do('handler', { type: 'requestMaterials', items: ['收入证明'] })
      .do('applicant', { type: 'supplyMaterials', items: ['收入证明'] });
    expect(story.fails('handler', { type: 'requestMaterials', items: ['户口簿'] })).toMatchObject(refusal('INVALID_STATE', 'already_requested'));
  });

  it('lets the timer treat an unsupplied case as withdrawn (法律援助法 Art. 43) and stops the pause', () => {
    const story = inProgress().do('handler', { type: 'requestMaterials', items: ['收入证明'] }).do('system', { type: 'withdraw' });
    expect(story.state.status).toBe('withdrawn');
    expect(story.state.withdrawal).toEqual({ deemed: true, reason: '逾期未补齐材料' });
    expect(isPaused(story.state.clock)).toBe(false);
  });

  it('does not let the timer withdraw a case that is not waiting on materials', () => {
    expect(inProgress().fails('system', { type: 'withdraw' })).toMatchObject(refusal('FORBIDDEN', 'not_applicant'));
  });
});

describe('transfer between units', () => {
  it('stays with the sender while pending and moves with the receiver’s signature', () => {
    const story = inProgress().do('handler', { type: 'transfer', toOrgId: STATION, reason: '属地调解更合适' });
    expect(story.state.status).toBe('transferPending');
    expect(story.state.orgId).toBe(CENTER);
    expect(story.state.transfer?.toOrgId).toBe(STATION);
    story.do('stationStaff', { type: 'acceptTransfer' });
    expect(story.state.status).toBe('accepted');
    expect(story.state.orgId).toBe(STATION);
    expect(story.state.handler?.name).toBe('孙所长');
    expect(story.state.firstHandler).toEqual(handler);
  });

  it('goes back to where the sender had it, with the reason, when declined', () => {
    const story = inProgress()
      .do('handler', { type: 'transfer', toOrgId: STATION, reason: '属地调解更合适' })
      .do('stationStaff', { type: 'declineTransfer', reason: '不属于本辖区' });
    expect(story.state.status).toBe('inProgress');
    expect(story.state.orgId).toBe(CENTER);
    expect(story.state.handler).toEqual(handler);
    expect(story.state.lastDecline).toMatchObject({ byOrgId: STATION, reason: '不属于本辖区' });
  });

  it('can only be accepted or declined by the receiving unit', () => {
    const story = inProgress().do('handler', { type: 'transfer', toOrgId: STATION, reason: '属地' });
    expect(story.fails('handler', { type: 'acceptTransfer' })).toMatchObject(refusal('FORBIDDEN', 'not_receiving_unit'));
    expect(story.fails('other', { type: 'declineTransfer', reason: 'x' })).toMatchObject(refusal('FORBIDDEN', 'not_receiving_unit'));
  });

  it('cannot be sent to the same unit', () => {
    expect(inProgress().fails('handler', { type: 'transfer', toOrgId: CENTER, reason: 'x' })).toMatchObject(refusal('VALIDATION_FAILED', 'same_org'));
  });
});

describe('how a case ends', () => {
  it('resolves with a result, then the applicant evaluates once', () => {
    const story = inProgress().do('handler', { type: 'resolve', result: '双方达成调解协议' });
    expect(story.state.status).toBe('resolved');
    expect(story.state.result).toBe('双方达成调解协议');
    expect(caseDueAt(story.state, createWorkCalendar())).toBeNull();
    expect(story.fails('handler', { type: 'evaluate', satisfaction: 5 })).toMatchObject(refusal('FORBIDDEN', 'applicant_rates_in_app'));
    expect(story.fails('stranger', { type: 'evaluate', satisfaction: 5 })).toMatchObject(refusal('FORBIDDEN', 'not_applicant'));
    story.do('applicant', { type: 'evaluate', satisfaction: 5, comment: '很耐心' });
    expect(story.state.status).toBe('evaluated');
    expect(story.fails('applicant', { type: 'evaluate', satisfaction: 1 })).toMatchObject(refusal('INVALID_STATE', 'already_evaluated'));
  });

  it('refuses a satisfaction outside 1–5', () => {
    const story = inProgress().do('handler', { type: 'resolve', result: '已解答' });
    expect(story.fails('applicant', { type: 'evaluate', satisfaction: 6 })).toMatchObject(refusal('VALIDATION_FAILED', 'satisfaction_range'));
    expect(story.fails('applicant', { type: 'evaluate', satisfaction: 4.5 })).toMatchObject(refusal('VALIDATION_FAILED', 'satisfaction_range'));
  });

  it('rejects with a reason and where to go instead', () => {
    const story = new Story().do('reception', { type: 'reject', reason: '属于诉讼案件', referTo: '县人民法院立案庭' });
    expect(story.state.status).toBe('rejected');
    expect(story.state.rejection).toEqual({ reason: '属于诉讼案件', referTo: '县人民法院立案庭' });
    expect(new Story().fails('reception', { type: 'reject', reason: '不属于', referTo: '' })).toMatchObject(refusal('VALIDATION_FAILED', 'text_missing'));
  });

  it('lets only the applicant side withdraw, and never after resolve', () => {
    expect(new Story().fails('stranger', { type: 'withdraw' })).toMatchObject(refusal('FORBIDDEN', 'not_applicant'));
    expect(new Story().fails('handler', { type: 'withdraw' })).toMatchObject(refusal('FORBIDDEN', 'not_applicant'));
    const story = new Story().do('proxy', { type: 'withdraw', reason: '已私下和解' });
    expect(story.state.status).toBe('withdrawn');
    const resolved = inProgress().do('handler', { type: 'resolve', result: '已解答' });
    expect(resolved.fails('applicant', { type: 'withdraw' })).toMatchObject(refusal('INVALID_STATE', 'already_resolved'));
  });

  it('lets a worker record the word of an applicant who has no WeChat', () => {
    const offline = newCase(
      { channel: 'hotline12348', applicant: { openid: null, name: '李奶奶', phone: '0710-1234567' }, proxy: null },
      'reception',
    );
    const story = new Story(offline).do('reception', { type: 'withdraw', reason: '电话告知不再需要' });
    expect(story.state.status).toBe('withdrawn');
  });

  it('accepts only workers’ notes once terminal', () => {
    const story = new Story().do('proxy', { type: 'withdraw' });
    expect(story.fails('applicant', { type: 'addNote', text: '还在吗', visibility: 'applicant' })).toMatchObject(refusal('FORBIDDEN', 'not_permitted'));
    story.do('supervisor', { type: 'addNote', text: '回访：已和解', visibility: 'internal' });
    expect(story.state.status).toBe('withdrawn');
    expect(availableCommands(story.state, people.supervisor)).toEqual(['addNote']);
    expect(availableCommands(story.state, people.applicant)).toEqual([]);
  });
});

describe('availableCommands', () => {
  it('shows the applicant only what they can do', () => {
    const story = inProgress();
    expect(availableCommands(story.state, people.applicant)).toEqual(['addNote', 'remind', 'addFiles', 'withdraw']);
    expect(availableCommands(story.state, people.stranger)).toEqual([]);
  });

  it('shows the handler the working buttons', () => {
    expect(availableCommands(inProgress().state, people.handler)).toEqual([
      'assign',
      'addNote',
      'recordMaterials',
      'requestMaterials',
      'addFiles',
      'transfer',
      'resolve',
      'reject',
      'recordMediation',
    ]);
  });
});

describe('ledger integrity', () => {
  it('refuses an event dated before the last one', () => {
    const story = inProgress();
    const decision = decide(story.state, { type: 'resolve', result: 'x' }, ctx('handler', at(-5)));
    expect(decision.ok).toBe(false);
    if (!decision.ok) expect(decision.error).toMatchObject(refusal('INVALID_STATE', 'time_order'));
  });

  it('refuses to replay a ledger the table does not allow', () => {
    const story = new Story();
    const forged = inProgress().do('handler', { type: 'resolve', result: 'x' }).last;
    expect(() => replay([...story.events, forged])).toThrow(throwsRefusal('INVALID_STATE', 'corrupt_ledger'));
    expect(() => replay([])).toThrow(throwsRefusal('INVALID_STATE', 'empty_ledger'));
  });

  it('counts a version per event for optimistic writes', () => {
    const story = inProgress();
    expect(story.state.version).toBe(story.events.length);
    expect(replay(story.events)).toEqual(story.state);
  });
});
