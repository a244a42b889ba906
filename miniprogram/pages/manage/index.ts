import { mayOpen, type Role, type StaffPage } from '@core';
import { api } from '../../api/client';
import { loadInto } from '../../api/load';
import { rememberRoles } from '../../api/me';
import { drawTabBar } from '../../custom-tab-bar/tabs';
import { themed } from '../../behaviors/themed';

interface Door {
  key: string;
  url: StaffPage;
  label: string;
  hint: string;
}

/** The everyday doors, as large buttons, then the special work and the leads' pages as rows. */
const DAILY: Door[] = [
  { key: 'workbench', url: '/admin/case/workbench/index', label: '工作台（待办、转办、超期）', hint: '' },
  { key: 'register', url: '/admin/case/register/index', label: '登记来访、来电', hint: '' },
];
const SPECIAL: Door[] = [
  { key: 'legal-aid', url: '/admin/legal-aid/queue/index', label: '法律援助审查', hint: '初审、审查决定、指派和异议' },
  { key: 'visits', url: '/admin/evaluation/visits/index', label: '满意度回访', hint: '不满意评价的回访和整改' },
];
const LEAD: Door[] = [
  { key: 'invites', url: '/admin/identity/invites/index', label: '邀请码', hint: '请法律顾问、工作人员加入' },
  { key: 'members', url: '/admin/identity/members/index', label: '人员和授权', hint: '按单位查看人员，调整授权或停用' },
  { key: 'units', url: '/admin/org/units/index', label: '单位和公示栏', hint: '修改公示栏，新建工作站、工作室' },
  { key: 'guide', url: '/admin/guide/edit/index', label: '服务指南和机构名录', hint: '各项服务要带的材料；律师、公证、调解、鉴定机构' },
  { key: 'calendar', url: '/admin/calendar/index', label: '节假日安排', hint: '录入每年的放假和调休上班日期' },
  { key: 'audit', url: '/admin/identity/audit/index', label: '操作记录', hint: '谁查看了个人信息、调整了人员' },
  { key: 'alerts', url: '/admin/notify/alerts/index', label: '消息发送问题', hint: '没有发到群众手机上的消息（如 47003）' },
];

/** The doors this person's roles open: each page's own function decides (core STAFF_DOORS), so none ends in 您没有权限. */
function doorsFor(roles: readonly Role[]) {
  const open = (doors: Door[]) => doors.filter((d) => mayOpen(roles, d.url));
  return { daily: open(DAILY), special: open(SPECIAL), lead: open(LEAD) };
}

/**
 * The 管理 tab: a tab page must live in the main package, while the staff pages live in the
 * `admin` subpackage so residents never download them. This page is the door; app.json preloads
 * the subpackage when a worker opens it.
 */
Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    daily: [] as Door[],
    special: [] as Door[],
    lead: [] as Door[],
  },
  lifetimes: {
    attached() {
      void this.load();
    },
  },
  pageLifetimes: {
    show() {
      drawTabBar(this, 4);
      // Back on the tab after joining a unit or a change of grants: the doors follow the roles now held.
      if (!this.data.loading) void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(
        this,
        () => api().identity.whoami({}),
        (me) => {
          rememberRoles(me.roles);
          return doorsFor(me.roles);
        },
      );
    },
    onOpen(e: WechatMiniprogram.BaseEvent) {
      const url = (e.currentTarget.dataset as { url: string }).url;
      void wx.navigateTo({ url });
    },
    onRetry() {
      void this.load();
    },
  },
});
