/**
 * 按住说话 beside a free-text field, for villagers who find typing hard: hold to speak, release to stop,
 * and what WeChat heard arrives as a `text` event ({ text }) for the page to append to its field.
 * Speech comes from the official 微信同声传译 plugin (WechatSI, declared in app.json). Where it cannot
 * work — the plugin missing (not added for this AppID, or the web preview, which has no requirePlugin)
 * or the microphone refused — the button is not shown: typing still works, and a dead button would not.
 */
interface RecognitionManager {
  start(options: { lang: string; duration: number }): void;
  stop(): void;
  onStart?: (res: { msg: string }) => void;
  onRecognize?: (res: { result: string }) => void;
  onStop?: (res: { result: string }) => void;
  onError?: (res: { retcode: number; msg: string }) => void;
}

/** The plugin's one shared manager, or null where there is none (requirePlugin absent or throwing). */
function recognitionManager(): RecognitionManager | null {
  // A bare `typeof` test: WeChat may hand requirePlugin to the module rather than to globalThis.
  if (typeof requirePlugin !== 'function') return null;
  try {
    const plugin = (requirePlugin as (name: string) => unknown)('WechatSI') as { getRecordRecognitionManager?: () => RecognitionManager } | undefined;
    return plugin?.getRecordRecognitionManager?.() ?? null;
  } catch {
    return null;
  }
}

// The plugin stops by itself at 60 s; a resident's account of a dispute fits in that.
const DURATION_MS = 60000;

Component({
  options: { styleIsolation: 'apply-shared' },
  properties: {
    /** What the field is called, for the button's spoken label (e.g. 情况说明). */
    field: { type: String, value: '' },
  },
  data: {
    available: false,
    state: 'idle' as 'idle' | 'listening' | 'missed',
  },
  lifetimes: {
    attached() {
      this.setData({ available: recognitionManager() !== null });
    },
  },
  methods: {
    onPress() {
      const manager = recognitionManager();
      if (!manager) {
        this.setData({ available: false });
        return;
      }
      (this as unknown as { holding: boolean }).holding = true;
      // Asked on the press, not on opening the page: WeChat answers at once once it has been decided.
      wx.authorize({
        scope: 'scope.record',
        success: () => {
          // The first press may have been spent on WeChat's question; the next one records.
          if (!(this as unknown as { holding: boolean }).holding) return;
          this.listen(manager);
        },
        fail: () => this.setData({ available: false, state: 'idle' }),
      });
    },
    onRelease() {
      const self = this as unknown as { holding: boolean; recording: RecognitionManager | null };
      self.holding = false;
      if (!self.recording) return;
      self.recording.stop();
    },
    listen(manager: RecognitionManager) {
      const self = this as unknown as { recording: RecognitionManager | null };
      // The manager is one per mini-program: whichever field is pressed takes its callbacks.
      manager.onStart = () => this.setData({ state: 'listening' });
      manager.onRecognize = () => undefined;
      manager.onStop = (res) => {
        self.recording = null;
        const text = (res.result ?? '').trim();
        if (text === '') {
          this.setData({ state: 'missed' });
          return;
        }
        this.setData({ state: 'idle' });
        this.triggerEvent('text', { text });
      };
      manager.onError = () => {
        self.recording = null;
        this.setData({ state: 'missed' });
      };
      self.recording = manager;
      this.setData({ state: 'listening' });
      manager.start({ lang: 'zh_CN', duration: DURATION_MS });
    },
  },
});
