import {
  DEFAULT_SETTINGS,
  EXEMPTION_INFO,
  ROUTE_LABELS,
  evaluateSelfCheck,
  nextQuestion,
  type LegalAidSettings,
  type Question,
  type QuestionId,
  type SelfCheckAnswers,
  type SelfCheckResult,
} from '@core';
import { api } from '../../../api/client';
import { loadInto } from '../../../api/load';
import { ANSWERS_KEY } from '../keys';
import { themed } from '../../../behaviors/themed';

const OUTCOME_TEXT: Record<SelfCheckResult['outcome'], string> = {
  likely: '您很可能可以得到法律援助',
  unlikely: '按您说的收入，可能不符合经济困难标准',
  notCovered: '这类事情一般不在法律援助范围内',
  elsewhere: '这件事要到别的地方申请',
  unfinished: '',
};

type Raw = string | boolean | string[];

/** The answer a tapped option stands for: yes/no questions keep a boolean. */
function valueOf(q: Question, value: string): Raw {
  return q.kind === 'yesNo' ? value === 'yes' : value;
}

function isOn(q: Question, answer: unknown, value: string): boolean {
  if (q.kind === 'multi') return Array.isArray(answer) && answer.includes(value);
  return answer === valueOf(q, value);
}

/** What the template shows for the current screen: one question, or the result. */
function screen(answers: SelfCheckAnswers, settings: LegalAidSettings, picked: string[]) {
  const q = nextQuestion(answers, settings);
  if (q) {
    const options = q.options.map((o) => ({ ...o, on: q.kind === 'multi' ? picked.includes(o.value) : isOn(q, answers[q.id], o.value) }));
    return { question: { id: q.id, title: q.title, help: q.help, multi: q.kind === 'multi' }, options, result: null };
  }
  const r = evaluateSelfCheck(answers, settings);
  return {
    question: null,
    options: [],
    result: {
      outcome: r.outcome,
      title: OUTCOME_TEXT[r.outcome],
      route: r.route ? ROUTE_LABELS[r.route] : '',
      proof: r.exemption ? EXEMPTION_INFO[r.exemption].proof : '',
      bring: r.bring,
      homeVisit: r.homeVisit,
      greenChannel: r.greenChannel,
      referral: r.referral ?? '',
      canApply: r.outcome === 'likely' || r.outcome === 'unlikely',
    },
  };
}

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    settings: DEFAULT_SETTINGS as LegalAidSettings,
    answers: {} as SelfCheckAnswers,
    /** The order questions were answered in, for 上一步. */
    asked: [] as QuestionId[],
    /** A multiple-choice question's ticks before 下一步. */
    picked: [] as string[],
    question: null as null | { id: QuestionId; title: string; help: string; multi: boolean },
    options: [] as Array<{ value: string; label: string; on: boolean }>,
    result: null as null | ReturnType<typeof screen>['result'],
  },
  lifetimes: {
    attached() {
      void loadInto(
        this,
        () => api().legalAid.rules({}),
        ({ settings }) => ({ settings, ...screen({}, settings as LegalAidSettings, []) }),
      );
    },
  },
  methods: {
    show(answers: SelfCheckAnswers, asked: QuestionId[]) {
      this.setData({ answers, asked, picked: [], ...screen(answers, this.data.settings, []) });
    },
    answer(id: QuestionId, value: Raw) {
      this.show({ ...this.data.answers, [id]: value } as SelfCheckAnswers, [...this.data.asked, id]);
    },
    onOption(e: WechatMiniprogram.BaseEvent) {
      const value = (e.currentTarget.dataset as { value: string }).value;
      const q = nextQuestion(this.data.answers, this.data.settings);
      if (!q) return;
      if (q.kind !== 'multi') return this.answer(q.id, valueOf(q, value));
      const picked = this.data.picked.includes(value) ? this.data.picked.filter((v) => v !== value) : [...this.data.picked, value];
      this.setData({ picked, options: this.data.options.map((o) => ({ ...o, on: picked.includes(o.value) })) });
    },
    onNext() {
      const q = this.data.question;
      if (q?.multi) this.answer(q.id, this.data.picked);
    },
    onBack() {
      const asked = [...this.data.asked];
      const last = asked.pop();
      if (!last) return;
      const answers = { ...this.data.answers };
      delete answers[last];
      this.show(answers, asked);
    },
    onRestart() {
      this.show({}, []);
    },
    onApply() {
      wx.setStorageSync(ANSWERS_KEY, this.data.answers);
      void wx.navigateTo({ url: '/pages/legal-aid/apply/index' });
    },
  },
});
