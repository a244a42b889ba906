import { formatShanghai, GROUP_ROLE_LABELS, nextPollDelay, POLL_MIN_MS, type GroupMessageView, type GroupNoticeView, type RatingInput } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { rememberHome } from '../home-cache';
import { photoPicker } from '../../../behaviors/photo-picker';
import { attachmentsOf, type Picked } from '../../../utils/picked';
import { themed } from '../../../behaviors/themed';

interface Row {
  id: string;
  kind: string;
  text: string;
  who: string;
  when: string;
  mine: boolean;
  isQuestion: boolean;
  isAnswer: boolean;
  status: string;
  statusLabel: string;
  held: boolean;
  private: boolean;
  caseCode: string;
  due: string;
  canAnswer: boolean;
  canClose: boolean;
  canConvert: boolean;
  /** The asker's own answered question: they may rate the answer (好差评), once. */
  canRate: boolean;
  label: string;
  version: number;
  at: number;
  imageCount: number;
}

type View = Omit<GroupMessageView, 'at' | 'dueAt'> & { at: Date | string; dueAt: Date | string | null };

function row(m: View, worker: boolean): Row {
  const at = new Date(m.at);
  const when = formatShanghai(at, 'M月D日 HH:mm');
  const isQuestion = m.kind === 'question';
  const open = m.status === 'open' || m.status === 'escalated';
  const who = `${m.authorName}（${m.authorRole}）`;
  return {
    id: m.id,
    kind: m.kind,
    text: m.text,
    who,
    when,
    mine: m.mine,
    isQuestion,
    isAnswer: m.kind === 'answer',
    status: m.status ?? '',
    statusLabel: m.statusLabel,
    held: m.moderation === 'held',
    private: m.private,
    caseCode: m.caseCode ?? '',
    due: isQuestion && open && m.dueAt ? `${formatShanghai(new Date(m.dueAt), 'M月D日 HH:mm')}前答复` : '',
    canAnswer: worker && isQuestion && m.moderation === 'visible',
    canClose: isQuestion && m.mine && m.status === 'answered',
    canConvert: worker && isQuestion && !m.caseId && m.moderation === 'visible',
    canRate: isQuestion && m.mine && !!m.answeredAt,
    label: `${isQuestion ? '提问' : m.kind === 'answer' ? '解答' : '消息'}，${who}，${when}，${m.text}${m.statusLabel ? `，${m.statusLabel}` : ''}`,
    version: m.version,
    at: at.getTime(),
    imageCount: m.imageCount,
  };
}

/** Newer versions replace what the page holds; order is by when each was posted. */
function merge(rows: Row[], fresh: Row[]): Row[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const r of fresh) {
    const had = byId.get(r.id);
    if (!had || had.version <= r.version) byId.set(r.id, r);
  }
  return [...byId.values()].sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
}

const noticeRow = (n: Omit<GroupNoticeView, 'at'> & { at: Date | string }) => ({ ...n, when: formatShanghai(new Date(n.at), 'M月D日') });

interface Lecture {
  id: string;
  topic: string;
  date: string;
  status: string;
  statusLabel: string;
  note: string;
  requestedBy: string;
}
const lectureRow = (l: Lecture) => ({ ...l, canSchedule: l.status === 'requested', canDeliver: l.status === 'scheduled', label: `普法讲座：${l.topic}，${l.date}，${l.statusLabel}` });

let timer: ReturnType<typeof setTimeout> | null = null;

/**
 * 法律顾问群: a village's group. It opens with one call (group.open), then asks only for what changed
 * since its cursor: on show, after sending, and every 10 s or more while visible, backing off while
 * nothing changes. Never a realtime watch: the platform advises against it for many users.
 */
Component({
  behaviors: [themed, photoPicker],
  properties: {
    groupId: { type: String, value: '' },
    /** The share card's token: present when opened from the card in the WeChat group. */
    t: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    notMember: false,
    name: '',
    role: '',
    worker: false,
    officeHours: '',
    advisors: '',
    memberCount: 0,
    joinCode: '',
    sharePath: '',
    notices: [] as Array<ReturnType<typeof noticeRow>>,
    rows: [] as Row[],
    cursor: '',
    draft: '',
    privateAsk: false,
    sending: false,
    /** Which button sent (question / message / answer): it is the one that counts the upload up. */
    sendKind: '',
    answering: '',
    answerText: '',
    pollMs: POLL_MIN_MS,
    joinName: '',
    cadre: false,
    lectures: [] as Array<ReturnType<typeof lectureRow>>,
    noticeTitle: '',
    noticeText: '',
    lectureTopic: '',
    lectureDate: '',
    /** Photos for the next message, uploaded into the person's own folder as they are picked. */
    picked: [] as Picked[],
    /** What the asker said of each answered question of theirs (好差评), by question id. */
    ratedText: {} as Record<string, string>,
    /** The question whose rating form is open. */
    rating: '',
    ratingBusy: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
    detached() {
      this.stopPolling();
    },
  },
  pageLifetimes: {
    show() {
      if (!this.data.loading && this.data.cursor) void this.poll();
    },
    hide() {
      this.stopPolling();
    },
  },
  methods: {
    async load() {
      this.setData({ loading: true, failed: false });
      try {
        const g = await api().group.open({ groupId: this.data.groupId });
        this.setData({
          loading: false,
          notMember: false,
          name: g.name,
          role: g.role,
          worker: g.worker,
          officeHours: g.officeHours,
          advisors: g.advisors.join('、'),
          memberCount: g.memberCount,
          joinCode: g.joinCode ?? '',
          sharePath: g.sharePath ?? '',
          notices: g.notices.map(noticeRow),
          rows: merge([], (g.messages as View[]).map((m) => row(m, g.worker))),
          cursor: g.cursor,
          pollMs: POLL_MIN_MS,
          cadre: g.role === GROUP_ROLE_LABELS.cadre,
          lectures: (g.lectures as Lecture[]).map(lectureRow),
        });
        void wx.setNavigationBarTitle({ title: g.name });
        void this.loadRatings();
        // A villager's own group: 首页 shows its 法治宣传 from this copy.
        if (g.member) rememberHome({ groupId: g.groupId, name: g.name }, g.notices);
        this.schedule();
      } catch (err) {
        const e = err as { details?: { reason?: string } };
        if (e.details?.reason === 'group_not_found') this.setData({ loading: false, notMember: true });
        else {
          this.setData({ loading: false, failed: true });
          showError(err);
        }
      }
    },
    /** What the person said of their answered questions: asked only when they have some. */
    async loadRatings() {
      const ids = this.data.rows.filter((r) => r.canRate).map((r) => r.id);
      if (ids.length === 0) return;
      try {
        const { ratings } = await api().evaluation.myRatings({ kind: 'question', ids });
        this.setData({ ratedText: Object.fromEntries(ratings.map((r) => [r.subjectId, r.text])) });
      } catch {
        // Without it the 评价 button shows; rating again is refused as already rated.
      }
    },
    onRate(e: WechatMiniprogram.BaseEvent) {
      this.setData({ rating: (e.currentTarget.dataset as { id: string }).id });
    },
    onRateCancel() {
      this.setData({ rating: '' });
    },
    /** The shared rating component's answers, for the question whose form is open. */
    async onRated(e: WechatMiniprogram.CustomEvent<RatingInput>) {
      const id = this.data.rating;
      if (!id || this.data.ratingBusy) return;
      this.setData({ ratingBusy: true });
      try {
        const mine = await api().evaluation.rate({ kind: 'question', id, ...e.detail });
        void wx.showToast({ title: '已评价，谢谢', icon: 'none' });
        this.setData({ rating: '', [`ratedText.${id}`]: mine.text });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ ratingBusy: false });
      }
    },
    schedule() {
      this.stopPolling();
      timer = setTimeout(() => void this.poll(), this.data.pollMs);
    },
    stopPolling() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
    async poll() {
      this.stopPolling();
      try {
        const answer = await api().group.poll({ groupId: this.data.groupId, cursor: this.data.cursor });
        if (answer.expired) return void this.load();
        const fresh = (answer.messages as View[]).map((m) => row(m, this.data.worker));
        this.setData({ rows: fresh.length ? merge(this.data.rows, fresh) : this.data.rows, cursor: answer.cursor, pollMs: nextPollDelay(this.data.pollMs, fresh.length > 0) });
      } catch {
        // A weak network: try again later, less often.
        this.setData({ pollMs: nextPollDelay(this.data.pollMs, false) });
      }
      this.schedule();
    },
    onDraft(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ draft: e.detail.value });
    },
    onDraftVoice(e: WechatMiniprogram.CustomEvent<{ text: string }>) {
      this.setData({ draft: `${this.data.draft}${e.detail.text}`.slice(0, 1000) });
    },
    onPrivate(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
      this.setData({ privateAsk: e.detail.value });
    },
    async send(kind: 'question' | 'message' | 'answer', text: string, questionId?: string) {
      if (!text.trim() || this.data.sending) return;
      const withPhotos = kind !== 'answer' && this.data.picked.length > 0;
      // A tap while photos travel is taken: the button counts up (正在上传 n%) and sends when they are in.
      this.setData({ sending: true, sendKind: kind });
      try {
        if (withPhotos && !(await this.photosReady())) return;
        const images = withPhotos ? attachmentsOf(this.data.picked).slice(0, 3).map((a) => a.fileID) : [];
        const { message } = await api().group.post({ groupId: this.data.groupId, kind, text, ...(images.length ? { images } : {}), ...(kind === 'question' ? { private: this.data.privateAsk } : {}), ...(questionId ? { questionId } : {}) });
        this.setData({ rows: merge(this.data.rows, [row(message as View, this.data.worker)]), draft: kind === 'answer' ? this.data.draft : '', answering: '', answerText: '', privateAsk: false, ...(withPhotos ? { picked: [] } : {}) });
        if (message.moderation === 'held') void wx.showToast({ title: '已发出，法律顾问审核后大家才能看到', icon: 'none', duration: 3000 });
        await this.poll();
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ sending: false });
      }
    },
    pickedFiles(): readonly Picked[] {
      return this.data.picked;
    },
    setPickedFiles(files: Picked[]) {
      this.setData({ picked: files });
    },
    /** A message's photos, each through a 10-minute link the function hands out after the same reach check. */
    async onImages(e: WechatMiniprogram.BaseEvent) {
      const { id, count } = e.currentTarget.dataset as { id: string; count: number };
      try {
        const urls: string[] = [];
        for (let index = 0; index < Number(count); index++) urls.push((await api().group.fileUrl({ messageId: id, index })).url);
        if (urls[0]) void wx.previewImage({ urls, current: urls[0] });
      } catch (err) {
        showError(err);
      }
    },
    onAsk() {
      void this.send('question', this.data.draft);
    },
    onSay() {
      void this.send('message', this.data.draft);
    },
    onAnswerStart(e: WechatMiniprogram.BaseEvent) {
      this.setData({ answering: (e.currentTarget.dataset as { id: string }).id, answerText: '' });
    },
    onAnswerText(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ answerText: e.detail.value });
    },
    onAnswer() {
      void this.send('answer', this.data.answerText, this.data.answering);
    },
    async onClose(e: WechatMiniprogram.BaseEvent) {
      try {
        const { message } = await api().group.closeQuestion({ questionId: (e.currentTarget.dataset as { id: string }).id });
        this.setData({ rows: merge(this.data.rows, [row(message as View, this.data.worker)]) });
      } catch (err) {
        showError(err);
      }
    },
    async onConvert(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      try {
        const { caseCode } = await api().group.convert({ questionId: id });
        void wx.showToast({ title: `已转为工单 ${caseCode}`, icon: 'none', duration: 3000 });
        await this.poll();
      } catch (err) {
        showError(err);
      }
    },
    onJoinName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ joinName: e.detail.value });
    },
    /** Opened from the card in the WeChat group: the group it came from joins this person to its village. */
    async onJoinFromCard() {
      try {
        const info = await new Promise<{ cloudID?: string }>((resolve, reject) => wx.getGroupEnterInfo({ success: resolve, fail: reject }));
        if (!info.cloudID) throw new Error('no cloudID');
        await api().group.join({ groupId: this.data.groupId, token: this.data.t, cloudId: info.cloudID, ...(this.data.joinName ? { name: this.data.joinName } : {}) });
        await this.load();
      } catch (err) {
        showError(err);
      }
    },
    onJoinByCode() {
      void wx.navigateTo({ url: '/pages/group/list/index' });
    },
    onRetry() {
      void this.load();
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { field } = e.currentTarget.dataset as { field: 'noticeTitle' | 'noticeText' | 'lectureTopic' | 'lectureDate' };
      this.setData({ [field]: e.detail.value });
    },
    /** 法治宣传 for this village, pinned in its group and on its villagers' 首页. */
    async onPostNotice() {
      try {
        const { notice } = await api().group.postNotice({ orgId: this.data.groupId, title: this.data.noticeTitle, text: this.data.noticeText });
        this.setData({ notices: [noticeRow(notice), ...this.data.notices], noticeTitle: '', noticeText: '' });
      } catch (err) {
        showError(err);
      }
    },
    /** 订单式普法: the cadre orders a lecture on a topic for a day. */
    async onRequestLecture() {
      try {
        const l = await api().group.requestLecture({ groupId: this.data.groupId, topic: this.data.lectureTopic, date: this.data.lectureDate.trim() });
        this.setData({ lectures: [lectureRow(l as Lecture), ...this.data.lectures], lectureTopic: '', lectureDate: '' });
      } catch (err) {
        showError(err);
      }
    },
    async onLectureStep(e: WechatMiniprogram.BaseEvent) {
      const { id, status } = e.currentTarget.dataset as { id: string; status: 'scheduled' | 'delivered' };
      try {
        const l = await api().group.updateLecture({ lectureId: id, status });
        this.setData({ lectures: this.data.lectures.map((x) => (x.id === id ? lectureRow(l as Lecture) : x)) });
      } catch (err) {
        showError(err);
      }
    },
    onShareAppMessage() {
      return { title: `${this.data.name}：有法律问题，在这里问村法律顾问`, path: this.data.sharePath || `/pages/group/index/index?groupId=${this.data.groupId}` };
    },
  },
});
