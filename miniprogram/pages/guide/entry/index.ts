import { MATERIAL_REMOVER_LABELS, type GuideEntry } from '@core';
import { api } from '../../../api/client';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

function view(e: GuideEntry) {
  return {
    title: e.title,
    summary: e.summary,
    whoMayApply: e.whoMayApply,
    materials: e.materials.map((m) => ({ id: m.id, name: m.name, why: m.why, replaceWith: m.replaceWith, removed: m.removedBy ? MATERIAL_REMOVER_LABELS[m.removedBy] : '' })),
    limit: e.timeLimit.text,
    limitSource: e.timeLimit.source,
    fees: e.fees,
    waivers: e.waivers,
    where: e.where,
    steps: e.steps.map((text, i) => ({ n: i + 1, text })),
  };
}

/** One service in plain words: who, what to bring and why, how long, how much, where, the steps. */
Component({
  behaviors: [themed],
  properties: {
    service: { type: String, value: '' },
  },
  data: {
    loading: true,
    failed: false,
    title: '',
    summary: '',
    whoMayApply: '',
    materials: [] as Array<{ id: string; name: string; why: string; replaceWith: string; removed: string }>,
    limit: '',
    limitSource: '',
    fees: '',
    waivers: '',
    where: '',
    steps: [] as Array<{ n: number; text: string }>,
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(
        this,
        () => api().guide.entry({ service: this.data.service as GuideEntry['service'] }),
        (entry) => {
          wx.setNavigationBarTitle({ title: entry.title });
          return view(entry);
        },
      );
    },
    onApply() {
      // Legal aid has its own door (the self-check first); everything else goes through 我要办事.
      const url = this.data.service === 'legalAid' ? '/pages/legal-aid/check/index' : `/pages/case/apply/index?category=${this.data.service}`;
      void wx.navigateTo({ url });
    },
    onMap() {
      void wx.navigateTo({ url: `/pages/guide/map/index?service=${this.data.service}` });
    },
  },
});
