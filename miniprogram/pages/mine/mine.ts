import { PERSONAS, ROLE_LABELS, isWorker } from '@core';
import { newRequestId, api } from '../../api/client';
import { showError } from '../../api/feedback';
import { loadInto } from '../../api/load';
import { PERSONA_KEY, DEFAULT_PERSONA } from '../../api/transport';

const DRAFT_KEY = 'draft.redeemInvite';

interface RedeemForm {
  code: string;
  displayName: string;
  phone: string;
}

interface Draft {
  form: RedeemForm;
  /** Kept with the draft: a retry after a dropped connection is the same request. */
  requestId: string;
}

function loadDraft(): Draft {
  const saved = wx.getStorageSync(DRAFT_KEY) as Draft | '';
  return saved || { form: { code: '', displayName: '', phone: '' }, requestId: newRequestId() };
}

Component({
  data: {
    loading: true,
    failed: false,
    name: '',
    roleText: '',
    worker: false,
    form: { code: '', displayName: '', phone: '' } as RedeemForm,
    submitting: false,
    /** The persona switcher exists only in local mode (devcloud), never in a CloudBase build. */
    local: false,
    personas: PERSONAS.map((p) => ({ ...p })),
    persona: '',
  },
  pageLifetimes: {
    show() {
      this.getTabBar?.()?.setData({ selected: 1 });
    },
  },
  lifetimes: {
    attached() {
      this.setData({
        form: loadDraft().form,
        local: __API_TARGET__ === 'local',
        persona: (wx.getStorageSync(PERSONA_KEY) as string) || DEFAULT_PERSONA,
      });
      void this.load();
    },
  },
  methods: {
    load() {
      return loadInto(
        this,
        () => api().identity.whoami({}),
        (me) => ({
          name: me.displayName ?? '微信用户',
          roleText: me.roles.map((r) => ROLE_LABELS[r]).join('、'),
          worker: isWorker(me.roles),
        }),
      );
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: keyof RedeemForm }).field;
      const draft = loadDraft();
      draft.form = { ...draft.form, [field]: e.detail.value };
      wx.setStorageSync(DRAFT_KEY, draft);
      this.setData({ [`form.${field}`]: e.detail.value });
    },
    async onRedeem() {
      if (this.data.submitting) return;
      const draft = loadDraft();
      this.setData({ submitting: true });
      try {
        await api().identity.redeemInvite(draft.form, { requestId: draft.requestId });
        wx.removeStorageSync(DRAFT_KEY);
        this.setData({ form: { code: '', displayName: '', phone: '' } });
        wx.showToast({ title: '已加入，欢迎您', icon: 'success' });
        await this.load();
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ submitting: false });
      }
    },
    onPersona(e: WechatMiniprogram.BaseEvent) {
      const openid = (e.currentTarget.dataset as { openid: string }).openid;
      wx.setStorageSync(PERSONA_KEY, openid);
      this.setData({ persona: openid });
      void this.load();
    },
  },
});
