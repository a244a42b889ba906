import { formatShanghai, ROLE_LABELS, type Invite, type UnitRef } from '@core';
import { api } from '../../../api/client';
import { failureLine, showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { ROLE_CHOICES, unitName } from '../view';
import { themed } from '../../../behaviors/themed';

interface InviteRow {
  code: string;
  roleText: string;
  unitText: string;
  note: string;
  expires: string;
}

const rowOf = (invite: Invite, units: readonly UnitRef[]): InviteRow => ({
  code: invite.code,
  roleText: ROLE_LABELS[invite.role],
  unitText: invite.orgIds.map((id) => unitName(units, id)).join('、'),
  note: invite.note,
  expires: formatShanghai(new Date(invite.expiresAt), 'YYYY-MM-DD'),
});

const failureOf = (err: unknown) => failureLine(err, '邀请码只有负责人和管理员可以发放');

/**
 * 邀请码: a manager invites an advisor or staff member (an admin also a supervisor or admin) to a
 * unit, hands on the code, sees which codes nobody has used yet, and withdraws one.
 */
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    canRetry: true,
    invites: [] as InviteRow[],
    /** The units to invite to, drawn as a tree with search (components/unit-picker). */
    units: [] as UnitRef[],
    roleLabels: ROLE_CHOICES.map((r) => r.label),
    roleIndex: 0,
    /** The unit picked; none until the manager picks one. */
    orgId: '',
    note: '',
    saving: false,
    created: null as { code: string; text: string } | null,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load(): Promise<void> {
      await loadInto(
        this,
        () => api().identity.listInvites({}),
        ({ invites, units }) => ({ units, invites: invites.map((i) => rowOf(i, units)) }),
        failureOf,
      );
    },
    onRole(e: WechatMiniprogram.PickerChange) {
      this.setData({ roleIndex: Number(e.detail.value) });
    },
    onUnit(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ orgId: e.detail.value });
    },
    onNote(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ note: e.detail.value });
    },
    async onCreate() {
      const orgId = this.data.orgId;
      if (!orgId) {
        wx.showToast({ title: '请先选择单位', icon: 'none' });
        return;
      }
      if (this.data.saving) return;
      const role = ROLE_CHOICES[this.data.roleIndex]?.role ?? 'advisor';
      this.setData({ saving: true });
      try {
        const note = this.data.note.trim();
        const made = await api().identity.createInvite({ role, orgIds: [orgId], validDays: 7, ...(note && { note }) });
        const invite: Invite = { code: made.code, role, orgIds: [orgId], note, state: 'pending', createdAt: '', expiresAt: made.expiresAt };
        const row = rowOf(invite, this.data.units);
        this.setData({
          created: { code: made.code, text: `${row.unitText}的${row.roleText}，${row.expires}前有效` },
          invites: [row, ...this.data.invites],
          note: '',
        });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
    onCopy() {
      const code = this.data.created?.code;
      if (code) void wx.setClipboardData({ data: code });
    },
    onRevoke(e: WechatMiniprogram.BaseEvent) {
      const code = (e.currentTarget.dataset as { code: string }).code;
      wx.showModal({
        title: '作废这个邀请码？',
        content: `作废后 ${code} 不能再使用。`,
        confirmText: '作废',
        cancelText: '不作废',
        success: (res) => {
          if (res.confirm) void this.revoke(code);
        },
      });
    },
    async revoke(code: string): Promise<void> {
      try {
        await api().identity.revokeInvite({ code });
        this.setData({ invites: this.data.invites.filter((i) => i.code !== code), ...(this.data.created?.code === code && { created: null }) });
        wx.showToast({ title: '已作废', icon: 'success' });
      } catch (err) {
        showError(err);
      }
    },
    onRetry() {
      void this.load();
    },
  },
});
