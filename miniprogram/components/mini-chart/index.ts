/**
 * A few bars drawn small on canvas 2d, read at a glance, each with its count and label as text
 * below (text scales with 长辈模式 and reaches screen readers; the canvas is only the shape).
 *
 * Hand-written rather than a chart library: ECharts for mini-programs (ec-canvas) is about 1 MB,
 * half of a 2 MB package, for what 统计 needs — a handful of bars from numbers it already has.
 * This is some 60 lines. Colours are TDesign's tokens: a canvas cannot read CSS variables, so two
 * hidden probes carry them (`color: var(--td-…)`) and the chart reads their computed colour.
 */
interface Bar {
  label: string;
  count: number;
}

interface Surface {
  ctx: WechatMiniprogram.CanvasRenderingContext.CanvasRenderingContext2D;
  width: number;
  height: number;
  bar: string;
  base: string;
}

/** Kept outside `data`: a canvas node is not something to send through setData. */
const surfaces = new WeakMap<object, Surface>();

/** Where a probe's colour cannot be read (an old base library), a named colour keeps the bars visible. */
const FALLBACK = 'gray';

function draw(s: Surface, bars: readonly Bar[]): void {
  const { ctx, width, height } = s;
  ctx.clearRect(0, 0, width, height);
  const max = Math.max(1, ...bars.map((b) => b.count));
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.min(slot * 0.6, 48);
  bars.forEach((b, i) => {
    // A zero is drawn as nothing above the baseline; a small count still shows a sliver.
    const h = b.count > 0 ? Math.max(2, ((height - 4) * b.count) / max) : 0;
    ctx.fillStyle = s.bar;
    ctx.fillRect(i * slot + (slot - barWidth) / 2, height - 2 - h, barWidth, h);
  });
  ctx.fillStyle = s.base;
  ctx.fillRect(0, height - 2, width, 2);
}

Component({
  properties: {
    bars: { type: Array, value: [] as Bar[] },
    /** What the chart shows, for screen readers: "办结用时". */
    title: { type: String, value: '' },
  },
  data: {
    cells: [] as Array<{ label: string; count: string }>,
    summary: '',
  },
  observers: {
    'bars, title'(bars: Bar[], title: string) {
      this.setData({
        cells: bars.map((b) => ({ label: b.label, count: String(b.count) })),
        summary: `${title}：${bars.map((b) => `${b.label}${b.count}`).join('，')}`,
      });
      const surface = surfaces.get(this);
      if (surface) draw(surface, bars);
    },
  },
  lifetimes: {
    ready() {
      const query = this.createSelectorQuery();
      query.select('#chart').fields({ node: true, size: true });
      query.selectAll('.chart__probe').fields({ computedStyle: ['color'] });
      query.exec((res: [{ node?: WechatMiniprogram.Canvas; width: number; height: number } | null, Array<{ color?: string }> | null]) => {
        const found = res[0];
        if (!found?.node) return;
        const canvas = found.node;
        const ctx = canvas.getContext('2d') as Surface['ctx'];
        // At the screen's pixel density, so the bars are crisp rather than blurred.
        const ratio = wx.getWindowInfo().pixelRatio || 1;
        canvas.width = found.width * ratio;
        canvas.height = found.height * ratio;
        ctx.scale(ratio, ratio);
        const [bar, base] = res[1] ?? [];
        const surface: Surface = { ctx, width: found.width, height: found.height, bar: bar?.color || FALLBACK, base: base?.color || FALLBACK };
        surfaces.set(this, surface);
        draw(surface, this.data.bars as Bar[]);
      });
    },
  },
});
