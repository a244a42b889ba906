import { formatShanghai } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

interface Item {
  id: string;
  groupId: string;
  village: string;
  text: string;
  who: string;
  when: string;
  statusLabel: string;
  late: boolean;
  label: string;
}

type Row = { groupId: string; villageName: string; message: { id: string; text: string; authorName: string; at: Date | string; statusLabel: string; status: string | null } };

const item = (r: Row): Item => {
  const when = formatShanghai(new Date(r.message.at), 'M月D日 HH:mm');
  return {
    id: r.message.id,
    groupId: r.groupId,
    village: r.villageName,
    text: r.message.text,
    who: r.message.authorName,
    when,
    statusLabel: r.message.statusLabel,
    late: r.message.status === 'escalated',
    label: `${r.villageName}，${r.message.authorName}，${when}，${r.message.text}`,
  };
};

interface Talk {
  id: string;
  villageName: string;
  topic: string;
  date: string;
  status: string;
  statusLabel: string;
  requestedBy: string;
  label: string;
}
const talk = (l: Omit<Talk, 'label'>): Talk => ({ ...l, label: `${l.villageName}，${l.topic}，${l.date}，${l.statusLabel}` });

/** 待解答: an advisor's (or a station's) unanswered questions across all their villages, oldest first; held messages to approve; quick replies. */
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    questions: [] as Item[],
    held: [] as Item[],
    quickReplies: [] as string[],
    answering: '',
    answerText: '',
    newReply: '',
    sending: false,
    lectures: [] as Talk[],
    noticeUnits: [] as Array<{ id: string; name: string }>,
    unitIndex: 0,
    noticeTitle: '',
    noticeText: '',
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      await loadInto(
        this,
        () => api().group.workspace({}),
        (w) => ({
          questions: (w.questions as Row[]).map(item),
          held: (w.held as Row[]).map(item),
          quickReplies: w.quickReplies,
          lectures: w.lectures.map((l) => talk(l)),
          noticeUnits: w.noticeUnits,
        }),
      );
    },
    onAnswerStart(e: WechatMiniprogram.BaseEvent) {
      this.setData({ answering: (e.currentTarget.dataset as { id: string }).id, answerText: '' });
    },
    onAnswerText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ answerText: e.detail.value });
    },
    onQuick(e: WechatMiniprogram.BaseEvent) {
      this.setData({ answerText: (e.currentTarget.dataset as { text: string }).text });
    },
    async onAnswer() {
      const q = this.data.questions.find((x) => x.id === this.data.answering);
      if (!q || !this.data.answerText.trim()) return;
      this.setData({ sending: true });
      try {
        await api().group.post({ groupId: q.groupId, kind: 'answer', questionId: q.id, text: this.data.answerText });
        this.setData({ questions: this.data.questions.filter((x) => x.id !== q.id), answering: '', answerText: '' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ sending: false });
      }
    },
    async onModerate(e: WechatMiniprogram.BaseEvent) {
      const { id, approve } = e.currentTarget.dataset as { id: string; approve: string };
      try {
        await api().group.moderate({ messageId: id, approve: approve === 'yes' });
        this.setData({ held: this.data.held.filter((x) => x.id !== id) });
      } catch (err) {
        showError(err);
      }
    },
    onNewReply(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ newReply: e.detail.value });
    },
    async saveReplies(replies: string[]) {
      try {
        const { quickReplies } = await api().group.saveQuickReplies({ replies });
        this.setData({ quickReplies, newReply: '' });
      } catch (err) {
        showError(err);
      }
    },
    onAddReply() {
      if (this.data.newReply.trim()) void this.saveReplies([...this.data.quickReplies, this.data.newReply.trim()]);
    },
    onRemoveReply(e: WechatMiniprogram.BaseEvent) {
      const { index } = e.currentTarget.dataset as { index: number };
      void this.saveReplies(this.data.quickReplies.filter((_, i) => i !== Number(index)));
    },
    onOpenGroup(e: WechatMiniprogram.BaseEvent) {
      const { group } = e.currentTarget.dataset as { group: string };
      void wx.navigateTo({ url: `/pages/group/index/index?groupId=${encodeURIComponent(group)}` });
    },
    async onLectureStep(e: WechatMiniprogram.BaseEvent) {
      const { id, status } = e.currentTarget.dataset as { id: string; status: 'scheduled' | 'delivered' };
      try {
        const l = await api().group.updateLecture({ lectureId: id, status });
        this.setData({ lectures: this.data.lectures.map((x) => (x.id === id ? talk(l) : x)).filter((x) => x.status !== 'delivered') });
      } catch (err) {
        showError(err);
      }
    },
    onUnit(e: WechatMiniprogram.BaseEvent) {
      this.setData({ unitIndex: Number((e.currentTarget.dataset as { index: number }).index) });
    },
    onNoticeField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { field } = e.currentTarget.dataset as { field: 'noticeTitle' | 'noticeText' };
      this.setData({ [field]: e.detail.value });
    },
    /** 法治宣传 for a village, the township or the county: it shows in every group under that unit and on its villagers' 首页. */
    async onPostNotice() {
      const unit = this.data.noticeUnits[this.data.unitIndex];
      if (!unit) return;
      try {
        await api().group.postNotice({ orgId: unit.id, title: this.data.noticeTitle, text: this.data.noticeText });
        this.setData({ noticeTitle: '', noticeText: '' });
        void wx.showToast({ title: `已发布到${unit.name}`, icon: 'none' });
      } catch (err) {
        showError(err);
      }
    },
    onRetry() {
      void this.load();
    },
  },
});
