import { MATERIAL_KINDS, MATERIAL_KIND_LABELS, PERFORMANCE_LABELS, type Attachment, type CaseCommand, type CommandType } from '@core';

/**
 * What each command asks the person pressing it to fill in. Presentation only: whether the
 * command is allowed and whether its content is acceptable is decided by core, in the function.
 */
export interface Field {
  key: string;
  label: string;
  kind: 'text' | 'textarea' | 'org' | 'member' | 'choice' | 'switch' | 'files' | 'materials';
  optional?: boolean;
  /** Shown to people acting as workers only (core ignores it from the applicant side). */
  workerOnly?: boolean;
  options?: Array<{ value: string; label: string }>;
}

const OUTCOMES = [
  { value: 'success', label: '调解成功' },
  { value: 'failure', label: '调解不成' },
];
const AGREEMENT_FORMS = [
  { value: 'written', label: '书面协议' },
  { value: 'oral', label: '口头协议（已记录）' },
];
const PERFORMED = (['full', 'partial', 'none'] as const).map((v) => ({ value: v, label: PERFORMANCE_LABELS[v] }));
const KINDS = MATERIAL_KINDS.map((k) => ({ value: k, label: MATERIAL_KIND_LABELS[k] }));

export const FORMS: Partial<Record<CommandType, Field[]>> = {
  assign: [{ key: 'handler', label: '交给谁承办', kind: 'member' }],
  triage: [{ key: 'orgId', label: '分流到哪个单位', kind: 'org' }],
  transfer: [
    { key: 'toOrgId', label: '转给哪个单位', kind: 'org' },
    { key: 'reason', label: '转办理由', kind: 'text' },
  ],
  declineTransfer: [{ key: 'reason', label: '退回理由', kind: 'text' }],
  addNote: [
    { key: 'text', label: '办理进展', kind: 'textarea' },
    { key: 'internal', label: '仅工作人员可见', kind: 'switch', optional: true, workerOnly: true },
  ],
  recordMaterials: [
    { key: 'kind', label: '登记什么', kind: 'choice', options: KINDS },
    { key: 'items', label: '材料清单（用顿号分开，份数写 ×2）', kind: 'textarea' },
    { key: 'counterpart', label: '交接对象（可不填）', kind: 'text', optional: true },
  ],
  // The service's list from 服务指南 is ticked, so everyone asks for the same papers; anything else is typed.
  requestMaterials: [
    { key: 'listed', label: '勾选还缺的材料（服务指南里的清单）', kind: 'materials', optional: true },
    { key: 'items', label: '清单以外还缺的（可不填，用顿号分开）', kind: 'textarea', optional: true },
  ],
  supplyMaterials: [
    { key: 'items', label: '补交了哪些材料（用顿号分开）', kind: 'textarea' },
    { key: 'files', label: '拍照上传（可不填，也可以送到窗口）', kind: 'files', optional: true },
  ],
  addFiles: [
    { key: 'files', label: '拍照或从相册选择', kind: 'files' },
    { key: 'shared', label: '申请人也能看到', kind: 'switch', optional: true, workerOnly: true },
  ],
  // The options are the bodies the case itself names (timeLimits.bodies), filled in when the form opens.
  refer: [{ key: 'body', label: '转交给哪个机构', kind: 'choice' }],
  recordAcceptance: [
    { key: 'acceptedOn', label: '受理日期（年-月-日）', kind: 'text' },
    { key: 'simplified', label: '适用简易程序（行政复议）', kind: 'switch', optional: true },
  ],
  resolve: [{ key: 'result', label: '办理结果', kind: 'textarea' }],
  reject: [
    { key: 'reason', label: '不予受理的理由', kind: 'text' },
    { key: 'referTo', label: '建议去哪里办', kind: 'text' },
  ],
  withdraw: [{ key: 'reason', label: '撤回原因（可不填）', kind: 'text', optional: true }],
  recordMediation: [
    { key: 'outcome', label: '调解结果', kind: 'choice', options: OUTCOMES },
    { key: 'form', label: '协议形式（调解成功时选）', kind: 'choice', optional: true, options: AGREEMENT_FORMS },
    { key: 'content', label: '协议内容（调解成功时填）', kind: 'textarea', optional: true },
  ],
  recordPerformance: [
    { key: 'performed', label: '协议履行情况', kind: 'choice', options: PERFORMED },
    { key: 'text', label: '说明（可不填）', kind: 'textarea', optional: true },
  ],
};

/** Commands pressed without a form: the button is the whole decision. */
export const DIRECT: CommandType[] = ['accept', 'start', 'acceptTransfer', 'remind'];

/** 评价 opens the shared rating component (components/rating), which hands the page a whole command. */
export const RATED: CommandType = 'evaluate';

const list = (value: string | undefined) =>
  (value ?? '')
    .split(/[、，,;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** 宅基地证×2 → { name: 宅基地证, count: 2 } */
function material(entry: string): { name: string; count: number } {
  const m = /^(.*?)[×xX*]\s*(\d+)$/.exec(entry);
  return m ? { name: (m[1] as string).trim(), count: Number(m[2]) } : { name: entry, count: 1 };
}

/** Names of the people offered in a member picker, by openid: the ledger records who was chosen by name. */
export type NameOf = (openid: string) => string;

/** What a person may send: 结案 (autoClose) is the timer's and 法律援助决定 the legal-aid flow's; neither has a form. */
export type PersonCommand = Exclude<CaseCommand, { type: 'autoClose' | 'recordAidDecision' }>;
/** What a form here builds: 评价 comes whole from the rating component. */
type FormCommand = Exclude<PersonCommand, { type: 'evaluate' }>;

export function commandFrom(type: CommandType, v: Record<string, string | boolean>, nameOf: NameOf, files: Attachment[] = [], listed: string[] = []): FormCommand {
  const s = (key: string) => (typeof v[key] === 'string' ? (v[key] as string) : '');
  const opt = (key: string) => (s(key).trim() === '' ? undefined : s(key));
  if (type === 'autoClose' || type === 'recordAidDecision') throw new Error(`${type} is the system's`);
  if (type === 'evaluate') throw new Error('evaluate comes from the rating component');
  switch (type) {
    case 'triage':
      return { type, orgId: s('orgId') };
    case 'transfer':
      return { type, toOrgId: s('toOrgId'), reason: s('reason') };
    case 'declineTransfer':
      return { type, reason: s('reason') };
    case 'addNote':
      return { type, text: s('text'), visibility: v.internal === true ? 'internal' : 'applicant' };
    case 'recordMaterials':
      return { type, kind: (s('kind') || 'received') as (typeof MATERIAL_KINDS)[number], items: list(s('items')).map(material), counterpart: opt('counterpart') };
    case 'requestMaterials': {
      // Neither ticked nor typed: core answers items_missing.
      const typed = list(s('items'));
      return { type, ...(typed.length > 0 && { items: typed }), ...(listed.length > 0 && { listed }) };
    }
    case 'supplyMaterials':
      return { type, items: list(s('items')), ...(files.length > 0 && { files }) };
    case 'addFiles':
      // Core shows the applicant side's own files to them whatever this says.
      return { type, files, visibility: v.shared === true ? 'applicant' : 'internal' };
    case 'refer':
      return { type, body: s('body') as Extract<CaseCommand, { type: 'refer' }>['body'] };
    case 'recordAcceptance':
      return { type, acceptedOn: s('acceptedOn').trim(), ...(v.simplified === true && { simplified: true }) };
    case 'resolve':
      return { type, result: s('result') };
    case 'reject':
      return { type, reason: s('reason'), referTo: s('referTo') };
    case 'withdraw':
      return { type, reason: opt('reason') };
    case 'recordMediation':
      return s('outcome') === 'success'
        ? { type, outcome: 'success', ...(s('content').trim() !== '' && { agreement: { form: s('form') === 'oral' ? 'oral' : 'written', content: s('content') } }) }
        : { type, outcome: 'failure' };
    case 'recordPerformance':
      return { type, performed: (s('performed') || 'full') as 'full' | 'partial' | 'none', text: opt('text') };
    case 'accept':
    case 'start':
    case 'acceptTransfer':
    case 'remind':
      return { type };
    case 'assign':
      return { type, handler: { openid: s('handler'), name: nameOf(s('handler')) } };
  }
}
