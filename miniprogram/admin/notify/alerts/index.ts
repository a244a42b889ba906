import { themed } from '../../../behaviors/themed';
import { formatShanghai } from '@core';
import { api } from '../../../api/client';
import { failureLine } from '../../../api/feedback';
import { loadInto } from '../../../api/load';

/**
 * What WeChat refused to deliver because of our data or setup (47003 a value too long for its
 * keyword, 40037 an unknown template id, 41030 a page path the release lacks, quota, repeated
 * failure): the residents did not get these, and only someone who can fix the setup should look.
 */
const MEANINGS: Record<number, string> = {
  47003: '消息内容不符合模板格式（过长或格式不对），请把这条记录转给技术人员',
  40037: '模板编号不对，请检查订阅消息模板配置',
  41030: '消息打开的页面不存在，请检查小程序版本',
  43101: '对方没有同意接收这类消息',
  45009: '今天的发送次数用完了，明天会继续发送',
};

export interface AlertRow {
  id: string;
  when: string;
  code: string;
  meaning: string;
  template: string;
  event: string;
}

function rowOf(a: { id: string; at: Date; errcode: number; errmsg: string; template: string; event: string }): AlertRow {
  return {
    id: a.id,
    when: formatShanghai(new Date(a.at), 'YYYY-MM-DD HH:mm'),
    code: String(a.errcode),
    meaning: MEANINGS[a.errcode] ?? `发送失败：${a.errmsg}`,
    template: a.template,
    event: a.event,
  };
}

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    failText: '',
    canRetry: true,
    alerts: [] as AlertRow[],
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
        () => api().notify.alerts({}),
        ({ alerts }) => ({ alerts: alerts.map(rowOf) }),
        (err) => failureLine(err, '消息发送问题只有负责人和管理员可以查看'),
      );
    },
    onRetry() {
      if (!this.data.loading) void this.load();
    },
  },
});
