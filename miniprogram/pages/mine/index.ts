import { formatShanghai, type Org } from '@core';
import { api } from '../../api/client';
import { showError } from '../../api/feedback';
import { loadInto } from '../../api/load';
import { describeRoles } from '../../api/me';
import { rememberProfile } from '../../api/profile';
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

/** 我的信息 as the form holds it: the phone field stays empty unless the person changes the number. */
interface ProfileForm {
  name: string;
  phone: string;
  villageId: string;
  villageName: string;
  birthDate: string;
}

const NO_PROFILE: ProfileForm = { name: '', phone: '', villageId: '', villageName: '', birthDate: '' };

/** Choosing the home village: township (station) first, then its village rooms, as big rows. */
interface Township {
  id: string;
  name: string;
  villages: Array<{ id: string; name: string }>;
}

/** A village as people say it: 东坡村, not 东坡村公共法律服务工作室. */
const shortName = (name: string) => name.replace(/公共法律服务工作(?:室|站)$/, '');

function townships(orgs: readonly Org[]): Township[] {
  return orgs
    .filter((o) => o.tier === 'station')
    .map((s) => ({ id: s.id, name: shortName(s.name), villages: orgs.filter((o) => o.tier === 'room' && o.parentId === s.id).map((o) => ({ id: o.id, name: shortName(o.name) })) }))
    .filter((t) => t.villages.length > 0);
}


/** The person's own full number, kept off the page's data: only forms are filled with it. */
let fullPhone = '';

Component({
  behaviors: [themed],
  data: {
    loading: true,
    failed: false,
    name: '',
    roleText: '',
    worker: false,
    notices: [] as string[],
    /** The saved profile as shown (phone masked) and the form that edits it. */
    saved: null as null | { name: string; phone: string; village: string; birthDate: string; age: string },
    profile: NO_PROFILE,
    savedPhone: '',
    saving: false,
    /** The village chooser: closed, townships, or one township's villages. */
    choosing: false,
    towns: [] as Township[],
    town: null as Township | null,
    today: '',
    /** Joining as a worker is for the few: a folded row at the bottom, opened on a tap. */
    joinOpen: false,
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
      const form = loadDraft(DRAFT_KEY, EMPTY).form;
      this.setData({
        form,
        // A half-typed code means the person was joining: keep the row open for them.
        joinOpen: Boolean(form.code),
        today: formatShanghai(new Date(), 'YYYY-MM-DD'),
        local: __API_TARGET__ === 'local',
        persona: (wx.getStorageSync(PERSONA_KEY) as string) || DEFAULT_PERSONA,
      });
      void this.load();
    },
  },
  methods: {
    async load() {
      // One call: who the person is and their profile (with the number their forms are filled with).
      await loadInto(
        this,
        () => api().identity.profile({ forForm: true }),
        (me) => {
          fullPhone = me.formPhone ?? '';
          rememberProfile(me.profile && { name: me.profile.name, phone: fullPhone, villageId: me.profile.village?.id ?? null, birthDate: me.profile.birthDate });
          return {
            name: me.displayName ?? me.profile?.name ?? '微信用户',
            ...describeRoles(me.roles),
            notices: me.notices,
            ...this.shownProfile(me.profile),
          };
        },
      );
      // describeRoles has just remembered whether this person works here.
      drawTabBar(this, 3);
    },
    shownProfile(p: Awaited<ReturnType<ReturnType<typeof api>['identity']['profile']>>['profile']) {
      if (!p) return { saved: null, profile: NO_PROFILE, savedPhone: '' };
      return {
        saved: { name: p.name, phone: p.phone, village: shortName(p.village?.name ?? ''), birthDate: p.birthDate ?? '', age: p.age === null ? '' : `${p.age}岁` },
        profile: { name: p.name, phone: '', villageId: p.village?.id ?? '', villageName: shortName(p.village?.name ?? ''), birthDate: p.birthDate ?? '' },
        savedPhone: p.phone,
      };
    },
    onProfileField(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const field = (e.currentTarget.dataset as { field: 'name' | 'phone' }).field;
      this.setData({ [`profile.${field}`]: e.detail.value });
    },
    onBirthDate(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ 'profile.birthDate': e.detail.value });
    },
    /** The village list is read when the person first chooses: most visits never need it. */
    async onChooseVillage() {
      this.setData({ choosing: !this.data.choosing, town: null });
      if (this.data.towns.length > 0) return;
      try {
        const { orgs } = await api().org.list({});
        this.setData({ towns: townships(orgs) });
      } catch (err) {
        this.setData({ choosing: false });
        showError(err);
      }
    },
    onTown(e: WechatMiniprogram.BaseEvent) {
      const id = (e.currentTarget.dataset as { id: string }).id;
      this.setData({ town: this.data.towns.find((t) => t.id === id) ?? null });
    },
    onVillage(e: WechatMiniprogram.BaseEvent) {
      const { id, name } = e.currentTarget.dataset as { id: string; name: string };
      this.setData({ 'profile.villageId': id, 'profile.villageName': name, choosing: false, town: null });
    },
    async onSaveProfile() {
      if (this.data.saving) return;
      const p = this.data.profile;
      this.setData({ saving: true });
      try {
        const { profile } = await api().identity.saveProfile({
          name: p.name,
          ...(p.phone && { phone: p.phone }),
          villageId: p.villageId || null,
          birthDate: p.birthDate || null,
        });
        if (p.phone) fullPhone = p.phone;
        rememberProfile({ name: profile.name, phone: fullPhone, villageId: profile.village?.id ?? null, birthDate: profile.birthDate });
        this.setData(this.shownProfile(profile));
        wx.showToast({ title: '已保存，办事时自动填写', icon: 'none' });
      } catch (err) {
        showError(err);
      } finally {
        this.setData({ saving: false });
      }
    },
    /** Asked once more: the forms stop offering the name and phone after it. */
    onDeleteProfile() {
      wx.showModal({
        title: '删除我保存的信息？',
        content: '删除后，办事时要重新填写姓名和电话。已经办理的事不受影响。',
        confirmText: '删除',
        cancelText: '不删了',
        success: async ({ confirm }) => {
          if (!confirm) return;
          try {
            await api().identity.deleteProfile({});
            rememberProfile(null);
            this.setData(this.shownProfile(null));
            wx.showToast({ title: '已删除', icon: 'none' });
          } catch (err) {
            showError(err);
          }
        },
      });
    },
    onToggleJoin() {
      this.setData({ joinOpen: !this.data.joinOpen });
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
