/**
 * WeChat's privacy authorization (用户隐私保护指引) before a form collects a phone number or photos.
 * On attach it asks the platform (wx.requirePrivacyAuthorize); when the person has not agreed yet,
 * the platform calls our onNeedPrivacyAuthorization listener and this sheet explains why and offers
 * the guide, 同意 (the platform's agreePrivacyAuthorization button, which alone records consent)
 * and 不同意. Nothing is recorded on our side: the platform keeps the consent.
 * With `notice` (a core NOTICE_TOPICS key, e.g. legal_aid) it also shows the notice owed where
 * processing rests on a statutory duty (PIPL Art 17/30), folded to its title until tapped; the text
 * is core's current version, the one `privacy.notice` serves.
 */
import { currentText, NOTICE_TEXTS, type NoticeTopic } from '@core';

type PrivacyEvent = 'exposureAuthorization' | 'agree' | 'disagree';
type Resolve = (answer: { event: PrivacyEvent; buttonId?: string }) => void;

/** The platform's pending request per sheet: answered once, by 同意 or 不同意. */
const pending = new WeakMap<object, Resolve>();

/** Base libraries before 2.32.3 (and test stand-ins without them) do not intercept privacy APIs: nothing to ask. */
function supported(): boolean {
  const api = wx as unknown as Record<string, unknown>;
  return typeof api.requirePrivacyAuthorize === 'function' && typeof api.onNeedPrivacyAuthorization === 'function';
}

Component({
  properties: {
    /** What the page is about to collect, in the words the person reads. */
    purpose: { type: String, value: '填写联系电话、上传材料照片' },
    /** A statutory-duty notice to show above the form (core NOTICE_TOPICS), or none. */
    notice: { type: String, value: '' },
  },
  observers: {
    notice(topic: string) {
      const texts = Object.prototype.hasOwnProperty.call(NOTICE_TEXTS, topic) ? NOTICE_TEXTS[topic as NoticeTopic] : null;
      const text = texts ? currentText(texts) : null;
      this.setData({ noticeTitle: text?.title ?? '', noticeParagraphs: text ? [...text.paragraphs] : [], noticeVersion: text?.version ?? '' });
    },
  },
  data: {
    noticeTitle: '',
    noticeParagraphs: [] as string[],
    noticeVersion: '',
    noticeOpen: false,
    open: false,
    declined: false,
    contractName: '《用户隐私保护指引》',
  },
  lifetimes: {
    attached() {
      this.ask();
    },
    detached() {
      pending.delete(this);
    },
  },
  pageLifetimes: {
    // Only the last listener registered counts: a page coming back takes it back from the one it opened.
    show() {
      this.listen();
    },
  },
  methods: {
    listen() {
      if (!supported()) return;
      // The typings call the listener's argument a plain result; WeChat passes resolve.
      wx.onNeedPrivacyAuthorization((arg) => {
        const resolve = arg as unknown as Resolve;
        pending.set(this, resolve);
        this.setData({ open: true, declined: false });
        resolve({ event: 'exposureAuthorization' });
      });
    },
    ask() {
      if (!supported()) return;
      this.listen();
      wx.getPrivacySetting?.({
        success: (res) => {
          if (res.privacyContractName) this.setData({ contractName: res.privacyContractName });
        },
      });
      wx.requirePrivacyAuthorize({
        success: () => this.setData({ open: false, declined: false }),
        fail: () => this.setData({ open: false, declined: true }),
      });
    },
    answer(event: 'agree' | 'disagree') {
      const resolve = pending.get(this);
      pending.delete(this);
      resolve?.(event === 'agree' ? { event, buttonId: 'privacy-agree' } : { event });
      this.setData({ open: false, declined: event === 'disagree' });
    },
    onAgree() {
      this.answer('agree');
    },
    onDisagree() {
      this.answer('disagree');
    },
    onGuide() {
      wx.openPrivacyContract?.({});
    },
    onRetry() {
      this.ask();
    },
    onNotice() {
      this.setData({ noticeOpen: !this.data.noticeOpen });
    },
  },
});
