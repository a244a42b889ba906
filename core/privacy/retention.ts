/**
 * How long each kind of record about a person is kept, and whether the person can have it deleted
 * (PIPL Art 47). What a statute or an archive rule requires the office to keep is not deleted on
 * request; from then on it is only stored and protected, not used (Art 47 ¶2). docs/privacy.md shows
 * this table; test/privacy/retention.repo.test.ts keeps the two the same.
 */

export const RETENTION_CATEGORIES = ['bookings', 'profile', 'resident_profile', 'cases', 'legal_aid', 'consents', 'audit_log', 'technical'] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/** What a resident may ask to delete (the others are kept by rule or expire by themselves). */
export type Keep = 'on_request' | 'statute' | 'expires';

export interface RetentionRule {
  category: RetentionCategory;
  /** What a person sees it called. */
  label: string;
  /** The collections it lives in. */
  collections: readonly string[];
  keep: Keep;
  /** How long, in English (docs/privacy.md). */
  period: string;
  /** How long, as the resident reads it. */
  periodLabel: string;
  /** The rule it follows, as cited in docs/privacy.md. */
  source: string;
  /** The rule, as a resident is told it when a request to delete is refused (PIPL Art 50). */
  basisLabel: string;
}

export const RETENTION: readonly RetentionRule[] = [
  {
    category: 'bookings',
    label: '预约记录',
    collections: ['bookings'],
    keep: 'on_request',
    period: 'until the person asks; an upcoming booking is cancelled first (the seat is the office’s)',
    periodLabel: '预约过后可以申请删除（未到的预约请先取消）',
    source: 'no statute requires it; PIPL Art 19 (shortest period necessary), Art 47 ¶1 (1)',
    basisLabel: '没有法律要求保存',
  },
  {
    category: 'profile',
    label: '工作人员资料（姓名、电话）',
    collections: ['members'],
    keep: 'on_request',
    period: 'while the person serves; after deactivation until the person asks',
    periodLabel: '在岗期间保存；停用后可以申请删除',
    source: 'no statute requires it; PIPL Art 19, Art 47 ¶1 (1)',
    basisLabel: '没有法律要求保存',
  },
  {
    category: 'resident_profile',
    label: '我的资料（姓名、电话、村、出生日期）',
    collections: ['profiles'],
    keep: 'on_request',
    period: 'until the person deletes it on 我的 or asks',
    periodLabel: '可以在“我的”里删除，也可以申请删除',
    source: 'no statute requires it; PIPL Art 19, Art 47 ¶1 (1)',
    basisLabel: '没有法律要求保存',
  },
  {
    category: 'cases',
    label: '办事记录（工单、服务台账、材料照片）',
    collections: ['cases', 'case_events'],
    keep: 'statute',
    period: 'filed and archived (立卷归档) with the service ledger; kept for the archive period of the office’s 保管期限表',
    periodLabel: '按规定立卷归档，不能删除',
    source: 'seed 002 §(九)4 (台账 立卷归档); 档案法 (2020) ch. 3 (档案的管理); 机关文件材料归档范围和文书档案保管期限规定 (国家档案局令第8号: 永久/30年/10年)',
    basisLabel: '依据：服务台账应当立卷归档，按档案管理规定保存',
  },
  {
    category: 'legal_aid',
    label: '法律援助申请和案卷',
    collections: ['legal_aid'],
    keep: 'statute',
    period: 'filed as a 法律援助案卷 after the case ends and kept for the archive period (to be confirmed against the province’s 法律援助案卷管理办法)',
    periodLabel: '结案后立卷归档，不能删除',
    source: '法律援助法 (2021); 办理法律援助案件程序规定 (司法部, 2023 revision) 结案归档; the province’s 法律援助案卷管理办法',
    basisLabel: '依据：法律援助案件结案后应当立卷归档',
  },
  {
    category: 'consents',
    label: '同意和撤回记录',
    collections: ['consents'],
    keep: 'statute',
    period: 'at least 3 years after the answer (proof of what was agreed)',
    periodLabel: '至少保存三年，不能删除',
    source: 'PIPL Art 56 ¶2 (records of processing kept at least three years)',
    basisLabel: '依据：《个人信息保护法》第五十六条，处理记录至少保存三年',
  },
  {
    category: 'audit_log',
    label: '查看和修改记录',
    collections: ['audit_log'],
    keep: 'statute',
    period: 'at least 3 years',
    periodLabel: '至少保存三年，不能删除',
    source: 'PIPL Art 56 ¶2; 网络安全法 Art 21 (3) (logs kept at least six months)',
    basisLabel: '依据：《个人信息保护法》第五十六条、《网络安全法》第二十一条',
  },
  {
    category: 'technical',
    label: '防重复提交和访问频率记录',
    collections: ['idempotency', 'rate_limits'],
    keep: 'expires',
    period: 'idempotency 24 hours, rate limits 1 day after the last call; swept by timers',
    periodLabel: '一天内自动删除',
    source: 'no statute; kept only as long as a retry or a limit needs it (PIPL Art 19)',
    basisLabel: '只在防止重复提交和限制频率时需要，到期自动删除',
  },
];

export function retentionOf(category: RetentionCategory): RetentionRule {
  return RETENTION.find((r) => r.category === category) as RetentionRule;
}

/** What a resident may ask to delete. */
export const DELETABLE_CATEGORIES = RETENTION.filter((r) => r.keep === 'on_request').map((r) => r.category);

export type DeletionOutcome = 'queued' | 'kept_by_rule' | 'nothing_held';

export interface DeletionItem {
  category: RetentionCategory;
  label: string;
  outcome: DeletionOutcome | 'deleted' | 'declined';
  note: string;
  count?: number;
}

/**
 * The answer to a deletion request, kind by kind (PIPL Art 47 and 50: what is refused is refused
 * with its reason): kinds a rule keeps are answered at once, kinds nothing is held of say so, the
 * rest wait for the office. `held` counts what is held of each kind.
 */
export function deletionItems(categories: readonly RetentionCategory[], held: Partial<Record<RetentionCategory, number>>): DeletionItem[] {
  return [...new Set(categories)].map((category) => {
    const rule = retentionOf(category);
    if (rule.keep === 'statute') return { category, label: rule.label, outcome: 'kept_by_rule', note: `${rule.periodLabel}。${rule.basisLabel}` };
    if (rule.keep === 'expires') return { category, label: rule.label, outcome: 'kept_by_rule', note: rule.periodLabel };
    if (!held[category]) return { category, label: rule.label, outcome: 'nothing_held', note: '没有这类记录' };
    return { category, label: rule.label, outcome: 'queued', note: '等待工作人员处理' };
  });
}

/** A booking that may go: it is over or was cancelled (an upcoming seat is cancelled first, so the office knows). */
export function bookingErasable(b: { status: string; startsAt: Date | string }, now: Date): boolean {
  return b.status !== 'booked' || new Date(b.startsAt).getTime() <= now.getTime();
}
