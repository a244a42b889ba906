import { api } from '../../../api/client';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

/** 服务指南: every service in one line each; the entry says what to bring and how long it takes. */
Component({
  behaviors: [themed],
  data: { loading: true, failed: false, entries: [] as Array<{ service: string; title: string; summary: string }> },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(
        this,
        () => api().guide.catalogue({}),
        ({ entries }) => ({ entries: entries.map((e) => ({ service: e.service, title: e.title, summary: e.summary })) }),
      );
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const service = (e.currentTarget.dataset as { service: string }).service;
      void wx.navigateTo({ url: `/pages/guide/entry/index?service=${service}` });
    },
    onMap() {
      void wx.navigateTo({ url: '/pages/guide/map/index' });
    },
    onRetry() {
      void this.load();
    },
  },
});
