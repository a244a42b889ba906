// The words residents and workers read for statuses, buttons, materials and ratings.
import type { CaseStatus } from './statuses';
import { RATING_LEVEL_LABELS } from '../evaluation/rating';
import type { CommandType, MaterialKind, PerformanceStatus, Satisfaction } from './types';

/** Plain words for elderly residents (适老化): what happened, not the office's jargon. */
export const STATUS_LABELS: Record<CaseStatus, string> = {
  received: '已受理',
  assigned: '已指派',
  accepted: '已签收',
  inProgress: '办理中',
  awaitingMaterials: '待补材料',
  transferPending: '转办中',
  resolved: '已办结',
  evaluated: '已评价',
  closed: '已结案',
  rejected: '不予受理',
  withdrawn: '已撤回',
};

/** What the resident should expect or do next, shown under the status. */
export const STATUS_HINTS: Record<CaseStatus, string> = {
  received: '我们已收到您的申请，正在安排工作人员。',
  assigned: '已安排工作人员，等待对方签收。',
  accepted: '工作人员已签收，会尽快和您联系。',
  inProgress: '正在办理，有进展会通知您。',
  awaitingMaterials: '请按告知的清单把材料一次补齐，补齐后继续办理。',
  transferPending: '正在转给更合适的单位办理，请耐心等待。',
  resolved: '已经办结，请给这次服务打个分。',
  evaluated: '感谢您的评价。',
  closed: '已经办结，评价期已过。',
  rejected: '不符合受理条件，请按告知的去处办理。',
  withdrawn: '申请已撤回，需要时可以重新申请。',
};

/** Button labels. */
export const COMMAND_LABELS: Record<CommandType, string> = {
  triage: '分流',
  assign: '指派',
  accept: '签收',
  start: '开始办理',
  addNote: '添加记录',
  remind: '催办',
  recordMaterials: '登记材料',
  requestMaterials: '一次性告知补材料',
  supplyMaterials: '补交材料',
  addFiles: '上传材料',
  transfer: '转办',
  refer: '转交受理机构',
  recordAcceptance: '登记机构已受理',
  acceptTransfer: '接收转办',
  declineTransfer: '退回转办',
  resolve: '办结',
  reject: '不予受理',
  withdraw: '撤回',
  evaluate: '评价',
  autoClose: '结案',
  recordAidDecision: '法律援助决定',
  recordMediation: '登记调解结果',
  recordPerformance: '回访履行情况',
};

export const MATERIAL_KIND_LABELS: Record<MaterialKind, string> = {
  received: '材料接收',
  handedOver: '材料移交',
  signedFor: '材料签收',
};

/** 好差评's five levels: the shared rating model's (core/evaluation). */
export const SATISFACTION_LABELS: Record<Satisfaction, string> = RATING_LEVEL_LABELS;

/** 人民调解法 Art 31: how the agreement is being kept. */
export const PERFORMANCE_LABELS: Record<PerformanceStatus, string> = { full: '已履行', partial: '部分履行', none: '未履行' };
