import { MATTERS, MATTER_LABELS, PRIORITY_GROUPS, PRIORITY_GROUP_LABELS, type InputOf, type legalAidContracts } from '@core';
import { api } from '../../../api/client';
import { failureLine, showError } from '../../../api/feedback';
import { themed } from '../../../behaviors/themed';

type Settings = InputOf<(typeof legalAidContracts)['saveSettings']>;
type ListKey = 'coveredMatters' | 'matterLimitLiftedFor' | 'aidPosts' | 'bureauPosts';

/** Every chip list with its on/off state, so the template only renders. */
function chips(s: Settings, candidates: Array<{ openid: string; name: string }>, units: Array<{ id: string; name: string }>) {
  const of = (key: ListKey, options: Array<{ value: string; label: string }>) => options.map((o) => ({ ...o, on: (s[key] as string[]).includes(o.value) }));
  const people = candidates.map((c) => ({ value: c.openid, label: c.name }));
  return {
    matters: of('coveredMatters', MATTERS.map((m) => ({ value: m, label: MATTER_LABELS[m] }))),
    groups: of('matterLimitLiftedFor', PRIORITY_GROUPS.map((g) => ({ value: g, label: PRIORITY_GROUP_LABELS[g] }))),
    aid: of('aidPosts', people),
    bureau: of('bureauPosts', people),
    // No unit named: complaints go to the center, listed first.
    bureauUnits: units.map((u, i) => ({ value: u.id, label: u.name, on: s.bureauOrgId ? s.bureauOrgId === u.id : i === 0 })),
    sharePercent: String(Math.round(s.verificationShare * 100)),
  };
}

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    settings: null as Settings | null,
    candidates: [] as Array<{ openid: string; name: string }>,
    units: [] as Array<{ id: string; name: string }>,
    matters: [] as Array<{ value: string; label: string; on: boolean }>,
    groups: [] as Array<{ value: string; label: string; on: boolean }>,
    aid: [] as Array<{ value: string; label: string; on: boolean }>,
    bureau: [] as Array<{ value: string; label: string; on: boolean }>,
    bureauUnits: [] as Array<{ value: string; label: string; on: boolean }>,
    sharePercent: '',
    saving: false,
  },
  lifetimes: {
    async attached() {
      try {
        const { settings, candidates, units } = await api().legalAid.settings({});
        this.setData({ loading: false, settings, candidates, units, ...chips(settings, candidates, units) });
      } catch (err) {
        this.setData({ loading: false, failed: true, failText: failureLine(err, '法律援助设置由管理员修改').failText });
      }
    },
  },
  methods: {
    put(settings: Settings) {
      this.setData({ settings, ...chips(settings, this.data.candidates, this.data.units) });
    },
    onBureauUnit(e: WechatMiniprogram.BaseEvent) {
      const s = this.data.settings;
      if (!s) return;
      this.put({ ...s, bureauOrgId: (e.currentTarget.dataset as { value: string }).value });
    },
    onToggle(e: WechatMiniprogram.BaseEvent) {
      const { key, value } = e.currentTarget.dataset as { key: ListKey; value: string };
      const s = this.data.settings;
      if (!s) return;
      const list = s[key] as string[];
      this.put({ ...s, [key]: list.includes(value) ? list.filter((v) => v !== value) : [...list, value] });
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: 'countyName' | 'income' | 'assets' | 'source' | 'share' }).field;
      const s = this.data.settings;
      if (!s) return;
      const v = e.detail.value;
      if (field === 'countyName') this.put({ ...s, countyName: v });
      else if (field === 'source') this.put({ ...s, standard: { ...s.standard, source: v } });
      else if (field === 'income') this.put({ ...s, standard: { ...s.standard, monthlyIncomePerHead: Number(v) || 0 } });
      else if (field === 'assets') this.put({ ...s, standard: { ...s.standard, householdAssets: Number(v) || 0 } });
      else this.put({ ...s, verificationShare: Math.min(100, Math.max(0, Number(v) || 0)) / 100 });
    },
    async onSave() {
      const s = this.data.settings;
      if (!s || this.data.saving) return;
      this.setData({ saving: true });
      try {
        await api().legalAid.saveSettings(s);
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
  },
});
