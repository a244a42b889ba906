import { AID_STATUS_LABELS, BOOKING_STATUS_LABELS, CATEGORY_INFO, formatShanghai, STATUS_LABELS, type AidStatus, type BookingStatus, type CaseCategory, type CaseStatus, type OutputOf, type privacyContracts, type RetentionCategory } from '@core';
import { api } from '../../api/client';
import { showError } from '../../api/feedback';
import { loadInto } from '../../api/load';
import { themed } from '../../behaviors/themed';

type MyData = OutputOf<typeof privacyContracts.myData>;
type Pending = OutputOf<typeof privacyContracts.deletionRequests>['requests'][number];

interface PendingRow {
  id: string;
  head: string;
  items: Array<{ category: string; text: string }>;
}

/** A request as the office reads it: who (masked), when, and what each kind was answered. */
const pendingRow = (r: Pending): PendingRow => ({
  id: r.id,
  head: `${r.requester} · ${formatShanghai(new Date(r.at), 'YYYY年M月D日 HH:mm')}`,
  items: r.items.map((i) => ({ category: i.category, text: `${i.label}：${i.note}` })),
});

interface ConsentRow {
  key: string;
  purpose: string;
  minorName: string | null;
  minorBirthDate: string | null;
  ref: string | null;
  title: string;
  state: string;
  given: boolean;
  when: string;
  who: string;
  outdated: boolean;
}

interface DeletableRow {
  category: RetentionCategory;
  label: string;
  checked: boolean;
}

const when = (iso: string) => formatShanghai(new Date(iso), 'YYYY年M月D日 HH:mm');

const DELETION_STATUS: Record<string, string> = { pending: '等待处理', done: '已处理', declined: '未删除', closed: '已答复' };

/** What the screen shows, from what the function answers: no rule decided here. */
function view(d: MyData) {
  const consents: ConsentRow[] = d.consents.map((c) => ({
    key: `${c.purpose}|${c.minorName ?? ''}|${c.ref ?? ''}`,
    purpose: c.purpose,
    minorName: c.minorName,
    minorBirthDate: c.minorBirthDate,
    ref: c.ref,
    title: c.title,
    state: c.given ? '已同意' : '已撤回',
    given: c.given,
    when: when(c.at),
    who: c.minorName ? `为孩子${c.minorName}同意（${c.guardianRelation ?? '监护人'}）` : '',
    outdated: c.given && c.version !== c.currentVersion,
  }));
  const held = [
    ...(d.residentProfile
      ? [{ id: 'resident-profile', title: `我的资料：${d.residentProfile.name}`, note: [d.residentProfile.phone, d.residentProfile.village, d.residentProfile.birthDate].filter(Boolean).join(' · ') }]
      : []),
    ...(d.profile ? [{ id: 'profile', title: `工作人员资料：${d.profile.displayName}`, note: d.profile.phone }] : []),
    ...d.cases.map((c) => ({
      id: `case-${c.id}`,
      title: `${CATEGORY_INFO[c.category as CaseCategory]?.label ?? '办事'} ${c.code}`,
      note: `${c.as === 'proxy' ? '代办人' : '本人'} ${c.name} ${c.phone} · ${STATUS_LABELS[c.status as CaseStatus] ?? ''}`,
    })),
    ...d.legalAid.map((a) => ({ id: `aid-${a.id}`, title: `法律援助 ${a.code}`, note: `${a.name} · ${AID_STATUS_LABELS[a.status as AidStatus] ?? ''}` })),
    ...d.bookings.map((b) => ({
      id: `booking-${b.id}`,
      title: `预约 ${b.day} ${b.time}`,
      note: `${b.name} ${b.phone} · ${BOOKING_STATUS_LABELS[b.status as BookingStatus] ?? ''}`,
    })),
  ];
  const latest = d.deletionRequests[0];
  return {
    canProcess: d.canProcessDeletions,
    consents,
    held,
    truncated: d.truncated,
    retention: d.retention.map((r) => ({ category: r.category, label: r.label, period: r.periodLabel })),
    deletable: d.retention.filter((r) => r.deletable).map((r): DeletableRow => ({ category: r.category, label: r.label, checked: false })),
    request: latest
      ? { status: DELETION_STATUS[latest.status] ?? '', pending: latest.status === 'pending', when: when(latest.at), reason: latest.reason, items: latest.items.map((i) => ({ category: i.category, text: `${i.label}：${i.note}` })) }
      : null,
  };
}

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    busy: false,
    consents: [] as ConsentRow[],
    held: [] as Array<{ id: string; title: string; note: string }>,
    truncated: false,
    retention: [] as Array<{ category: string; label: string; period: string }>,
    deletable: [] as DeletableRow[],
    request: null as ReturnType<typeof view>['request'],
    canProcess: false,
    /** The office's list, loaded on request (the screen opens with one call). */
    pending: null as PendingRow[] | null,
    declineReason: '',
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(this, () => api().privacy.myData({}), view);
    },
    async onWithdraw(e: WechatMiniprogram.BaseEvent) {
      const key = (e.currentTarget.dataset as { key: string }).key;
      const row = this.data.consents.find((c) => c.key === key);
      if (!row || this.data.busy) return;
      this.setData({ busy: true });
      try {
        await api().privacy.withdraw({
          purpose: row.purpose as 'sensitive_optional',
          ...(row.minorName && row.minorBirthDate && { minor: { name: row.minorName, birthDate: row.minorBirthDate } }),
          ...(row.ref && { ref: row.ref }),
        });
        wx.showToast({ title: '已撤回', icon: 'success' });
        await this.load();
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
    onPick(e: WechatMiniprogram.BaseEvent) {
      const category = (e.currentTarget.dataset as { category: string }).category;
      this.setData({ deletable: this.data.deletable.map((d) => (d.category === category ? { ...d, checked: !d.checked } : d)) });
    },
    async onLoadPending() {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const { requests } = await api().privacy.deletionRequests({});
        this.setData({ pending: requests.map(pendingRow) });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ declineReason: e.detail.value });
    },
    async onProcess(e: WechatMiniprogram.BaseEvent) {
      const { id, decision } = e.currentTarget.dataset as { id: string; decision: 'carry_out' | 'decline' };
      if (this.data.busy) return;
      const reason = this.data.declineReason.trim();
      if (decision === 'decline' && !reason) {
        wx.showToast({ title: '请先填写不予删除的理由', icon: 'none' });
        return;
      }
      this.setData({ busy: true });
      try {
        const done = await api().privacy.processDeletion({ id, decision, ...(decision === 'decline' && { reason }) });
        wx.showToast({ title: done.status === 'done' ? '已删除' : '已答复', icon: 'success' });
        this.setData({ pending: (this.data.pending ?? []).filter((p) => p.id !== id), declineReason: '' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
    async onDelete() {
      const categories = this.data.deletable.filter((d) => d.checked).map((d) => d.category);
      if (categories.length === 0 || this.data.busy) {
        if (categories.length === 0) wx.showToast({ title: '请先选择要删除的内容', icon: 'none' });
        return;
      }
      this.setData({ busy: true });
      try {
        const answer = await api().privacy.requestDeletion({ categories });
        wx.showToast({ title: answer.status === 'pending' ? '已提交，等待处理' : '已答复', icon: 'none' });
        await this.load();
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ busy: false });
      }
    },
  },
});
