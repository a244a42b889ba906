/**
 * devcloud's stand-in for a county's gateway to the 政务信息资源共享交换平台 (seed 004 数据共享和在线核验):
 * the 民政, 人社, 不动产 and 车辆 registers answer from seeded records keyed by ID number. A person
 * with no record gets what a register answers for nobody: nothing held. A register marked down
 * answers an error, as a gateway does when a department's system is unavailable.
 */
export const REGISTERS = ['civilAffairs', 'humanResources', 'realEstate', 'vehicles'] as const;
export type Register = (typeof REGISTERS)[number];

export interface RegisterFacts {
  lowIncomeList?: boolean;
  monthlyIncome?: number;
  extraProperties?: number;
  propertyValue?: number;
  vehicles?: number;
  vehicleValue?: number;
}

export interface GatewayAnswer {
  errcode: number;
  errmsg: string;
  facts?: RegisterFacts;
}

/** What each register holds for nobody in particular. */
const NOTHING_HELD: Record<Register, RegisterFacts> = {
  civilAffairs: { lowIncomeList: false },
  humanResources: { monthlyIncome: 0 },
  realEstate: { extraProperties: 0, propertyValue: 0 },
  vehicles: { vehicles: 0, vehicleValue: 0 },
};

type Record_ = Partial<Record<Register, RegisterFacts | 'down'>>;

/** The demo county's people (fictional ID numbers): one on 低保, one with a second flat, one with a car, one whose 车辆 register is down. */
export const DEFAULT_RECORDS: Record<string, Record_> = {
  '420102198503070021': { civilAffairs: { lowIncomeList: true } },
  '42020219800101123X': { realEstate: { extraProperties: 2, propertyValue: 860000 } },
  '420102197001010013': { vehicles: { vehicles: 1, vehicleValue: 150000 }, humanResources: { monthlyIncome: 2600 } },
  '420102199001010010': { civilAffairs: { lowIncomeList: true }, vehicles: 'down' },
};

export class DevDataSharing {
  private readonly records = new Map<string, Record_>();

  constructor(records: Record<string, Record_> = DEFAULT_RECORDS) {
    for (const [id, r] of Object.entries(records)) this.records.set(id.toUpperCase(), r);
  }

  /** Tests and the console add or replace what the registers hold on a person. */
  seed(idNumber: string, record: Record_): void {
    this.records.set(idNumber.toUpperCase(), { ...(this.records.get(idNumber.toUpperCase()) ?? {}), ...record });
  }

  query(body: { source?: unknown; idNumber?: unknown }): GatewayAnswer {
    const source = body.source;
    if (typeof source !== 'string' || !(REGISTERS as readonly string[]).includes(source)) return { errcode: 40001, errmsg: '未知的数据源' };
    if (typeof body.idNumber !== 'string' || !/^\d{17}[\dXx]$/.test(body.idNumber)) return { errcode: 40002, errmsg: '身份证号格式不对' };
    const held = this.records.get(body.idNumber.toUpperCase())?.[source as Register];
    if (held === 'down') return { errcode: 50300, errmsg: '数据源暂不可用' };
    return { errcode: 0, errmsg: 'ok', facts: { ...NOTHING_HELD[source as Register], ...(held ?? {}) } };
  }
}
