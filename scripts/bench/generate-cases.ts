/**
 * Realistic 工单 for scale benchmarks (and the statistics board's, later): cases of the demo county
 * spread over a year, each driven through core's own state machine (intake → execute), so every
 * `cases` document and `case_events` row has exactly the shape cloudfunctions/case/store.ts writes.
 * Nothing goes through the functions: `insertGenerated` loads devcloud's Database directly.
 *
 * A case's story is planned from its category's time limit (triage, assign, accept, start, maybe
 * 一次性告知 and 补材料, maybe a transfer, then 办结 and 评价, or 不予受理 / 撤回, or a stall) and
 * played up to `now`: old cases are closed, recent ones stand wherever their story has reached,
 * and the few stalled ones are overdue. The same seed gives the same county.
 */
import { createHash } from 'node:crypto';
import {
  CATEGORY_INFO,
  queryFields,
  counterKey,
  createWorkCalendar,
  shanghaiDay,
  execute,
  formatCaseCode,
  intake,
  apply,
  type ActingActor,
  type CaseCategory,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type Channel,
  type PriorityGroup,
  type Proxy,
  type WorkCalendar,
} from '../../core';
import type { CaseDoc, StoredEvent } from '../../cloudfunctions/case/store';
import type { BookingDoc } from '../../cloudfunctions/booking/store';
import type { MessageDoc } from '../../cloudfunctions/group/store';
import type { AidDoc } from '../../cloudfunctions/legalAid/store';
import type { BookingStatus, DayKey, FollowOf, StoredPhone, Tier } from '../../core';
import { fieldKeysFrom, protectPhoneWith, type FieldKeys } from '../../cloudfunctions/_runtime/protect';
import { DEV_ONLY_FIELD_KEY_ENV } from '../../devcloud/server';
import type { Database } from '../../devcloud/db/database';
import { CENTER, ROOMS, STATIONS, WORKERS } from '../seed/demo-county';

export interface GenerateOptions {
  /** How many cases. */
  cases: number;
  /** The moment the county is looked at: cases are received over the year before it. */
  now: Date;
  seed?: number;
  /** Days of history before `now`; 365 by default. */
  days?: number;
  /** One resident with many cases (case.mine): as applicant, and some as 代办. */
  frequentResident?: { openid: string; name: string; phone: string; cases: number; asProxy: number };
  /** Cases per yielded batch (memory stays flat at 100k). */
  batchSize?: number;
}

export interface GeneratedBatch {
  cases: CaseDoc[];
  events: StoredEvent[];
}

interface CounterDoc {
  _id: string;
  claims: string[];
  updatedAt: Date;
}

export interface GenerationSummary {
  cases: number;
  events: number;
  byStatus: Record<string, number>;
  /** Open cases whose deadline has passed at `now`. */
  overdue: number;
  /** Open cases waiting on materials (their clock paused, dueAt null). */
  paused: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const SYSTEM: ActingActor = { openid: 'system', role: 'system', name: '系统', orgIds: [] };
/** demo-resident, with more cases than case.mine's page of 100. */
export const FREQUENT_RESIDENT = { openid: 'demo-resident', name: '张大爷', phone: '13800000000', cases: 180, asProxy: 20 };

// ─── the demo county as the generator needs it ─────────────────────────────────────────────

interface Unit {
  id: string;
  tier: Tier;
  parentId: string | null;
  path: string[];
}

const UNITS: Unit[] = (() => {
  const list: Unit[] = [];
  const byId = new Map<string, Unit>();
  for (const org of [CENTER, ...STATIONS, ...ROOMS]) {
    const parent = org.parentId ? byId.get(org.parentId) : undefined;
    const unit: Unit = { id: org.id, tier: org.tier, parentId: org.parentId, path: parent ? [...parent.path, parent.id] : [] };
    byId.set(unit.id, unit);
    list.push(unit);
  }
  return list;
})();
const UNIT = new Map(UNITS.map((u) => [u.id, u]));
const unit = (id: string): Unit => {
  const u = UNIT.get(id);
  if (!u) throw new Error(`unknown unit ${id}`);
  return u;
};
const subtree = (id: string): string[] => UNITS.filter((u) => u.id === id || u.path.includes(id)).map((u) => u.id);
const stations = UNITS.filter((u) => u.tier === 'station');
const rooms = UNITS.filter((u) => u.tier === 'room');

/** Each worker as the functions make them act: staff and supervisors for every unit under theirs. */
const workers: ActingActor[] = WORKERS.map((w) => ({
  openid: w.openid,
  role: w.role,
  name: w.displayName,
  orgIds: w.role === 'advisor' ? w.orgIds : [...new Set(w.orgIds.flatMap(subtree))],
}));
const worker = (openid: string): ActingActor => {
  const w = workers.find((x) => x.openid === openid);
  if (!w) throw new Error(`unknown worker ${openid}`);
  return w;
};
const advisorOf = (roomId: string): ActingActor => {
  const w = workers.find((x) => x.role === 'advisor' && x.orgIds.includes(roomId));
  if (!w) throw new Error(`no advisor serves ${roomId}`);
  return w;
};
const staffOf = (stationId: string): ActingActor => {
  const w = workers.find((x) => x.role === 'staff' && WORKERS.find((s) => s.openid === x.openid)?.orgIds.includes(stationId));
  if (!w) throw new Error(`no staff at ${stationId}`);
  return w;
};
/** Who may be assigned at a unit: the query of referral's handlerCandidates (advisors and staff of the subtree). */
const candidatesAt = (unitId: string): ActingActor[] => {
  const units = new Set(subtree(unitId));
  return workers.filter((w) => (w.role === 'advisor' || w.role === 'staff') && WORKERS.find((s) => s.openid === w.openid)?.orgIds.some((o) => units.has(o)));
};

// ─── randomness ────────────────────────────────────────────────────────────────────────────

/**
 * mulberry32: a seeded generator so a run can be repeated exactly. Written here because the
 * project has no PRNG dependency and Math.random cannot be seeded; it is 6 lines.
 */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Dice {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  between(lo: number, hi: number): number {
    return lo + (hi - lo) * this.next();
  }
  int(lo: number, hi: number): number {
    return Math.floor(this.between(lo, hi + 1));
  }
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)] as T;
  }
  weighted<T>(table: ReadonlyArray<readonly [T, number]>): T {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of table) if ((x -= w) < 0) return v;
    return (table[table.length - 1] as readonly [T, number])[0];
  }
  some<T>(list: readonly T[], lo: number, hi: number): T[] {
    const n = this.int(lo, hi);
    return [...new Set(Array.from({ length: n }, () => this.pick(list)))];
  }
}

// ─── what people write ─────────────────────────────────────────────────────────────────────

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋'];
const GIVEN = ['秀英', '桂兰', '建国', '志强', '丽', '军', '敏', '伟', '芳', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '霞', '平', '刚', '桂芳', '玉兰', '德明', '春生', '小红'];
const RELATIONS = ['子女', '配偶', '村干部', '邻居', '亲属'];

const CATEGORY_MIX: ReadonlyArray<readonly [CaseCategory, number]> = [
  ['consultation', 35],
  ['mediation', 25],
  // No legal aid: it is granted, refused and closed by the legal-aid agency through legalAid.act
  // (L1), never 办结 by whoever holds the case, and these stories play generic case commands only.
  ['lawyer', 8],
  ['notary', 5],
  ['complaint', 4],
  ['adminReview', 3],
  ['arbitration', 3],
  ['appraisal', 2],
];

const SUMMARIES: Record<CaseCategory, string[]> = {
  consultation: ['土地承包合同到期后怎么续签', '儿子结婚彩礼能不能要回来', '老人赡养费怎么算', '在外打工受伤怎么认定工伤', '宅基地能不能转让给外村人'],
  legalAid: ['讨要拖欠的工资，没钱请律师', '交通事故赔偿，申请法律援助', '离婚抚养权纠纷，经济困难', '工伤赔偿被拒，申请法律援助'],
  mediation: ['邻居占用宅基地边界', '兄弟分家房屋纠纷', '承包地灌溉用水纠纷', '养殖场气味扰邻', '借款不还，亲戚之间'],
  lawyer: ['需要律师代写起诉状', '合同纠纷想请律师代理', '房屋买卖合同审查'],
  notary: ['继承公证', '委托书公证', '遗嘱公证'],
  appraisal: ['伤情鉴定', '笔迹鉴定', '亲子鉴定'],
  arbitration: ['劳动合同解除补偿', '加班费争议', '社保未缴纳'],
  adminReview: ['对拆迁补偿决定不服', '对罚款决定不服', '低保资格被取消'],
  complaint: ['窗口工作人员态度差', '办事等待时间太长', '法律顾问驻点时间不落实'],
};
const MATERIALS = ['身份证复印件', '户口簿', '收入证明', '劳动合同', '宅基地使用证', '现场照片', '医疗费票据', '借条原件', '村委会证明'];
const RESULTS = ['已当场解答并告知维权途径', '双方达成调解协议并当场履行', '已指派律师办理', '已出具公证书', '已告知申请人处理结果', '经调解双方和解'];
const REJECTIONS: Array<[string, string]> = [
  ['不属于本中心受理范围', '请向县人民法院立案庭咨询'],
  ['已进入诉讼程序', '请联系案件承办法官'],
  ['经济状况不符合法律援助条件', '可向律师事务所委托代理'],
];

// ─── one case's story ──────────────────────────────────────────────────────────────────────

class Later extends Error {}

/** A case under construction: every step goes through core's execute, as runCommand does. */
class Story {
  state: CaseState;
  readonly events: CaseEvent[];
  t: number;

  constructor(
    first: CaseEvent,
    private readonly now: number,
  ) {
    this.events = [first];
    this.state = apply(null, first);
    this.t = first.at.getTime();
  }

  /** Runs the command `delay` ms after the last step, unless that is after `now` (the story stops there). */
  step(actor: ActingActor, command: CaseCommand, delay: number): void {
    const at = this.t + Math.max(60_000, Math.round(delay));
    if (at > this.now) throw new Later();
    const { state, events } = execute(this.state, command, { actor, at: new Date(at) });
    this.state = state;
    this.events.push(...events);
    this.t = at;
  }
}

interface Resident {
  openid: string;
  name: string;
  phone: string;
}

/** How long a category's limit runs, roughly, in ms (working days stretch over weekends). */
function limitMs(category: CaseCategory): number {
  const { amount, unit: u } = CATEGORY_INFO[category].limit;
  return u === 'hours' ? amount * HOUR : u === 'calendarDays' ? amount * DAY : amount * 1.4 * DAY;
}

/** The Beijing wall-clock hour band a channel's requests arrive in. */
function timeOfDay(dice: Dice, channel: Channel): number {
  const beijingHour = channel === 'miniprogram' || channel === 'groupChat' ? dice.between(7, 22.5) : dice.between(8.5, 17.5);
  return (beijingHour - 8) * HOUR; // UTC offset of Asia/Shanghai
}

export class CaseGenerator {
  private readonly dice: Dice;
  private readonly calendar: WorkCalendar = createWorkCalendar();
  private readonly residents: Resident[];
  private readonly sequences = new Map<string, number>();
  private readonly counters = new Map<string, CounterDoc>();
  readonly summary: GenerationSummary = { cases: 0, events: 0, byStatus: {}, overdue: 0, paused: 0 };
  /**
   * Phones are stored as the case function stores them (masked, sealed, hashed), under the
   * environment's field keys or devcloud's dev-only ones, which is what devcloud's functions read with.
   */
  private readonly keys: FieldKeys = fieldKeysFrom(process.env.FIELD_KEYS ? process.env : DEV_ONLY_FIELD_KEY_ENV);
  private readonly phones = new Map<string, ReturnType<typeof protectPhoneWith>>();
  /** Recently answered 咨询, for follow-on requests to name (指引服务转化率). */
  private readonly answered: FollowOf[] = [];

  constructor(private readonly opts: GenerateOptions) {
    this.dice = new Dice(mulberry32(opts.seed ?? 20261122));
    const pool = Math.max(50, Math.round(opts.cases * 0.55));
    this.residents = Array.from({ length: pool }, (_, i) => ({
      openid: `gen-resident-${i.toString(36)}`,
      name: this.dice.pick(SURNAMES) + this.dice.pick(GIVEN),
      phone: `1${this.dice.pick(['3', '5', '7', '8', '9'])}${String(this.dice.int(0, 999_999_999)).padStart(9, '0')}`,
    }));
  }

  /** A resident's phone as stored, sealed once per resident (a regular's many cases share it). */
  private storedPhone(r: Resident): ReturnType<typeof protectPhoneWith> {
    let stored = this.phones.get(r.openid);
    if (!stored) this.phones.set(r.openid, (stored = protectPhoneWith(this.keys, r.phone)));
    return stored;
  }

  /** Batches of finished cases and their events, oldest first (codes follow the day's order). */
  *batches(): Generator<GeneratedBatch> {
    const { cases: n, now } = this.opts;
    const size = this.opts.batchSize ?? 2000;
    const frequent = this.opts.frequentResident ?? FREQUENT_RESIDENT;
    const frequentEvery = frequent.cases + frequent.asProxy > 0 ? Math.max(1, Math.floor(n / (frequent.cases + frequent.asProxy))) : 0;
    const span = (this.opts.days ?? 365) * DAY;
    // Days first, sorted, so cases arrive in time order; the hour comes with the channel. The last day is today.
    const days = Array.from({ length: n }, () => Math.floor(this.dice.next() * (span / DAY + 1))).sort((a, b) => a - b);
    const firstDay = Math.floor((now.getTime() - span) / DAY) * DAY;
    let batch: GeneratedBatch = { cases: [], events: [] };
    const frequentLeft = { own: frequent.cases, proxy: frequent.asProxy };
    for (let i = 0; i < n; i++) {
      let forFrequent: 'own' | 'proxy' | null = null;
      if (frequentEvery && i % frequentEvery === 0) {
        if (frequentLeft.own > 0) {
          forFrequent = 'own';
          frequentLeft.own -= 1;
        } else if (frequentLeft.proxy > 0) {
          forFrequent = 'proxy';
          frequentLeft.proxy -= 1;
        }
      }
      const made = this.oneCase(i, firstDay + (days[i] as number) * DAY, forFrequent ? { ...frequent, as: forFrequent } : null);
      batch.cases.push(made.doc);
      batch.events.push(...made.events);
      if (batch.cases.length >= size) {
        yield batch;
        batch = { cases: [], events: [] };
      }
    }
    if (batch.cases.length > 0) yield batch;
  }

  /** The daily case-code sequences as intake's counters would hold them (so a new submission gets a fresh code). */
  counterDocs(): CounterDoc[] {
    return [...this.counters.values()];
  }

  private oneCase(i: number, day: number, frequent: (Resident & { as: 'own' | 'proxy' }) | null): { doc: CaseDoc; events: StoredEvent[] } {
    const d = this.dice;
    const now = this.opts.now.getTime();
    const channel: Channel = frequent ? 'miniprogram' : d.weighted<Channel>([['miniprogram', 55], ['walkIn', 22], ['hotline12348', 13], ['agency', 5], ['groupChat', 5]]);
    let receivedAt = day + timeOfDay(d, channel) + d.int(0, 59) * 60_000;
    // Today's requests came in before now (their order within the day matters to nothing).
    if (receivedAt > now) receivedAt = day + Math.floor((now - day) * d.next());
    const category = d.weighted(CATEGORY_MIX);

    // Who comes, where to, and who writes it down.
    const self = channel === 'miniprogram' || channel === 'groupChat';
    // Squaring skews the pick towards the first residents: a few come often, most once.
    const regular = (): Resident => this.residents[Math.floor(this.residents.length * d.next() ** 2)] as Resident;
    let resident: Resident = frequent && frequent.as === 'own' ? frequent : regular();
    let proxy: Proxy | null = null;
    if (self && (frequent?.as === 'proxy' || (!frequent && d.chance(0.08)))) {
      const by = frequent ?? regular();
      proxy = { openid: by.openid, name: by.name, ...this.storedPhone(by), relation: d.pick(RELATIONS) };
      if (frequent) resident = regular();
    }
    let orgId: string;
    let receptionist: ActingActor;
    if (channel === 'groupChat') {
      orgId = d.pick(rooms).id;
    } else if (channel === 'miniprogram') {
      orgId = d.weighted<string>([[CENTER.id, 65], [d.pick(rooms).id, 25], [d.pick(stations).id, 10]]);
    } else if (channel === 'walkIn') {
      orgId = d.chance(0.5) ? CENTER.id : d.pick(stations).id;
    } else {
      orgId = CENTER.id;
    }
    if (self) {
      receptionist = proxy
        ? { openid: proxy.openid as string, role: 'resident', name: proxy.name, orgIds: [] }
        : { openid: resident.openid, role: 'resident', name: resident.name, orgIds: [] };
    } else {
      receptionist = orgId === CENTER.id ? worker(d.chance(0.9) ? 'demo-staff' : 'demo-supervisor') : staffOf(orgId);
    }
    const dayKey = counterKey(category, new Date(receivedAt));
    const sequence = (this.sequences.get(dayKey) ?? 0) + 1;
    this.sequences.set(dayKey, sequence);
    const counter = this.counters.get(dayKey) ?? { _id: dayKey, claims: [], updatedAt: new Date(receivedAt) };
    counter.claims.push(claimToken(dayKey, sequence));
    counter.updatedAt = new Date(receivedAt);
    this.counters.set(dayKey, counter);
    const priorityGroups: PriorityGroup[] = d.chance(0.15) ? [d.weighted<PriorityGroup>([['elderly', 60], ['migrantWorker', 20], ['disabled', 8], ['women', 6], ['minor', 3], ['veteran', 3]])] : [];
    const attachments = self && d.chance(0.2) ? [{ fileID: `cloud://devcloud.bucket/uploads/${receptionist.openid}/photo-${i}.jpg`, name: '材料照片' }] : [];
    const first = intake(
      {
        code: formatCaseCode(category, new Date(receivedAt), sequence),
        channel,
        category,
        summary: d.pick(SUMMARIES[category]),
        applicant: { openid: self && !proxy ? resident.openid : null, name: resident.name, ...this.storedPhone(resident) },
        proxy,
        orgId,
        priorityGroups,
        attachments,
        signature: channel === 'walkIn' ? { fileID: `cloud://devcloud.bucket/uploads/${receptionist.openid}/signature-${i}.png`, name: '接待人签名' } : null,
        // One formal request in five follows on from a 咨询 answered shortly before (registered with its code).
        followOf: category !== 'consultation' && category !== 'complaint' && this.answered.length > 0 && d.chance(0.2) ? d.pick(this.answered) : null,
      },
      { actor: receptionist, at: new Date(receivedAt) },
    );
    const story = new Story(first, now);
    try {
      this.play(story, category, receptionist);
    } catch (e) {
      if (!(e instanceof Later)) throw e;
    }

    const caseId = `c${createHash('sha256').update(`bench\n${this.opts.seed ?? 0}\n${i}`).digest('base64url').slice(0, 24)}`;
    const { state } = story;
    if (category === 'consultation' && state.handlingDays !== undefined) {
      this.answered.push({ caseId, code: state.code, category, units: [...unit(state.orgId).path, state.orgId], receivedAt: state.receivedAt });
      if (this.answered.length > 200) this.answered.shift();
    }
    // docOf in cloudfunctions/case/store.ts: the state plus what queues and scope checks need.
    const doc: CaseDoc = {
      ...state,
      _id: caseId,
      orgPath: [...unit(state.orgId).path],
      transferPath: state.transfer ? [...unit(state.transfer.toOrgId).path] : null,
      ...queryFields(state, this.calendar),
    };
    const events = story.events.map((e, k) => ({ ...e, _id: `${caseId}-${String(k + 1).padStart(6, '0')}`, caseId, seq: k + 1 }) as StoredEvent);
    this.tally(doc, events.length);
    return { doc, events };
  }

  /** The rest of the story after intake; throws Later where `now` cuts it. */
  private play(story: Story, category: CaseCategory, receptionist: ActingActor): void {
    const d = this.dice;
    const limit = limitMs(category);
    const speaker = (): ActingActor => {
      const { applicant, proxy } = story.state;
      const id = proxy?.openid ?? applicant.openid;
      if (id) return { openid: id, role: 'resident', name: proxy?.openid ? proxy.name : applicant.name, orgIds: [] };
      return receptionist.role === 'resident' ? frontDesk(story.state.orgId) : receptionist; // a worker records their word
    };
    // A visitor with no WeChat gives their rating to a worker on a callback, never to whoever
    // handled the case (承办 or 首办: guard's handler_cannot_rate); no one left to ask, no rating.
    const rater = (): ActingActor | null => {
      const own = speaker();
      if (own.role === 'resident') return own;
      const handled = [story.state.handler?.openid, story.state.firstHandler?.openid];
      return [own, frontDesk(story.state.orgId), worker('demo-supervisor')].find((w) => !handled.includes(w.openid)) ?? null;
    };
    const ending = d.weighted<'resolve' | 'reject' | 'withdraw' | 'stall'>([['resolve', 88], ['reject', 5], ['withdraw', 4], ['stall', 3]]);
    const fast = Math.min(limit, 2 * DAY);
    // Where a forgotten case sits: never routed, never signed for, a transfer nobody answers, or work that stopped.
    const stallAt = ending === 'stall' ? d.weighted<'received' | 'assigned' | 'transferPending' | 'inProgress'>([['received', 15], ['assigned', 15], ['transferPending', 15], ['inProgress', 55]]) : null;

    // 分流 at the front desk: most requests go down to the township or the village.
    let org = story.state.orgId;
    if (org === CENTER.id && d.chance(0.75)) {
      const to = d.chance(0.55) ? d.pick(stations).id : d.pick(rooms).id;
      story.step(frontDesk(org), { type: 'triage', orgId: to }, d.between(0.05, 0.3) * fast);
      org = to;
    }
    if (stallAt === 'received') return;
    if (ending === 'reject' && d.chance(0.6)) {
      const [reason, referTo] = d.pick(REJECTIONS);
      story.step(frontDesk(org), { type: 'reject', reason, referTo }, d.between(0.1, 0.5) * fast);
      return;
    }

    // 指派 and 签收; a village advisor takes their room's requests on the spot.
    let handler: ActingActor;
    if (unit(org).tier === 'room') {
      handler = advisorOf(org);
      story.step(handler, { type: 'accept' }, d.between(0.05, 0.4) * fast);
    } else {
      const pool = candidatesAt(org);
      handler = org === CENTER.id && d.chance(0.45) ? worker('demo-staff') : d.pick(pool);
      story.step(frontDesk(org), { type: 'assign', handler: { openid: handler.openid, name: handler.name } }, d.between(0.05, 0.3) * fast);
      if (d.chance(0.05)) {
        const other = d.pick(pool.filter((w) => w.openid !== handler.openid));
        if (other) {
          story.step(frontDesk(org), { type: 'assign', handler: { openid: other.openid, name: other.name } }, d.between(0.05, 0.2) * fast);
          handler = other;
        }
      }
      if (stallAt === 'assigned') return;
      story.step(handler, { type: 'accept' }, d.between(0.05, 0.3) * fast);
    }
    story.step(handler, { type: 'start' }, d.between(0, 0.2) * fast);
    if (d.chance(0.25)) story.step(handler, { type: 'addNote', text: '已电话联系申请人，约定见面时间', visibility: 'internal' }, d.between(0.05, 0.3) * fast);
    if (d.chance(0.3)) story.step(handler, { type: 'recordMaterials', kind: 'received', items: [{ name: d.pick(MATERIALS), count: d.int(1, 3) }] }, d.between(0.05, 0.3) * fast);

    // 一次性告知: the clock pauses until the materials come back (or never do).
    const materialsOdds = category === 'legalAid' || category === 'notary' || category === 'appraisal' ? 0.35 : 0.1;
    if (d.chance(materialsOdds)) {
      const items = d.some(MATERIALS, 1, 3);
      story.step(handler, { type: 'requestMaterials', items }, d.between(0.1, 0.4) * limit);
      if (d.chance(0.15)) {
        story.step(SYSTEM, { type: 'withdraw', reason: '逾期未补齐材料' }, d.between(15, 30) * DAY);
        return;
      }
      story.step(speaker(), { type: 'supplyMaterials', items }, d.between(1, 10) * DAY);
    }

    // 转办, mostly accepted by the receiving unit.
    if (stallAt === 'transferPending' || d.chance(0.07)) {
      const here = unit(org);
      const options = UNITS.filter((u) => u.id !== org && (u.parentId === org || u.id === here.parentId || (here.tier === 'room' && u.parentId === here.parentId)));
      const to = d.pick(options);
      story.step(handler, { type: 'transfer', toOrgId: to.id, reason: '属地管辖，转由对方办理' }, d.between(0.05, 0.3) * limit);
      if (stallAt === 'transferPending') return;
      const receiver = to.tier === 'room' ? advisorOf(to.id) : to.tier === 'station' ? staffOf(to.id) : worker('demo-staff');
      if (d.chance(0.85)) {
        story.step(receiver, { type: 'acceptTransfer' }, d.between(0.05, 0.3) * fast);
        org = to.id;
        handler = receiver;
        story.step(handler, { type: 'start' }, d.between(0, 0.2) * fast);
      } else {
        story.step(receiver, { type: 'declineTransfer', reason: '不属于本单位受理范围' }, d.between(0.05, 0.3) * fast);
      }
    }

    if (ending === 'reject') {
      const [reason, referTo] = d.pick(REJECTIONS);
      story.step(handler, { type: 'reject', reason, referTo }, d.between(0.1, 0.5) * limit);
      return;
    }
    if (ending === 'withdraw') {
      story.step(speaker(), { type: 'withdraw', reason: '问题已自行解决' }, d.between(0.1, 0.6) * limit);
      return;
    }
    if (ending === 'stall') return; // nobody closes it: it runs past its deadline
    // 催办 is the applicant's own (a worker's is a supervisor's 督办).
    if (speaker().role === 'resident' && d.chance(0.08)) story.step(speaker(), { type: 'remind' }, d.between(0.3, 0.8) * limit);

    const late = d.chance(0.1);
    const settled = (late ? d.between(1.05, 2.5) : d.between(0.1, 0.9)) * limit;
    const { ends, bodies } = CATEGORY_INFO[category];
    if (ends === 'referral' && bodies.length > 0) {
      // The center's commitment is to refer in time (C2); the body then takes its own statutory period.
      // Timed from intake, as the commitment runs: the steps before it already took their share.
      const referAt = new Date(story.state.receivedAt).getTime() + (late ? d.between(1.05, 2.5) : d.between(0.3, 0.9)) * limit;
      story.step(handler, { type: 'refer', body: d.pick(bodies) }, referAt - story.t);
      const accepted = Math.max(60_000, d.between(0.2, 3) * DAY);
      story.step(handler, { type: 'recordAcceptance', acceptedOn: shanghaiDay(new Date(story.t + accepted)) }, accepted);
      story.step(handler, { type: 'resolve', result: d.pick(RESULTS) }, d.between(5, 40) * DAY);
    } else {
      story.step(handler, { type: 'resolve', result: d.pick(RESULTS) }, settled);
    }
    if (d.chance(0.8)) {
      const satisfaction = d.weighted<number>([[5, 60], [4, 25], [3, 10], [2, 3], [1, 2]]);
      const comment = d.chance(0.3) ? { comment: '工作人员很耐心' } : {};
      const by = rater();
      if (by) story.step(by, { type: 'evaluate', satisfaction, ...comment }, d.between(0.2, 10) * DAY);
    }
  }

  private tally(doc: CaseDoc, events: number): void {
    const s = this.summary;
    s.cases += 1;
    s.events += events;
    s.byStatus[doc.status] = (s.byStatus[doc.status] ?? 0) + 1;
    if (doc.dueAt && doc.dueAt.getTime() < this.opts.now.getTime()) s.overdue += 1;
    if (doc.status === 'awaitingMaterials') s.paused += 1;
  }
}

/** Who works a unit's front desk. */
function frontDesk(orgId: string): ActingActor {
  const u = unit(orgId);
  if (u.tier === 'center') return worker('demo-staff');
  if (u.tier === 'station') return staffOf(u.id);
  return advisorOf(u.id);
}

/** counters.ts appends a random token per claim; a stable one keeps generation repeatable. */
function claimToken(key: string, sequence: number): string {
  return createHash('sha256').update(`${key}#${sequence}`).digest('base64url').slice(0, 8);
}

/**
 * Generates and loads the cases straight into devcloud's Database, batch by batch (each batch one
 * durable write per collection). Returns what was made.
 */
export async function insertGenerated(db: Database, opts: GenerateOptions): Promise<GenerationSummary> {
  const gen = new CaseGenerator(opts);
  for (const batch of gen.batches()) {
    await db.insertMany('cases', batch.cases);
    await db.insertMany('case_events', batch.events);
  }
  const counters = gen.counterDocs();
  if (counters.length > 0) await db.insertMany('counters', counters);
  const services = generateServiceDocs(opts);
  await db.insertMany('bookings', services.bookings);
  await db.insertMany('group_messages', services.questions);
  await db.insertMany('legal_aid', services.legalAid);
  return gen.summary;
}

// ─── the other services 统计 counts: bookings, group questions, legal-aid decisions ──────────

/**
 * A booking as the booking function stores it (cloudfunctions/booking/store.ts), at a unit for a
 * day, in the status given; 统计 reads its unit, day and status. Times are the day's 09:00 Beijing.
 */
export function bookingDoc(id: string, orgId: string, day: DayKey, status: BookingStatus, phone: StoredPhone): BookingDoc {
  const startsAt = new Date(`${day}T01:00:00Z`);
  return {
    _id: id,
    orgId,
    day,
    time: '09:00',
    startsAt,
    endsAt: new Date(startsAt.getTime() + HOUR / 2),
    service: 'mediation',
    openid: `gen-booker-${id}`,
    holder: `gen-booker-${id}`,
    seat: 'general',
    priorityGroups: [],
    cancelBy: new Date(startsAt.getTime() - 2 * HOUR),
    code: String(100000 + (Number.parseInt(createHash('sha256').update(id).digest('hex').slice(0, 8), 16) % 900000)),
    checkedInAt: status === 'attended' ? startsAt : null,
    checkedInBy: status === 'attended' ? 'gen-staff' : null,
    caseId: null,
    rescheduledFrom: null,
    rescheduledTo: status === 'rescheduled' ? `${id}-again` : null,
    applicant: { name: '预约群众', ...phone },
    proxy: null,
    note: '',
    status,
    createdAt: new Date(startsAt.getTime() - 3 * DAY),
    cancelledAt: status === 'cancelled' ? new Date(startsAt.getTime() - DAY) : null,
    cancelledBy: status === 'cancelled' ? 'applicant' : null,
    cancelReason: status === 'cancelled' ? '有事去不了' : null,
  };
}

/** A village group's question as the group function stores it, answered `answerSeconds` after it was asked, or not. */
export function questionDoc(id: string, orgId: string, createdAt: Date, answerSeconds: number | null): MessageDoc {
  const answeredAt = answerSeconds === null ? null : new Date(createdAt.getTime() + answerSeconds * 1000);
  return {
    _id: id,
    groupId: orgId,
    orgId,
    kind: 'question',
    text: '宅基地确权要带什么材料？',
    images: [],
    private: false,
    moderation: 'visible',
    authorOpenid: `gen-asker-${id}`,
    authorName: '村民',
    authorRole: 'villager',
    questionId: null,
    askerOpenid: null,
    status: answeredAt ? 'answered' : 'open',
    dueAt: new Date(createdAt.getTime() + DAY),
    remindAt: null,
    remindedAt: null,
    escalatedAt: null,
    answeredAt,
    answerSeconds,
    answeredBy: answeredAt ? 'gen-advisor' : null,
    caseId: null,
    caseCode: null,
    contact: null,
    createdAt,
    updatedAt: answeredAt ?? createdAt,
    version: answeredAt ? 2 : 1,
  };
}

/**
 * What 统计 reads of a legal-aid record (cloudfunctions/legalAid/store.ts): its unit, when it was
 * filed, the decision and the verification. Only for scale runs, where the records' other fields
 * (history, clocks, sealed facts) would only cost memory; the functions test makes real ones.
 */
export type AidStatsDoc = Pick<AidDoc, '_id' | 'caseId' | 'orgId' | 'orgPath' | 'receivedAt' | 'status' | 'decision' | 'verification'>;

export interface ServiceDocs {
  bookings: BookingDoc[];
  questions: MessageDoc[];
  legalAid: AidStatsDoc[];
}

/**
 * A year of the other services beside `cases` cases, in proportion: a booking for every ~10 cases
 * (12% of those missed), a group question for every ~15, a legal-aid application for every ~100
 * (85% of the decided granted, a third of promise grants verified). Seeded like the cases.
 */
export function generateServiceDocs(opts: { cases: number; now: Date; seed?: number }): ServiceDocs {
  const d = new Dice(mulberry32((opts.seed ?? 20261122) ^ 0x5eed));
  const now = opts.now.getTime();
  const dayOf = () => new Date(now - d.between(0, 365) * DAY);
  const phone = protectPhoneWith(fieldKeysFrom(process.env.FIELD_KEYS ? process.env : DEV_ONLY_FIELD_KEY_ENV), '13900000000');
  const bookings = Array.from({ length: Math.round(opts.cases / 10) }, (_, i) => {
    const at = dayOf();
    const past = at.getTime() < now - DAY;
    const status = past ? d.weighted<BookingStatus>([['attended', 70], ['missed', 12], ['cancelled', 12], ['rescheduled', 6]]) : d.weighted<BookingStatus>([['booked', 85], ['cancelled', 15]]);
    return bookingDoc(`gen-booking-${i.toString(36)}`, d.pick([...stations, ...rooms]).id, shanghaiDay(at), status, phone);
  });
  const questions = Array.from({ length: Math.round(opts.cases / 15) }, (_, i) => {
    const at = dayOf();
    const answered = d.chance(0.9) && at.getTime() < now - DAY;
    return questionDoc(`gen-question-${i.toString(36)}`, d.pick(rooms).id, at, answered ? Math.round(d.between(0.1, 30) * 3600) : null);
  });
  const legalAid = Array.from({ length: Math.round(opts.cases / 100) }, (_, i): AidStatsDoc => {
    const at = dayOf();
    const org = d.pick(rooms);
    const decidedAt = new Date(at.getTime() + d.between(0.1, 7) * DAY);
    const decided = decidedAt.getTime() < now;
    const granted = d.chance(0.85);
    const caseId = `gen-aid-${i.toString(36)}`;
    return {
      _id: caseId,
      caseId,
      orgId: org.id,
      orgPath: [...org.path],
      receivedAt: at,
      status: !decided ? 'underReview' : granted ? 'granted' : 'refused',
      decision: decided ? { granted, reasons: granted ? '' : '不符合经济困难标准', at: decidedAt, by: 'demo-staff', provisional: false } : null,
      verification: decided && granted && d.chance(0.3) ? { flagged: false, result: d.weighted<'pending' | 'confirmed' | 'false'>([['pending', 30], ['confirmed', 65], ['false', 5]]) } : null,
    };
  });
  return { bookings, questions, legalAid };
}
