import { type Grant, type Member, type UnitRef } from '@core';
import { api } from '../../../api/client';
import { failureLine, showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { grantsText, ROLE_CHOICES, unitChoices } from '../view';
import { themed } from '../../../behaviors/themed';

interface MemberRow {
  openid: string;
  name: string;
  phone: string;
  grantsText: string;
  active: boolean;
}

interface GrantRow extends Grant {
  key: string;
  text: string;
}

const failureOf = (err: unknown) => failureLine(err, '人员只有负责人和管理员可以管理');

/**
 * 人员和授权: the members a manager reaches, by unit; open one to change their grants (role × unit)
 * or end their membership. The server decides what a supervisor may change; refusals say why.
 */
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    canRetry: true,
    units: [] as UnitRef[],
    filterLabels: ['全部单位'] as string[],
    filterIds: [''] as string[],
    filterIndex: 0,
    all: [] as Member[],
    members: [] as MemberRow[],
    /** The member being edited, and their grants as edited so far. */
    editing: '',
    editName: '',
    grants: [] as GrantRow[],
    roleLabels: ROLE_CHOICES.map((r) => r.label),
    roleIndex: 0,
    /** The unit of the grant being added, picked from the tree (components/unit-picker). */
    orgId: '',
    reason: '',
    saving: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load(): Promise<void> {
      const loaded = await loadInto(
        this,
        () => api().identity.listMembers({}),
        ({ members, units }) => {
          const choices = unitChoices(units);
          return {
            units,
            all: members,
            filterLabels: ['全部单位', ...choices.map((c) => c.label)],
            filterIds: ['', ...choices.map((c) => c.id)],
          };
        },
        failureOf,
      );
      if (loaded) this.show();
    },
    /** The list for the unit chosen: members holding a grant on it. */
    show() {
      const unit = this.data.filterIds[this.data.filterIndex] ?? '';
      const rows = this.data.all
        .filter((m) => !unit || m.grants.some((g) => g.orgId === unit))
        .map((m) => ({ openid: m.openid, name: m.displayName, phone: m.phone, grantsText: grantsText(m.grants, this.data.units), active: m.active }));
      this.setData({ members: rows });
    },
    onFilter(e: WechatMiniprogram.PickerChange) {
      this.setData({ filterIndex: Number(e.detail.value), editing: '' });
      this.show();
    },
    grantRows(grants: readonly Grant[]): GrantRow[] {
      return grants.map((g) => ({ ...g, key: `${g.role}@${g.orgId}`, text: grantsText([g], this.data.units) }));
    },
    onEdit(e: WechatMiniprogram.BaseEvent) {
      const openid = (e.currentTarget.dataset as { openid: string }).openid;
      const member = this.data.all.find((m) => m.openid === openid);
      if (!member) return;
      this.setData({ editing: openid === this.data.editing ? '' : openid, editName: member.displayName, grants: this.grantRows(member.grants), orgId: '', reason: '' });
    },
    onRemoveGrant(e: WechatMiniprogram.BaseEvent) {
      const key = (e.currentTarget.dataset as { key: string }).key;
      this.setData({ grants: this.data.grants.filter((g) => g.key !== key) });
    },
    onRole(e: WechatMiniprogram.PickerChange) {
      this.setData({ roleIndex: Number(e.detail.value) });
    },
    onUnit(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ orgId: e.detail.value });
    },
    onAddGrant() {
      const orgId = this.data.orgId;
      const role = ROLE_CHOICES[this.data.roleIndex]?.role;
      if (!orgId || !role) {
        wx.showToast({ title: '请先选择单位', icon: 'none' });
        return;
      }
      if (this.data.grants.some((g) => g.role === role && g.orgId === orgId)) return;
      this.setData({ grants: [...this.data.grants, ...this.grantRows([{ role, orgId }])] });
    },
    replace(member: Member) {
      this.setData({ all: this.data.all.map((m) => (m.openid === member.openid ? member : m)) });
      this.show();
    },
    async onSaveGrants() {
      if (this.data.saving) return;
      this.setData({ saving: true });
      try {
        const member = await api().identity.updateMember({ openid: this.data.editing, grants: this.data.grants.map(({ role, orgId }) => ({ role, orgId })) });
        this.replace(member);
        this.setData({ editing: '' });
        wx.showToast({ title: '授权已保存', icon: 'success' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
    onReason(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ reason: e.detail.value });
    },
    onDeactivate() {
      const reason = this.data.reason.trim();
      if (!reason) {
        wx.showToast({ title: '请填写停用原因', icon: 'none' });
        return;
      }
      wx.showModal({
        title: `停用${this.data.editName}的账号？`,
        content: '停用后他不再有任何授权，以前的记录仍保留他的名字。',
        confirmText: '停用',
        cancelText: '不停用',
        success: (res) => {
          if (res.confirm) void this.deactivate(reason);
        },
      });
    },
    async deactivate(reason: string): Promise<void> {
      try {
        const member = await api().identity.deactivateMember({ openid: this.data.editing, reason });
        this.setData({ all: this.data.all.filter((m) => m.openid !== member.openid), editing: '' });
        this.show();
        wx.showToast({ title: '已停用', icon: 'success' });
      } catch (err) {
        showError(err);
      }
    },
    onRetry() {
      void this.load();
    },
  },
});
