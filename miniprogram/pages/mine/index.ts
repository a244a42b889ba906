import { api } from '../../api/client';
import { showError } from '../../api/feedback';
import { loadInto } from '../../api/load';
import { describeRoles } from '../../api/me';
import { drawTabBar } from '../../custom-tab-bar/tabs';
import { clearDraft, loadDraft, saveDraftField } from '../../utils/draft';
import { PERSONA_KEY, DEFAULT_PERSONA } from '../../api/transport';
import { themed } from '../../behaviors/themed';

const DRAFT_KEY = 'draft.redeemInvite';

interface RedeemForm {
  code: string;
  displayName: string;
  phone: string;
}

const EMPTY: RedeemForm = { code: '', displayName: '', phone: '' };

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    name: '',
    roleText: '',
    worker: false,
    form: EMPTY,
    submitting: false,
    /** The persona switcher exists only in local mode (devcloud), never in a CloudBase build. */
    local: false,
    personas: __LOCAL_PERSONAS__.map((p) => ({ ...p })),
    persona: '',
  },
  pageLifetimes: {
    show() {
      drawTabBar(this, 3);
    },
  },
  lifetimes: {
    attached() {
      this.setData({
        form: loadDraft(DRAFT_KEY, EMPTY).form,
        local: __API_TARGET__ === 'local',
        persona: (wx.getStorageSync(PERSONA_KEY) as string) || DEFAULT_PERSONA,
      });
      void this.load();
    },
  },
  methods: {
    async load() {
      await loadInto(
        this,
        () => api().identity.whoami({}),
        (me) => ({
          name: me.displayName ?? '微信用户',
          ...describeRoles(me.roles),
        }),
      );
      // describeRoles has just remembered whether this person works here.
      drawTabBar(this, 3);
    },
    onField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: keyof RedeemForm }).field;
      saveDraftField(DRAFT_KEY, EMPTY, field, e.detail.value);
      this.setData({ [`form.${field}`]: e.detail.value });
    },
    async onRedeem() {
      if (this.data.submitting) return;
      const draft = loadDraft(DRAFT_KEY, EMPTY);
      this.setData({ submitting: true });
      try {
        await api().identity.redeemInvite(draft.form, { requestId: draft.requestId });
        clearDraft(DRAFT_KEY);
        this.setData({ form: EMPTY });
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
