/**
 * 接待人签名 (the 接待登记表 of the 甘肃 实体平台建设指导意见, §(九)3): a handwritten signature on a canvas, exported as a PNG for the
 * ledger. TDesign has no signature component, so this is the platform's canvas 2d by hand.
 */
interface Pad {
  canvas: WechatMiniprogram.Canvas;
  ctx: WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D;
  width: number;
  height: number;
  /** Stroke points drawn since the last clear; counted here, not in data, so drawing sends no setData. */
  points: number;
}

type Touch = { x: number; y: number };
type TouchEvent = { touches: Touch[] };

/** Kept outside `data`: a canvas node is not something to send through setData. */
const pads = new WeakMap<object, Pad>();
/** White, not transparent: image viewers show a transparent PNG on black, and the ink would vanish. */
function paper(ctx: Pad['ctx'], width: number, height: number): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
}

/** A scribble of a few points is a slip of the finger, not a signature. */
const MIN_POINTS = 8;

Component({
  data: {
    signed: false,
  },
  lifetimes: {
    ready() {
      wx.createSelectorQuery()
        .in(this)
        .select('#pad')
        .fields({ node: true, size: true })
        .exec((res: Array<{ node: WechatMiniprogram.Canvas; width: number; height: number } | null>) => {
          const found = res[0];
          if (!found?.node) return;
          const canvas = found.node;
          const ctx = canvas.getContext('2d') as Pad['ctx'];
          // Drawn at the screen's pixel density so the exported strokes are sharp, not blurred.
          const ratio = wx.getWindowInfo().pixelRatio || 1;
          canvas.width = found.width * ratio;
          canvas.height = found.height * ratio;
          ctx.scale(ratio, ratio);
          paper(ctx, found.width, found.height);
          ctx.lineWidth = 3;
          ctx.lineCap = 'round';
          ctx.lineJoin = 'round';
          ctx.strokeStyle = '#1a1a1a';
          pads.set(this, { canvas, ctx, width: found.width, height: found.height, points: 0 });
        });
    },
  },
  methods: {
    onStart(e: TouchEvent) {
      const pad = pads.get(this);
      const t = e.touches[0];
      if (!pad || !t) return;
      pad.ctx.beginPath();
      pad.ctx.moveTo(t.x, t.y);
    },
    onMove(e: TouchEvent) {
      const pad = pads.get(this);
      const t = e.touches[0];
      if (!pad || !t) return;
      pad.ctx.lineTo(t.x, t.y);
      pad.ctx.stroke();
      pad.points += 1;
    },
    onEnd() {
      const signed = (pads.get(this)?.points ?? 0) >= MIN_POINTS;
      if (signed !== this.data.signed) {
        this.setData({ signed });
        this.triggerEvent('change', { signed });
      }
    },
    onClear() {
      const pad = pads.get(this);
      if (pad) {
        paper(pad.ctx, pad.width, pad.height);
        pad.points = 0;
      }
      this.setData({ signed: false });
      this.triggerEvent('change', { signed: false });
    },
    /** The signature as a PNG temp file, or null when nothing worth calling a signature was drawn. */
    exportImage(): Promise<string | null> {
      const pad = pads.get(this);
      if (!pad || !this.data.signed) return Promise.resolve(null);
      return new Promise((resolve, reject) => {
        wx.canvasToTempFilePath({
          canvas: pad.canvas,
          fileType: 'png',
          success: (res) => resolve(res.tempFilePath),
          fail: () => reject(new Error('signature export failed')),
        });
      });
    },
  },
});
