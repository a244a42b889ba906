import { MATERIAL_REMOVER_LABELS, MATERIAL_REMOVERS, type CaseCategory, type GuideEntry, type GuideEntryInput, type Material, type MaterialRemover } from '@core';
import { api } from '../../../api/client';
import { failureLine, showError } from '../../../api/feedback';
import { themed } from '../../../behaviors/themed';

type TextField = 'summary' | 'whoMayApply' | 'limit' | 'limitSource' | 'fees' | 'waivers' | 'where' | 'steps';
type Form = Record<TextField, string>;
type MaterialField = 'name' | 'why' | 'replaceWith';

interface MaterialRow extends Material {
  removers: Array<{ value: MaterialRemover | ''; label: string; on: boolean }>;
}

const REMOVER_CHOICES: Array<{ value: MaterialRemover | ''; label: string }> = [{ value: '', label: '都要带' }, ...MATERIAL_REMOVERS.map((r) => ({ value: r, label: MATERIAL_REMOVER_LABELS[r] }))];

function row(m: Material): MaterialRow {
  return { ...m, removers: REMOVER_CHOICES.map((c) => ({ ...c, on: (m.removedBy ?? '') === c.value })) };
}

function formOf(e: GuideEntry): Form {
  return { summary: e.summary, whoMayApply: e.whoMayApply, limit: e.timeLimit.text, limitSource: e.timeLimit.source, fees: e.fees, waivers: e.waivers, where: e.where, steps: e.steps.join('\n') };
}

/** A new material's key: unique in the entry, kept for good so 统计 counts an item across edits. */
function newId(rows: readonly MaterialRow[]): string {
  let n = rows.length + 1;
  while (rows.some((r) => r.id === `item${n}`)) n++;
  return `item${n}`;
}

/**
 * 管理 → 服务指南: the list of services (and, on a tap, which materials 一次性告知 asked for most),
 * or one service's entry to edit (?service=): plain-words fields, the materials with why, what may
 * replace each and what 告知承诺 or data sharing removes, the time limit with its source, the steps.
 */
Component({
  behaviors: [themed],
  properties: {
    service: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    failText: '',
    canRetry: true,
    entries: [] as Array<{ service: string; title: string; note: string }>,
    tally: null as null | { period: string; notices: number; items: Array<{ ref: string; text: string; count: number }> },
    title: '',
    form: { summary: '', whoMayApply: '', limit: '', limitSource: '', fees: '', waivers: '', where: '', steps: '' } as Form,
    materials: [] as MaterialRow[],
    saving: false,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load(): Promise<void> {
      this.setData({ loading: true, failed: false });
      try {
        if (this.data.service) {
          const entry = await api().guide.entry({ service: this.data.service as CaseCategory });
          wx.setNavigationBarTitle({ title: `服务指南：${entry.title}` });
          this.setData({ loading: false, title: entry.title, form: formOf(entry), materials: entry.materials.map(row) });
        } else {
          const { entries } = await api().guide.catalogue({});
          this.setData({
            loading: false,
            entries: entries.map((e) => ({ service: e.service, title: e.title, note: e.updatedBy ? `${e.updatedBy}改过` : '默认' })),
          });
        }
      } catch (err) {
        this.setData({ loading: false, failed: true, ...failureLine(err) });
      }
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const service = (e.currentTarget.dataset as { service: string }).service;
      void wx.navigateTo({ url: `/admin/guide/edit/index?service=${service}` });
    },
    onProviders() {
      void wx.navigateTo({ url: '/admin/guide/providers/index' });
    },
    async onTally() {
      try {
        const t = await api().guide.missingTally({});
        this.setData({
          tally: { period: `${t.from} 至 ${t.to}`, notices: t.notices, items: t.items.map((i) => ({ ref: i.ref, text: `${i.service}：${i.name}`, count: i.count })) },
        });
      } catch (err) {
        showError(err);
      }
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: TextField }).field;
      this.setData({ [`form.${field}`]: e.detail.value });
    },
    onMaterial(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const { index, field } = e.currentTarget.dataset as { index: number; field: MaterialField };
      this.setData({ [`materials[${index}].${field}`]: e.detail.value });
    },
    onRemover(e: WechatMiniprogram.BaseEvent) {
      const { index, value } = e.currentTarget.dataset as { index: number; value: MaterialRemover | '' };
      const m = this.data.materials[index];
      if (m) this.setData({ [`materials[${index}]`]: row({ ...m, removedBy: value || null }) });
    },
    onAddMaterial() {
      const rows = this.data.materials;
      this.setData({ materials: [...rows, row({ id: newId(rows), name: '', why: '', replaceWith: '', removedBy: null })] });
    },
    onRemoveMaterial(e: WechatMiniprogram.BaseEvent) {
      const index = (e.currentTarget.dataset as { index: number }).index;
      this.setData({ materials: this.data.materials.filter((_, i) => i !== index) });
    },
    input(): GuideEntryInput {
      const f = this.data.form;
      return {
        service: this.data.service as CaseCategory,
        summary: f.summary,
        whoMayApply: f.whoMayApply,
        materials: this.data.materials.map(({ id, name, why, replaceWith, removedBy }) => ({ id, name, why, replaceWith, removedBy })),
        timeLimit: { text: f.limit, source: f.limitSource },
        fees: f.fees,
        waivers: f.waivers,
        where: f.where,
        steps: f.steps
          .split('\n')
          .map((s) => s.trim())
          .filter(Boolean),
      };
    },
    async onSave() {
      if (this.data.saving) return;
      this.setData({ saving: true });
      try {
        await api().guide.saveEntry(this.input());
        wx.showToast({ title: '已保存', icon: 'success' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
    onRetry() {
      void this.load();
    },
  },
});
