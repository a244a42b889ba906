import { AWARENESS_QUESTIONS } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { profileForForm } from '../../../api/profile';
import { themed } from '../../../behaviors/themed';

/**
 * 法律服务问卷: three questions a quarter for 知晓率 and 首选率, answered once and anonymously (the
 * function keeps a keyed hash of the quarter and the person, never who answered).
 */
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    period: '',
    answered: false,
    questions: AWARENESS_QUESTIONS.map((q) => ({ key: q.key, text: q.text, options: [...q.options] })),
    answers: {} as Record<string, string>,
    villages: [] as Array<{ id: string; name: string }>,
    villageIndex: -1,
    sending: false,
    done: false,
  },
  lifetimes: {
    attached() {
      void loadInto(
        this,
        // One call: the villages come with the survey; the home village is this phone's copy of 我的.
        async () => {
          const [survey, mine] = await Promise.all([api().evaluation.awarenessSurvey({}), profileForForm({ ask: false })]);
          return { survey, home: mine?.villageId ?? null };
        },
        ({ survey, home }) => ({
          period: survey.period,
          answered: survey.answered,
          villages: survey.villages,
          villageIndex: home ? survey.villages.findIndex((v) => v.id === home) : -1,
        }),
      );
    },
  },
  methods: {
    onPick(e: WechatMiniprogram.BaseEvent) {
      const { key, value } = e.currentTarget.dataset as { key: string; value: string };
      this.setData({ [`answers.${key}`]: value });
    },
    onVillage(e: WechatMiniprogram.CustomEvent<{ value: string | number }>) {
      this.setData({ villageIndex: Number(e.detail.value) });
    },
    async onSubmit() {
      if (this.data.sending) return;
      const a = this.data.answers;
      const village = this.data.villages[this.data.villageIndex];
      if (!village || !a.knowsAdvisor || !a.knowsService || !a.firstChoice) {
        wx.showToast({ title: '请把每一题都选上', icon: 'none' });
        return;
      }
      this.setData({ sending: true });
      try {
        await api().evaluation.answerAwareness({
          orgId: village.id,
          knowsAdvisor: a.knowsAdvisor === 'yes',
          knowsService: a.knowsService === 'yes',
          firstChoice: a.firstChoice as never,
        });
        this.setData({ done: true, answered: true });
        wx.showToast({ title: '谢谢您', icon: 'success' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ sending: false });
      }
    },
  },
});
