// The three forms of seed 004's 告知承诺制 (黄石): 《法律援助申请告知书》《法律援助申请人承诺书》
// 《法律援助申请人家庭成员和经济困难申报表》, as printable documents (title + lines), filled from
// the application. A page prints them; the wording of the promise is what the applicant signs.
import type { HouseholdMember } from './hardship';
import type { LegalAidSettings } from './rules';

export interface PrintableForm {
  title: string;
  lines: string[];
}

/** 《法律援助申请告知书》: basis, content, the consequence of a false promise, how and how far it is checked. */
export function noticeForm(settings: LegalAidSettings): PrintableForm {
  const { standard } = settings;
  return {
    title: '法律援助申请告知书',
    lines: [
      '一、依据：《中华人民共和国法律援助法》第四十一条，申请人可以用个人诚信承诺的方式说明经济困难状况。',
      `二、标准：家庭人均月收入不高于${standard.monthlyIncomePerHead}元，家庭财产不高于${standard.householdAssets}元（${standard.source}）。`,
      '三、您要做的：如实填写家庭成员和经济困难申报表，签署承诺书，不用另外开具经济困难证明。',
      '四、先审批、后核查：法律援助机构先作出决定，之后通过数据共享、电话或上门等方式抽查核实。',
      '五、承诺不实的后果：终止法律援助；由您负担已经支出的法律援助费用，并可能被处三千元以下罚款（第四十八条、第六十四条）；以后不能再用承诺方式申请。',
      '六、核查范围和期限：只核查与经济困难有关的情况，在援助期间和结案后一年内进行，信息仅用于核查。',
    ],
  };
}

/** 《法律援助申请人承诺书》: what the applicant signs (by hand on screen, or a fingerprint with a witness). */
export function promiseForm(applicantName: string, signedAt: string | null, witness: string | null): PrintableForm {
  return {
    title: '法律援助申请人承诺书',
    lines: [
      `本人${applicantName}申请法律援助，已阅读并理解《法律援助申请告知书》。`,
      '本人承诺：所填家庭成员和经济状况真实、完整，没有隐瞒。',
      '本人同意法律援助机构通过数据共享、询问有关单位或上门等方式核查。',
      '如有不实，本人愿意承担终止法律援助、负担已支出费用和罚款等法律责任。',
      `申请人签名：${signedAt ? '（已在手机上签名）' : '__________'}    日期：${signedAt ?? '__________'}`,
      ...(witness ? [`申请人不能书写，按手印确认；见证人：${witness}`] : []),
    ],
  };
}

/** 《法律援助申请人家庭成员和经济困难申报表》: one line per household member, with the totals. */
export function householdForm(applicantName: string, members: readonly HouseholdMember[]): PrintableForm {
  const income = members.reduce((s, m) => s + m.monthlyIncome, 0);
  const assets = members.reduce((s, m) => s + m.assets, 0);
  const perHead = members.length ? Math.round((income / members.length) * 100) / 100 : 0;
  return {
    title: '法律援助申请人家庭成员和经济困难申报表',
    lines: [
      `申请人：${applicantName}`,
      '关系 | 月收入（元） | 财产（元）',
      ...members.map((m) => `${m.relation} | ${m.monthlyIncome} | ${m.assets}`),
      `家庭人口：${members.length}人；月收入合计：${income}元；人均：${perHead}元；财产合计：${assets}元`,
    ],
  };
}

/**
 * The written decision (Art 43: a refusal in writing with its reasons; Art 49: the objection route),
 * or the grant with its lawyer once dispatched; null before a decision.
 */
export function decisionForm(d: {
  code: string;
  applicantName: string;
  decision: { granted: boolean; reasons: string; at: Date; by: string } | null;
  lawyer: { name: string } | null;
}): PrintableForm | null {
  if (!d.decision) return null;
  const day = (at: Date) => new Date(new Date(at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (!d.decision.granted) {
    return {
      title: '不予法律援助决定书',
      lines: [
        `编号：${d.code}`,
        `申请人：${d.applicantName}`,
        '经审查，决定不予法律援助。',
        `理由：${d.decision.reasons}`,
        '如对本决定有异议，可以向县司法局提出，司法局自收到异议之日起五日内审查并作出决定（《法律援助法》第四十九条）。',
        `法律援助机构（审查人：${d.decision.by}）    ${day(d.decision.at)}`,
      ],
    };
  }
  return {
    title: '给予法律援助决定书',
    lines: [
      `编号：${d.code}`,
      `受援人：${d.applicantName}`,
      '经审查，决定给予法律援助。',
      d.lawyer ? `承办律师：${d.lawyer.name}` : '法律援助机构将在三日内指派律师（《法律援助法》第四十三条）。',
      `法律援助机构（审查人：${d.decision.by}）    ${day(d.decision.at)}`,
    ],
  };
}
