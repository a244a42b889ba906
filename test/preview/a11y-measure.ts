/**
 * What a person sees on the phone, measured in Chromium: for every visible piece of text on the
 * page on top, its computed font size and its contrast against the colour actually behind it
 * (ancestors' backgrounds blended down to the phone's white), and each input's placeholder.
 * Used by test/preview/a11y.browser.test.ts; kept apart so `npm run screenshots` can report the same
 * figures.
 */
import type { Page } from 'playwright-core';

export interface TextSample {
  text: string;
  px: number;
  contrast: number;
  kind: 'text' | 'placeholder';
}

export interface Minimums {
  px: number;
  contrast: number;
}

/** Normal mode: MIIT's 18 px body and WCAG AA; 长辈模式: larger type and WCAG AAA. */
export const NORMAL: Minimums = { px: 18, contrast: 4.5 };
export const ELDER: Minimums = { px: 22, contrast: 7 };

export async function measureText(tab: Page): Promise<TextSample[]> {
  return tab.evaluate(() => {
    type RGBA = [number, number, number, number];
    const parse = (c: string): RGBA => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = (m[1] as string).split(/[ ,/]+/).filter(Boolean).map(Number);
      return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p.length > 3 ? (p[3] as number) : 1];
    };
    const over = (top: RGBA, under: RGBA): RGBA => {
      const a = top[3] + under[3] * (1 - top[3]);
      if (a === 0) return [0, 0, 0, 0];
      const mix = (i: number) => ((top[i] as number) * top[3] + (under[i] as number) * under[3] * (1 - top[3])) / a;
      return [mix(0), mix(1), mix(2), a];
    };
    const lum = (c: RGBA) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
    };
    const behind = (el: Element | null): RGBA => {
      const layers: RGBA[] = [];
      for (let e = el; e; e = e.parentElement) {
        const bg = parse(getComputedStyle(e).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let out: RGBA = [255, 255, 255, 1];
      for (const l of layers.reverse()) out = over(l, out);
      return out;
    };
    const ratio = (fg: RGBA, bg: RGBA) => {
      const [a, b] = [lum(over(fg, bg)), lum(bg)];
      return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    };
    const root = document.querySelector('#phone .px-page:not([hidden])');
    if (!root) return [];
    const out: Array<{ text: string; px: number; contrast: number; kind: 'text' | 'placeholder' }> = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      const rect = range.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      // Icon glyphs (TDesign's icon font) are pictures, not text.
      if (/\bt-icon\b/.test(el.className) || style.fontFamily.includes('t-icon')) continue;
      out.push({ text: text.slice(0, 24), px: parseFloat(style.fontSize), contrast: ratio(parse(style.color), behind(el)), kind: 'text' });
    }
    for (const input of Array.from(root.querySelectorAll('input, textarea')) as HTMLInputElement[]) {
      const rect = input.getBoundingClientRect();
      if (!input.placeholder || input.value || rect.width === 0) continue;
      const ph = getComputedStyle(input, '::placeholder');
      out.push({ text: `(${input.placeholder.slice(0, 20)})`, px: parseFloat(ph.fontSize), contrast: ratio(parse(ph.color), behind(input)), kind: 'placeholder' });
    }
    return out.map((s) => ({ ...s, contrast: Math.round(s.contrast * 100) / 100 }));
  });
}

/** The samples under a minimum, as `text: 14px 2.8:1` lines. */
export function belowMinimum(samples: TextSample[], min: Minimums): string[] {
  return samples
    .filter((s) => s.px < min.px - 0.01 || s.contrast < min.contrast)
    .map((s) => `${s.kind === 'placeholder' ? 'placeholder ' : ''}"${s.text}": ${s.px}px ${s.contrast}:1`);
}
