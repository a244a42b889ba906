/**
 * What WeChat draws itself (toast, modal, loading, action sheet, pickers, the subscribe prompt…)
 * drawn here as plain DOM inside the phone: visible in screenshots, and real buttons with their
 * Chinese labels so a browser test clicks them as a person would.
 */

const STYLE = `
#px-overlay { position: absolute; inset: 0; pointer-events: none; z-index: 1000; font-size: 16px; }
#px-overlay > * { pointer-events: auto; }
.px-mask { position: absolute; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: center; justify-content: center; }
.px-mask--bottom { align-items: flex-end; }
.px-dialog { width: 300px; background: #fff; border-radius: 12px; overflow: hidden; text-align: center; }
.px-dialog h2 { margin: 0; padding: 24px 20px 8px; font-size: 17px; font-weight: 600; }
.px-dialog p { margin: 0; padding: 8px 20px 24px; color: #5e5e5e; white-space: pre-wrap; text-align: left; }
.px-dialog input, .px-dialog textarea { display: block; width: calc(100% - 40px); margin: 0 20px 20px; padding: 8px; font: inherit; border: 1px solid #c5c5c5; border-radius: 6px; }
.px-actions { display: flex; border-top: 1px solid #e7e7e7; }
.px-actions button { flex: 1; padding: 14px 0; font: inherit; font-size: 17px; background: none; border: 0; cursor: pointer; }
.px-actions button + button { border-left: 1px solid #e7e7e7; }
.px-actions .px-primary { color: #0052d9; font-weight: 600; }
.px-sheet { width: 100%; background: #f3f3f3; border-radius: 12px 12px 0 0; overflow: hidden; }
.px-sheet h2 { margin: 0; padding: 14px; font-size: 15px; font-weight: 500; color: #5e5e5e; text-align: center; background: #fff; border-bottom: 1px solid #e7e7e7; }
.px-sheet .px-list { max-height: 360px; overflow-y: auto; background: #fff; }
.px-sheet .px-list button { display: block; width: 100%; padding: 14px; font: inherit; font-size: 17px; background: #fff; border: 0; border-bottom: 1px solid #f0f0f0; cursor: pointer; }
.px-sheet .px-list button[aria-checked="true"] { color: #0052d9; font-weight: 600; }
.px-sheet .px-field { padding: 16px; background: #fff; }
.px-sheet .px-field input { width: 100%; padding: 10px; font: inherit; font-size: 17px; border: 1px solid #c5c5c5; border-radius: 6px; }
.px-sheet .px-cancel { display: block; width: 100%; margin-top: 8px; padding: 14px; font: inherit; font-size: 17px; background: #fff; border: 0; cursor: pointer; }
.px-sheet .px-bar { display: flex; justify-content: space-between; background: #fff; border-bottom: 1px solid #e7e7e7; }
.px-sheet .px-bar button { padding: 14px 16px; font: inherit; font-size: 16px; background: none; border: 0; cursor: pointer; }
.px-sheet .px-bar .px-primary { color: #0052d9; font-weight: 600; }
.px-toast { position: absolute; left: 50%; top: 45%; transform: translate(-50%, -50%); max-width: 80%; padding: 12px 18px; border-radius: 8px;
  background: rgba(0,0,0,.75); color: #fff; text-align: center; pointer-events: none !important; white-space: pre-wrap; }
.px-toast .px-icon { display: block; font-size: 28px; line-height: 1.2; }
.px-banner { position: absolute; left: 0; right: 0; top: 0; z-index: 1100; max-height: 40%; overflow-y: auto; padding: 8px 12px;
  background: #d54941; color: #fff; font: 13px/1.5 ui-monospace, monospace; }
.px-banner div + div { margin-top: 4px; border-top: 1px solid rgba(255,255,255,.4); padding-top: 4px; }
.px-image { position: absolute; inset: 0; background: #000; display: flex; align-items: center; justify-content: center; }
.px-image img { max-width: 100%; max-height: 100%; }
`;

let overlay: HTMLElement;
let banner: HTMLElement | null = null;
const reported = new Set<string>();

export function mountUi(phone: HTMLElement): void {
  const style = document.createElement('style');
  style.textContent = STYLE;
  document.head.appendChild(style);
  overlay = document.createElement('div');
  overlay.id = 'px-overlay';
  phone.appendChild(overlay);
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(label: string, testid: string, primary = false): HTMLButtonElement {
  const b = el('button', { type: 'button', 'data-testid': testid }, label);
  if (primary) b.className = 'px-primary';
  return b;
}

/**
 * What the preview cannot do must never pass silently: a red banner in the phone (it stays until
 * reload) naming what the page asked for, and the same on the console for tests and developers.
 */
export function loud(message: string): void {
  console.error(`[preview] ${message}`);
  if (reported.has(message)) return;
  reported.add(message);
  if (!banner) {
    banner = el('div', { class: 'px-banner', role: 'alert', 'data-testid': 'preview-error' });
    overlay.parentElement?.appendChild(banner);
  }
  banner.appendChild(el('div', {}, message));
}

export function problems(): string[] {
  return [...reported];
}

let toastTimer: number | undefined;
let toastEl: HTMLElement | null = null;
let loadingEl: HTMLElement | null = null;

function clearToast(): void {
  window.clearTimeout(toastTimer);
  toastEl?.remove();
  toastEl = null;
}

export function toast(opts: { title: string; icon?: string; duration?: number; mask?: boolean }): void {
  clearToast();
  hideLoading();
  const icon = opts.icon ?? 'success';
  toastEl = el('div', { class: 'px-toast', role: 'status', 'data-testid': 'toast' });
  if (icon !== 'none') toastEl.appendChild(el('span', { class: 'px-icon', 'aria-hidden': 'true' }, icon === 'error' ? '✕' : icon === 'loading' ? '…' : '✓'));
  toastEl.appendChild(el('span', {}, opts.title));
  overlay.appendChild(toastEl);
  toastTimer = window.setTimeout(clearToast, opts.duration ?? 1500);
}

export function hideToast(): void {
  clearToast();
}

export function showLoading(title: string, mask: boolean): void {
  hideLoading();
  clearToast();
  loadingEl = el('div', { class: mask ? 'px-mask' : '', 'data-testid': 'loading' });
  const box = el('div', { class: 'px-toast', role: 'status' });
  box.appendChild(el('span', { class: 'px-icon', 'aria-hidden': 'true' }, '…'));
  box.appendChild(el('span', {}, title));
  loadingEl.appendChild(box);
  overlay.appendChild(loadingEl);
}

export function hideLoading(): void {
  loadingEl?.remove();
  loadingEl = null;
}

export interface ModalOptions {
  title?: string;
  content?: string;
  showCancel?: boolean;
  cancelText?: string;
  confirmText?: string;
  editable?: boolean;
  placeholderText?: string;
}

export function modal(opts: ModalOptions, testid = 'modal'): Promise<{ confirm: boolean; cancel: boolean; content?: string }> {
  return new Promise((resolve) => {
    const mask = el('div', { class: 'px-mask' });
    const dialog = el('div', { class: 'px-dialog', role: 'dialog', 'aria-modal': 'true', 'data-testid': testid });
    if (opts.title) dialog.appendChild(el('h2', {}, opts.title));
    if (opts.content && !opts.editable) dialog.appendChild(el('p', {}, opts.content));
    let input: HTMLInputElement | null = null;
    if (opts.editable) {
      if (!opts.title) dialog.appendChild(el('h2', {}, ''));
      input = el('input', { type: 'text', placeholder: opts.placeholderText ?? '', 'data-testid': `${testid}-input` });
      input.value = opts.content ?? '';
      dialog.appendChild(input);
    }
    const actions = el('div', { class: 'px-actions' });
    const done = (confirm: boolean) => {
      mask.remove();
      resolve({ confirm, cancel: !confirm, ...(input ? { content: input.value } : {}) });
    };
    if (opts.showCancel !== false) {
      const cancel = button(opts.cancelText || '取消', `${testid}-cancel`);
      cancel.onclick = () => done(false);
      actions.appendChild(cancel);
    }
    const ok = button(opts.confirmText || '确定', `${testid}-confirm`, true);
    ok.onclick = () => done(true);
    actions.appendChild(ok);
    dialog.appendChild(actions);
    mask.appendChild(dialog);
    overlay.appendChild(mask);
    (input ?? ok).focus();
  });
}

/** A bottom sheet with one button per choice; answers the index, or -1 when cancelled. */
export function sheet(opts: { title?: string; items: string[]; selected?: number; testid: string }): Promise<number> {
  return new Promise((resolve) => {
    const mask = el('div', { class: 'px-mask px-mask--bottom' });
    const box = el('div', { class: 'px-sheet', role: 'dialog', 'aria-modal': 'true', 'data-testid': opts.testid });
    if (opts.title) box.appendChild(el('h2', {}, opts.title));
    const list = el('div', { class: 'px-list', role: 'listbox' });
    const done = (i: number) => {
      mask.remove();
      resolve(i);
    };
    opts.items.forEach((item, i) => {
      const b = el('button', { type: 'button', role: 'option', 'aria-checked': String(i === opts.selected) }, item);
      b.onclick = () => done(i);
      list.appendChild(b);
    });
    box.appendChild(list);
    const cancel = el('button', { type: 'button', class: 'px-cancel', 'data-testid': `${opts.testid}-cancel` }, '取消');
    cancel.onclick = () => done(-1);
    box.appendChild(cancel);
    mask.onclick = (e) => {
      if (e.target === mask) done(-1);
    };
    mask.appendChild(box);
    overlay.appendChild(mask);
  });
}

/** A sheet with one native field (date, time, text); answers its value, or null when cancelled. */
export function fieldSheet(opts: { title: string; type: string; value: string; min?: string; max?: string; testid: string }): Promise<string | null> {
  return new Promise((resolve) => {
    const mask = el('div', { class: 'px-mask px-mask--bottom' });
    const box = el('div', { class: 'px-sheet', role: 'dialog', 'aria-modal': 'true', 'data-testid': opts.testid });
    const bar = el('div', { class: 'px-bar' });
    const cancel = button('取消', `${opts.testid}-cancel`);
    const ok = button('确定', `${opts.testid}-confirm`, true);
    bar.append(cancel, el('span', { style: 'padding:14px 0;color:#5e5e5e' }, opts.title), ok);
    const field = el('div', { class: 'px-field' });
    const input = el('input', { type: opts.type, 'aria-label': opts.title, 'data-testid': `${opts.testid}-input` });
    input.value = opts.value;
    if (opts.min) input.min = opts.min;
    if (opts.max) input.max = opts.max;
    field.appendChild(input);
    box.append(bar, field);
    const done = (value: string | null) => {
      mask.remove();
      resolve(value);
    };
    cancel.onclick = () => done(null);
    ok.onclick = () => done(input.value);
    mask.appendChild(box);
    overlay.appendChild(mask);
    input.focus();
  });
}

export function previewImage(url: string): void {
  const box = el('div', { class: 'px-image', role: 'dialog', 'aria-label': '查看图片', 'data-testid': 'image-preview' });
  box.appendChild(el('img', { src: url, alt: '' }));
  box.onclick = () => box.remove();
  overlay.appendChild(box);
}
