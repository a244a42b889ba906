import { formatShanghai } from '@core';
import { api } from '../../../api/client';
import { showError } from '../../../api/feedback';
import { loadInto } from '../../../api/load';
import { drawTabBar } from '../../../custom-tab-bar/tabs';
import { rememberUnread } from '../unread';
import { themed } from '../../../behaviors/themed';

interface Entry {
  id: string;
  phrase: string;
  title: string;
  body: string;
  when: string;
  read: boolean;
  page: string;
  label: string;
}

interface InboxAnswer {
  entries: Array<{ id: string; phrase: string; title: string; body: string; at: Date | string; read: boolean; link: { page: string } }>;
  unread: number;
  nextCursor: string | null;
}

function entry(e: InboxAnswer['entries'][number]): Entry {
  const when = formatShanghai(new Date(e.at), 'M月D日 HH:mm');
  return { id: e.id, phrase: e.phrase, title: e.title, body: e.body, when, read: e.read, page: e.link.page, label: `${e.read ? '' : '未读，'}${e.title}，${e.body}，${when}` };
}

/** 消息: every notice the person received, newest first; an entry opens its case or booking. */
Component({
  behaviors: [themed],
  data: { loading: true, failed: false, entries: [] as Entry[], unread: 0, nextCursor: null as string | null, more: false },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  pageLifetimes: {
    show() {
      drawTabBar(this, 2);
      if (!this.data.loading) void this.load();
    },
  },
  methods: {
    async load(cursor?: string) {
      const loaded = await loadInto(
        this,
        async () => (await api().notify.inbox(cursor ? { cursor } : {})) as InboxAnswer,
        (answer) => ({
          entries: [...(cursor ? this.data.entries : []), ...answer.entries.map(entry)],
          unread: rememberUnread(answer.unread),
          nextCursor: answer.nextCursor,
          more: answer.nextCursor !== null,
        }),
      );
      if (loaded) drawTabBar(this, 2);
    },
    onMore() {
      if (this.data.nextCursor) void this.load(this.data.nextCursor);
    },
    async onOpen(e: WechatMiniprogram.BaseEvent) {
      const { id, page } = e.currentTarget.dataset as { id: string; page: string };
      const index = this.data.entries.findIndex((x) => x.id === id);
      if (index >= 0 && !this.data.entries[index]?.read) {
        this.setData({ [`entries[${index}].read`]: true });
        // Opening it is reading it; the count comes back with the answer.
        void api()
          .notify.markRead({ ids: [id] })
          .then(({ unread }) => {
            this.setData({ unread: rememberUnread(unread) });
            drawTabBar(this, 2);
          })
          .catch(() => undefined);
      }
      if (page) void wx.navigateTo({ url: page });
    },
    async onReadAll() {
      try {
        const { unread } = await api().notify.markRead({ all: true });
        this.setData({ unread: rememberUnread(unread), entries: this.data.entries.map((x) => ({ ...x, read: true })) });
        drawTabBar(this, 2);
      } catch (err) {
        showError(err);
      }
    },
    onSettings() {
      void wx.navigateTo({ url: '/pages/notify/settings/index' });
    },
  },
});
