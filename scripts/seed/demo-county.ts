import type { OrgInput, ProviderInput, Service } from '../../core';

/**
 * The demo county: fictional places and people, shaped like the three tiers of the 实体平台建设指导意见 —
 * 1 county center, 3 township stations, 12 village rooms; advisors serving 1–3 villages each; and
 * the county's 司法局 as a unit under the center (where complaints about legal aid go).
 */
const ALL_BASE: Service[] = ['publicity', 'consultation', 'legalAid', 'mediation'];

const notice = (duty: string, person: string, phone: string, hours: string): OrgInput['notice'] => ({
  duty,
  contactPerson: person,
  contactPhone: phone,
  officeHours: hours,
  supervisionPhone: '0999-12348',
});

export const CENTER: OrgInput = {
  id: 'qh-center',
  tier: 'center',
  parentId: null,
  name: '青禾县公共法律服务中心',
  address: '青禾县政务服务中心一楼',
  services: [...ALL_BASE, 'lawyer', 'notary', 'appraisal', 'arbitration', 'adminReview', 'complaint'],
  notice: notice('统一受理群众法律服务需求，分流指派，跟踪办理，回访评价', '周明远', '0999-6012348', '工作日 8:30-12:00，14:30-17:30', ),
  location: { lat: 28.4512, lng: 112.3315 },
};

/** Made-up GCJ-02 positions around the county seat, for 服务地图: each township a few kilometres out, its villages round it. */
const TOWNSHIP_AT: Record<string, { lat: number; lng: number }> = { qs: { lat: 28.4862, lng: 112.3021 }, lh: { lat: 28.4105, lng: 112.3897 }, xl: { lat: 28.5021, lng: 112.4013 } };
const near = (at: { lat: number; lng: number }, i: number) => ({ lat: Math.round((at.lat + 0.012 * Math.cos(i * 1.6)) * 1e4) / 1e4, lng: Math.round((at.lng + 0.014 * Math.sin(i * 1.6)) * 1e4) / 1e4 });

const TOWNSHIPS = [
  { id: 'qs', name: '青石镇', villages: [['qs-dongpo', '东坡村'], ['qs-shanxia', '山下村'], ['qs-heping', '和平社区'], ['qs-liushu', '柳树村']] },
  { id: 'lh', name: '柳河乡', villages: [['lh-hekou', '河口村'], ['lh-xinzhuang', '新庄村'], ['lh-dawan', '大湾村'], ['lh-nanling', '南岭村']] },
  { id: 'xl', name: '杏林镇', villages: [['xl-xingfu', '幸福村'], ['xl-baiyang', '白杨村'], ['xl-qiaotou', '桥头村'], ['xl-jinsha', '金沙社区']] },
] as const;

export const STATIONS: OrgInput[] = TOWNSHIPS.map((t, i) => ({
  id: `${t.id}-station`,
  tier: 'station',
  parentId: CENTER.id,
  name: `${t.name}公共法律服务工作站`,
  address: `${t.name}司法所`,
  services: [...ALL_BASE, 'lawyer'],
  notice: notice('受理本乡镇法律服务事项，指导村（社区）工作室', ['吴建国', '郑秀梅', '孙立新'][i] as string, `0999-60${21 + i}001`, '工作日 9:00-17:00'),
  location: TOWNSHIP_AT[t.id] as { lat: number; lng: number },
}));

export const ROOMS: OrgInput[] = TOWNSHIPS.flatMap((t) =>
  t.villages.map(([id, name], i) => ({
    id,
    tier: 'room' as const,
    parentId: `${t.id}-station`,
    name: `${name}公共法律服务工作室`,
    address: `${t.name}${name}村委会`,
    services: ['publicity', 'consultation', 'mediation'] as Service[],
    notice: notice('法律顾问驻点答疑，调解邻里纠纷，法治宣传', '村调委会', '0999-6100000', '每周二上午驻点'),
    location: near(TOWNSHIP_AT[t.id] as { lat: number; lng: number }, i),
  })),
);

/**
 * The county's 司法局: where complaints about legal aid go (Art 56) rather than to the agency complained
 * of. The three tiers have no place above the center, so it sits under it as a unit of its own kind
 * (tier bureau: no township, left out of the lists of townships), offering only 投诉建议 (never in the
 * legal-aid application's picker).
 */
export const BUREAU: OrgInput = {
  id: 'qh-bureau',
  tier: 'bureau',
  parentId: CENTER.id,
  name: '青禾县司法局',
  address: '青禾县人民路12号',
  services: ['complaint'],
  notice: notice('受理对法律服务和法律援助的投诉，审查法律援助异议', '何志成', '0999-6010001', '工作日 8:30-12:00，14:30-17:30'),
  location: { lat: 28.4526, lng: 112.3341 },
};

/** Workers, each joining through an invite as a real deployment's people would. */
export interface DemoWorker {
  openid: string;
  displayName: string;
  phone: string;
  role: 'advisor' | 'staff' | 'supervisor';
  orgIds: string[];
}

export const WORKERS: DemoWorker[] = [
  { openid: 'demo-staff', displayName: '陈静', phone: '13900000001', role: 'staff', orgIds: ['qh-center'] },
  { openid: 'demo-supervisor', displayName: '周明远', phone: '13900000002', role: 'supervisor', orgIds: ['qh-center'] },
  { openid: 'demo-advisor', displayName: '林晓岚律师', phone: '13900000003', role: 'advisor', orgIds: ['qs-dongpo', 'qs-shanxia', 'qs-heping'] },
  { openid: 'seed-advisor-2', displayName: '高志强律师', phone: '13900000004', role: 'advisor', orgIds: ['qs-liushu', 'lh-hekou'] },
  { openid: 'seed-advisor-3', displayName: '马丽华', phone: '13900000005', role: 'advisor', orgIds: ['lh-xinzhuang', 'lh-dawan', 'lh-nanling'] },
  { openid: 'seed-advisor-4', displayName: '何文斌律师', phone: '13900000006', role: 'advisor', orgIds: ['xl-xingfu'] },
  { openid: 'seed-advisor-5', displayName: '罗秋菊', phone: '13900000007', role: 'advisor', orgIds: ['xl-baiyang', 'xl-qiaotou', 'xl-jinsha'] },
  { openid: 'seed-staff-qs', displayName: '吴建国', phone: '13900000011', role: 'staff', orgIds: ['qs-station'] },
  { openid: 'seed-staff-lh', displayName: '郑秀梅', phone: '13900000012', role: 'staff', orgIds: ['lh-station'] },
  { openid: 'seed-staff-xl', displayName: '孙立新', phone: '13900000013', role: 'staff', orgIds: ['xl-station'] },
];

export const DEMO_ADMIN = 'demo-admin';

/** Outside providers of the demo county (fictional), for 服务地图 and the directory; entered by the center as staff would. */
export const PROVIDERS: ProviderInput[] = [
  {
    id: 'qh-notary',
    kind: 'notaryOffice',
    name: '青禾县公证处',
    services: ['notary'],
    address: '青禾县人民路8号',
    phone: '0999-6020001',
    hours: '工作日 8:30-12:00，14:30-17:30',
    licence: '公证机构执业证 09990001',
    credit: '近三年无行政处罚记录',
    stationId: null,
    location: { lat: 28.4551, lng: 112.3362 },
    active: true,
  },
  {
    id: 'qh-lawfirm-zhengyuan',
    kind: 'lawFirm',
    name: '青禾正源律师事务所',
    services: ['lawyer', 'consultation', 'legalAid'],
    address: '青禾县建设路21号',
    phone: '0999-6031234',
    hours: '工作日 9:00-18:00',
    licence: '律师事务所执业许可证 31099900000001',
    credit: '2025年度考核称职',
    stationId: null,
    location: { lat: 28.4478, lng: 112.3259 },
    active: true,
  },
  {
    id: 'qs-grassroots',
    kind: 'grassrootsOffice',
    name: '青石镇法律服务所',
    services: ['consultation', 'mediation', 'lawyer'],
    address: '青石镇司法所二楼',
    phone: '0999-6021002',
    hours: '工作日 9:00-17:00',
    licence: '基层法律服务所执业证 0999-01',
    credit: '',
    stationId: 'qs-station',
    location: { lat: 28.4871, lng: 112.3035 },
    active: true,
  },
  {
    id: 'lh-mediation',
    kind: 'mediationCommittee',
    name: '柳河乡人民调解委员会',
    services: ['mediation'],
    address: '柳河乡司法所',
    phone: '0999-6022003',
    hours: '工作日 9:00-17:00，纠纷急事随时',
    licence: '调委会登记 柳河-01',
    credit: '',
    stationId: 'lh-station',
    location: { lat: 28.4111, lng: 112.3888 },
    active: true,
  },
  {
    id: 'qh-appraisal',
    kind: 'appraisalInstitution',
    name: '青禾明鉴司法鉴定所',
    services: ['appraisal'],
    address: '青禾县人民医院东侧',
    phone: '0999-6045678',
    hours: '工作日 8:00-17:00',
    licence: '司法鉴定许可证 4309990001',
    credit: '近三年无投诉成立记录',
    stationId: null,
    location: { lat: 28.4536, lng: 112.3411 },
    active: true,
  },
];
