import type { TemplateName } from '@core';
import { api } from '../../../api/client';
import { isRememberedWorker } from '../../../api/me';
import { loadInto } from '../../../api/load';
import { showError } from '../../../api/feedback';
import { requestConsent } from '../consent';
import { themed } from '../../../behaviors/themed';

interface Row {
  name: TemplateName;
  title: string;
  state: string;
  on: boolean;
}

interface Status {
  name: TemplateName;
  title: string;
  longTerm: boolean;
  on: boolean;
  credits: number;
  stopped: boolean;
}

/** Residents are asked for the three that concern them; workers for their 待办 first (at most 3 a request). */
const RESIDENT_NOTICES: TemplateName[] = ['caseProgress', 'bookingReminder', 'surveyInvite'];
const mine = (): TemplateName[] => (isRememberedWorker() ? ['workNotice', ...RESIDENT_NOTICES] : RESIDENT_NOTICES);

function row(t: Status): Row {
  const state = t.stopped ? '已关闭，点下面按钮重新开启' : t.on ? (t.longTerm ? '已开启' : `还能通知 ${t.credits} 次`) : '未开启';
  return { name: t.name, title: t.title, state, on: t.on };
}

/** 通知设置: which notices can reach the phone now, and a button to allow them again (WeChat allows one message per consent). */
Component({
  behaviors: [themed],
  data: { loading: true, failed: false, rows: [] as Row[] },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(this, () => api().notify.settings({}), ({ templates }) => ({ rows: (templates as Status[]).filter((t) => mine().includes(t.name) || t.on || t.credits > 0).map(row) }));
    },
    async onRenew() {
      try {
        // From the tap itself: WeChat shows the request only for a tap.
        const on = new Set(this.data.rows.filter((r) => r.on).map((r) => r.name));
        const names = mine().filter((n) => !on.has(n));
        await requestConsent(names.length ? names : mine());
        await this.load();
      } catch (err) {
        showError(err);
      }
    },
  },
});
