import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { themed } from '../../../behaviors/themed';

interface GroupRow {
  groupId: string;
  name: string;
  role: string;
  unanswered: number;
  label: string;
}

/** 我的村群: the groups this person sees (a resident's joined ones; an advisor's or a station's villages), and joining by the village's code. */
Component({
  behaviors: [themed],
  data: { loading: true, failed: false, groups: [] as GroupRow[], home: '', code: '', name: '', joining: false, worker: false },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    async load() {
      await loadInto(
        this,
        () => api().group.mine({}),
        (r) => ({
          groups: r.groups.map((g) => ({ ...g, label: `${g.name}，${g.role}${g.unanswered ? `，${g.unanswered}个问题待解答` : ''}` })),
          home: r.home?.name ?? '',
          worker: r.worker,
        }),
      );
    },
    onCode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: e.detail.value });
    },
    onName(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ name: e.detail.value });
    },
    async onJoin() {
      if (this.data.joining) return;
      this.setData({ joining: true });
      try {
        const { groupId } = await api().group.join({ code: this.data.code.trim(), ...(this.data.name.trim() ? { name: this.data.name.trim() } : {}) });
        void wx.navigateTo({ url: `/pages/group/index/index?groupId=${encodeURIComponent(groupId)}` });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ joining: false });
      }
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const { id } = e.currentTarget.dataset as { id: string };
      void wx.navigateTo({ url: `/pages/group/index/index?groupId=${encodeURIComponent(id)}` });
    },
    onDesk() {
      void wx.navigateTo({ url: '/admin/group/workspace/index' });
    },
    onRetry() {
      void this.load();
    },
  },
});
