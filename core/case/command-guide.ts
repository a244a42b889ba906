// What the case page tells the person pressing a button: one line per command, which commands are
// the way forward, which need a second "are you sure", and what the status line says afterwards.
// One table, so the page, the persona walk and the docs cannot disagree.
import { COMMAND_LABELS, STATUS_LABELS } from './labels';
import type { CaseStatus } from './statuses';
import type { CommandType } from './types';

/** forward: moves the case on (the first is the main button); side: records or asks, the case stays; ending: closes it without a result. */
export type CommandPlace = 'forward' | 'side' | 'ending';

export interface CommandGuide {
  /** One line under the button, in the words of the desk. */
  explain: string;
  place: CommandPlace;
  /** Irreversible: asked once more in a dialog before it is sent. */
  confirm?: { title: string; content: string };
}

export const COMMAND_GUIDE: Record<CommandType, CommandGuide> = {
  accept: {
    explain: '由您本人承办，期限从现在按您计',
    place: 'forward',
    confirm: { title: '确定签收？', content: '签收后这件事由您本人承办，不能撤销，办理期限照常计算。' },
  },
  acceptTransfer: { explain: '收下转来的事项，由您所在单位办理', place: 'forward' },
  start: { explain: '告诉申请人已经开始办理', place: 'forward' },
  triage: { explain: '交给更合适的单位（中心、工作站或村工作室）', place: 'forward' },
  assign: { explain: '交给本单位或下级单位的一位工作人员承办', place: 'forward' },
  resolve: { explain: '写明办理结果，申请人会收到通知并评价', place: 'forward' },
  recordMediation: { explain: '登记调解成功或不成，成功的写明协议', place: 'forward' },
  recordPerformance: { explain: '回访后登记调解协议履行得怎样', place: 'forward' },
  refer: { explain: '交给依法受理的机构（如仲裁委、复议机关）', place: 'forward' },
  recordAcceptance: { explain: '受理机构已经受理时，登记受理日期', place: 'forward' },
  transfer: { explain: '转给其他单位办理，对方接收后生效', place: 'forward' },
  supplyMaterials: { explain: '告诉工作人员补交了哪些材料', place: 'forward' },
  evaluate: { explain: '对这次服务打分', place: 'forward' },
  requestMaterials: { explain: '一次告诉申请人还缺哪些材料，期限暂停', place: 'side' },
  recordMaterials: { explain: '登记收到、移交或签收的纸质材料', place: 'side' },
  addNote: { explain: '记下办理进展，可以只给工作人员看', place: 'side' },
  addFiles: { explain: '拍照留存材料', place: 'side' },
  remind: { explain: '提醒承办人抓紧办理', place: 'side' },
  declineTransfer: { explain: '不该由本单位办理时退回，写明理由', place: 'side' },
  reject: {
    explain: '不符合受理条件时，告诉申请人去哪里办',
    place: 'ending',
    confirm: { title: '确定不予受理？', content: '不予受理后这件事就结束了，不能撤销。申请人会收到理由和去处。' },
  },
  withdraw: {
    explain: '不再需要办理时撤回',
    place: 'ending',
    confirm: { title: '确定撤回？', content: '撤回后这件事就结束了，不能撤销。需要时可以重新申请。' },
  },
  autoClose: { explain: '评价期过后由系统结案', place: 'ending' },
  recordAidDecision: { explain: '法律援助机构作出决定后由系统登记', place: 'ending' },
};

/**
 * What a worker reads under the status: the next step at the desk. The resident's hint
 * (STATUS_HINTS) speaks to the applicant ("请给这次服务打个分") and is never shown to staff.
 */
export const WORKER_STATUS_HINTS: Record<CaseStatus, string> = {
  received: '新来的事项：先分流到合适的单位，或指派、签收。',
  assigned: '已指派，等承办人签收。',
  accepted: '已签收，请尽快联系申请人，开始办理。',
  inProgress: '正在办理，办完请办结并写明结果。',
  awaitingMaterials: '等申请人补交材料，期限暂停。',
  transferPending: '已转办，等接收单位接收或退回。',
  resolved: '已办结，等申请人评价。',
  evaluated: '申请人已评价。',
  closed: '已结案。',
  rejected: '已不予受理，申请人已收到去处。',
  withdrawn: '申请人已撤回。',
};

/** What the case looks like after a command, as far as the status line needs it. */
export interface AfterCommand {
  status: CaseStatus;
  orgId: string;
  handlerName: string | null;
  transferTo: string | null;
}

/**
 * The status line right after a command: what happened, in the worker's words ("已分流到青石镇…"),
 * not a status the command did not change (a 分流 leaves the case 已受理).
 */
export function afterCommandLine(type: CommandType, after: AfterCommand, unitName: (orgId: string) => string): string {
  switch (type) {
    case 'triage':
      return `已分流到${unitName(after.orgId)}`;
    case 'transfer':
      return after.transferTo ? `已转办到${unitName(after.transferTo)}，等对方接收` : `已${COMMAND_LABELS.transfer}`;
    case 'assign':
      return after.handlerName ? `已指派给${after.handlerName}，等对方签收` : `已${COMMAND_LABELS.assign}`;
    case 'accept':
    case 'acceptTransfer':
      return after.handlerName ? `已签收，承办人：${after.handlerName}` : '已签收';
    case 'requestMaterials':
      return '已一次性告知补材料，期限暂停';
    case 'declineTransfer':
      return '已退回转办，由原单位继续办理';
    default: {
      const done = `已${COMMAND_LABELS[type]}`;
      return STATUS_LABELS[after.status] === done ? done : `${done}，现在：${STATUS_LABELS[after.status]}`;
    }
  }
}
