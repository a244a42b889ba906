/**
 * WeChat's built-in components. miniprogram-simulate registers each as an empty `<slot/>` wrapper
 * (fine for jsdom tests); a person in a browser needs inputs that take text, pickers that open,
 * images that load and a canvas that draws. Each is re-registered here under the same id: the
 * host element (`wx-input` …) keeps simulate's tag name, and the real HTML control lives inside it.
 * Built-ins the product does not use announce themselves in the red banner instead of rendering
 * as nothing.
 */
import { win, type ComponentDefinition, type Instance } from './env';
import { fieldSheet, loud, sheet } from './ui';

type Handlers = Record<string, (this: Instance, ...args: never[]) => unknown>;

/** WeChat's aria-* attributes on built-ins, reflected to the DOM so the preview is accessible (and testable by role). */
const ARIA = ['role', 'label', 'hidden', 'selected', 'checked', 'disabled', 'expanded', 'live', 'describedby', 'labelledby', 'valuenow', 'valuemin', 'valuemax'];

function ariaProperties(): Record<string, unknown> {
  return Object.fromEntries(ARIA.map((a) => [`aria${a[0]?.toUpperCase()}${a.slice(1)}`, { type: null, value: null }]));
}

function reflectAria(inst: Instance): void {
  const host = inst._exparserNode.$$;
  for (const a of ARIA) {
    const value = inst.data[`aria${a[0]?.toUpperCase()}${a.slice(1)}`];
    const attr = a === 'role' ? 'role' : `aria-${a}`;
    // A <button> is a button unless the template says otherwise (aria-role).
    if ((value === null || value === undefined || value === '') && a === 'role' && typeof inst.__defaultRole === 'string') host.setAttribute('role', inst.__defaultRole);
    else if (value === null || value === undefined || value === '') host.removeAttribute(attr);
    else host.setAttribute(attr, String(value));
  }
}

const ariaObserver = ARIA.map((a) => `aria${a[0]?.toUpperCase()}${a.slice(1)}`).join(', ');

function define(id: string, def: { properties?: Record<string, unknown>; observers?: Handlers; attached?: (this: Instance) => void; detached?: (this: Instance) => void; methods?: Handlers; template?: string }): void {
  const definition: ComponentDefinition = {
    id,
    tagName: `wx-${id}`,
    template: def.template ?? '<slot/>',
    properties: { ...ariaProperties(), ...(def.properties ?? {}) },
    observers: {
      [ariaObserver]: function (this: Instance) {
        if (this._exparserNode.$$) reflectAria(this);
      },
      ...(def.observers ?? {}),
    } as ComponentDefinition['observers'],
    lifetimes: {
      attached(this: Instance) {
        reflectAria(this);
        def.attached?.call(this);
      },
      ...(def.detached ? { detached: def.detached } : {}),
    },
    methods: def.methods as ComponentDefinition['methods'],
    options: { multipleSlots: true },
  };
  win.simulate.load(definition);
}

/**
 * Events from the HTML control must reach exparser as events of the built-in: exparser finds its
 * node from a DOM target through `__wxElement`, which the control borrows from its host.
 */
function adopt<T extends HTMLElement>(inst: Instance, el: T): T {
  (el as unknown as { __wxElement?: unknown }).__wxElement = (host(inst) as unknown as { __wxElement?: unknown }).__wxElement;
  inst.__native = el;
  host(inst).appendChild(el);
  return el;
}

/** The HTML control a built-in keeps inside its host. */
function native<T extends HTMLElement>(inst: Instance): T | undefined {
  return inst.__native as T | undefined;
}

function host(inst: Instance): HTMLElement {
  return inst._exparserNode.$$;
}

function bool(v: unknown): boolean {
  return v === true || v === 'true' || v === '';
}

const CONTAINERS = ['view', 'cover-view', 'root-portal', 'grid-view', 'list-view', 'sticky-header', 'sticky-section', 'block', 'label'];

/** Built-ins no page of the product uses: rendering one says so, loudly. */
const UNSUPPORTED = [
  'video', 'camera', 'live-player', 'live-pusher', 'web-view', 'ad', 'ad-custom', 'official-account', 'open-data', 'editor',
  'swiper', 'swiper-item', 'movable-area', 'movable-view', 'picker-view', 'picker-view-column', 'slider', 'progress', 'audio',
  'checkbox', 'checkbox-group', 'radio', 'radio-group', 'switch', 'form', 'voip-room', 'channel-live', 'channel-video',
  'page-container', 'match-media', 'keyboard-accessory', 'share-element', 'icon', 'functional-page-navigator', 'navigation-bar',
  'page-meta', 'share-element', 'cover-image',
];

function inputType(type: string, password: boolean): { type: string; inputmode?: string } {
  if (password || type === 'safe-password') return { type: 'password' };
  if (type === 'number') return { type: 'text', inputmode: 'numeric' };
  if (type === 'digit') return { type: 'text', inputmode: 'decimal' };
  if (type === 'idcard') return { type: 'text', inputmode: 'text' };
  return { type: 'text' };
}

/** What input and textarea share: value in, input/focus/blur/confirm events out. */
function textControl(kind: 'input' | 'textarea') {
  const apply = function (this: Instance) {
    const el = native<HTMLInputElement | HTMLTextAreaElement>(this);
    if (!el) return;
    const d = this.data;
    if (el instanceof HTMLInputElement) {
      const t = inputType(String(d.type ?? 'text'), bool(d.password));
      el.type = t.type;
      if (t.inputmode) el.inputMode = t.inputmode;
      else el.removeAttribute('inputmode');
    }
    el.placeholder = d.placeholder === null || d.placeholder === undefined ? '' : String(d.placeholder);
    el.disabled = bool(d.disabled);
    const max = Number(d.maxlength);
    if (Number.isFinite(max) && max >= 0) el.maxLength = max;
    else el.removeAttribute('maxlength');
    const value = d.value === null || d.value === undefined ? '' : String(d.value);
    if (el.value !== value) el.value = value;
    if (bool(d.focus) && document.activeElement !== el) setTimeout(() => el.focus(), 0);
    if (el instanceof HTMLTextAreaElement && bool(d.autoHeight)) autoHeight(el, this);
  };
  const autoHeight = (el: HTMLTextAreaElement, inst: Instance) => {
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
    host(inst).style.height = 'auto';
  };
  define(kind, {
    properties: {
      value: { type: null, value: '' },
      type: { type: String, value: 'text' },
      password: { type: Boolean, value: false },
      placeholder: { type: null, value: '' },
      placeholderStyle: { type: String, value: '' },
      placeholderClass: { type: String, value: '' },
      disabled: { type: Boolean, value: false },
      maxlength: { type: Number, value: 140 },
      focus: { type: Boolean, value: false },
      autoFocus: { type: Boolean, value: false },
      autoHeight: { type: Boolean, value: false },
      confirmType: { type: String, value: kind === 'input' ? 'done' : 'return' },
      cursorSpacing: { type: null, value: 0 },
      adjustPosition: { type: Boolean, value: true },
      alwaysEmbed: { type: Boolean, value: false },
      holdKeyboard: { type: Boolean, value: false },
      disableDefaultPadding: { type: Boolean, value: false },
      showConfirmBar: { type: Boolean, value: true },
      fixed: { type: Boolean, value: false },
      cursor: { type: Number, value: -1 },
      selectionStart: { type: Number, value: -1 },
      selectionEnd: { type: Number, value: -1 },
    },
    observers: {
      'value, type, password, placeholder, disabled, maxlength, focus, autoHeight': apply,
    },
    attached() {
      const el = document.createElement(kind);
      el.className = 'px-native';
      adopt(this, el);
      apply.call(this);
      if (bool(this.data.autoFocus)) setTimeout(() => el.focus(), 0);
      el.addEventListener('input', (e) => {
        const ev = e as InputEvent;
        this.triggerEvent('input', { value: el.value, cursor: el.selectionStart ?? el.value.length, keyCode: ev.data ? ev.data.charCodeAt(0) : 8 });
        if (el instanceof HTMLTextAreaElement && bool(this.data.autoHeight)) autoHeight(el, this);
      });
      el.addEventListener('focus', () => this.triggerEvent('focus', { value: el.value, height: 0 }));
      el.addEventListener('blur', () => this.triggerEvent('blur', { value: el.value, cursor: el.selectionStart ?? 0 }));
      el.addEventListener('keydown', (e) => {
        if ((e as KeyboardEvent).key === 'Enter' && (kind === 'input' || this.data.confirmType !== 'return')) {
          if (kind === 'textarea') e.preventDefault();
          this.triggerEvent('confirm', { value: el.value });
        }
      });
    },
  });
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function picker(): void {
  define('picker', {
    properties: {
      mode: { type: String, value: 'selector' },
      range: { type: null, value: [] },
      rangeKey: { type: String, value: '' },
      value: { type: null, value: null },
      start: { type: String, value: '' },
      end: { type: String, value: '' },
      fields: { type: String, value: 'day' },
      disabled: { type: Boolean, value: false },
      headerText: { type: String, value: '' },
    },
    attached() {
      host(this).addEventListener('click', () => void (this.__open as ((this: Instance) => Promise<void>) | undefined)?.call(this));
      this.__open = async function (this: Instance) {
        const d = this.data;
        if (bool(d.disabled)) return;
        const mode = String(d.mode);
        const title = String(d.headerText || '');
        if (mode === 'selector') {
          const range = Array.isArray(d.range) ? (d.range as unknown[]) : [];
          const key = String(d.rangeKey || '');
          const items = range.map((r) => (key && r && typeof r === 'object' ? String((r as Record<string, unknown>)[key]) : String(r)));
          const chosen = await sheet({ title: title || '请选择', items, selected: Number(d.value ?? 0), testid: 'picker' });
          if (chosen < 0) this.triggerEvent('cancel', {});
          else this.triggerEvent('change', { value: chosen });
          return;
        }
        if (mode === 'date' || mode === 'time') {
          const now = new Date();
          const fields = String(d.fields || 'day');
          const type = mode === 'time' ? 'time' : fields === 'month' ? 'month' : fields === 'year' ? 'number' : 'date';
          const fallback = mode === 'time' ? `${pad(now.getHours())}:${pad(now.getMinutes())}` : `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
          const value = await fieldSheet({
            title: title || (mode === 'time' ? '选择时间' : '选择日期'),
            type,
            value: String(d.value || fallback),
            min: String(d.start || '') || undefined,
            max: String(d.end || '') || undefined,
            testid: 'picker',
          });
          if (value === null) this.triggerEvent('cancel', {});
          else this.triggerEvent('change', { value });
          return;
        }
        loud(`<picker mode="${mode}"> 预览暂不支持（支持 selector、date、time）`);
      };
    },
  });
}

const FIT: Record<string, string> = { scaleToFill: 'fill', aspectFit: 'contain', aspectFill: 'cover' };

function image(): void {
  const apply = function (this: Instance) {
    const img = native<HTMLImageElement>(this);
    if (!img) return;
    const mode = String(this.data.mode || 'scaleToFill');
    const h = host(this);
    h.dataset.mode = mode;
    img.style.objectFit = FIT[mode] ?? 'none';
    const src = this.data.src ? String(this.data.src) : '';
    if (src.startsWith('cloud://')) loud(`<image src="cloud://…"> 预览里没有云存储的临时链接：请用 getTempFileURL 换成 https 链接`);
    if (src && img.getAttribute('src') !== src) img.src = src;
    if (!src) img.removeAttribute('src');
  };
  define('image', {
    properties: {
      src: { type: String, value: '' },
      mode: { type: String, value: 'scaleToFill' },
      lazyLoad: { type: Boolean, value: false },
      webp: { type: Boolean, value: false },
      showMenuByLongpress: { type: Boolean, value: false },
      fadeIn: { type: Boolean, value: false },
    },
    observers: { 'src, mode': apply },
    attached() {
      const img = document.createElement('img');
      img.alt = '';
      img.className = 'px-native';
      img.draggable = false;
      adopt(this, img);
      img.addEventListener('load', () => this.triggerEvent('load', { width: img.naturalWidth, height: img.naturalHeight }));
      img.addEventListener('error', () => this.triggerEvent('error', { errMsg: `GET ${img.src} failed` }));
      apply.call(this);
    },
  });
}

/**
 * canvas type="2d": the node handed out by createSelectorQuery().fields({ node: true }) is the
 * real <canvas>, with the few methods WeChat's Canvas adds on top of the HTML one.
 */
export function canvasNode(inst: Instance): HTMLCanvasElement | undefined {
  return native<HTMLCanvasElement>(inst);
}

function canvas(): void {
  define('canvas', {
    properties: {
      type: { type: String, value: '' },
      canvasId: { type: String, value: '' },
      disableScroll: { type: Boolean, value: false },
    },
    attached() {
      const c = document.createElement('canvas') as HTMLCanvasElement & Record<string, unknown>;
      c.className = 'px-native';
      c.createImage = () => new Image();
      c.createPath2D = (path?: Path2D) => new Path2D(path);
      c.requestAnimationFrame = (cb: FrameRequestCallback) => window.requestAnimationFrame(cb);
      c.cancelAnimationFrame = (id: number) => window.cancelAnimationFrame(id);
      adopt(this, c);
      // A page scrolling under a finger that is signing would tear the stroke.
      c.addEventListener('touchmove', (e) => bool(this.data.disableScroll) && e.preventDefault(), { passive: false });
      if (this.data.type !== '2d') loud('<canvas> 旧版接口（canvas-id / createCanvasContext）预览暂不支持，请用 type="2d"');
    },
  });
}

function scrollView(): void {
  const apply = function (this: Instance) {
    const h = host(this);
    h.style.overflowX = bool(this.data.scrollX) ? 'auto' : 'hidden';
    h.style.overflowY = bool(this.data.scrollY) ? 'auto' : 'hidden';
    const top = Number(this.data.scrollTop);
    if (Number.isFinite(top) && top >= 0 && h.scrollTop !== top) h.scrollTop = top;
    const left = Number(this.data.scrollLeft);
    if (Number.isFinite(left) && left >= 0 && h.scrollLeft !== left) h.scrollLeft = left;
    const into = this.data.scrollIntoView ? String(this.data.scrollIntoView) : '';
    if (into) h.querySelector(`#${CSS.escape(into)}`)?.scrollIntoView({ block: 'start' });
  };
  define('scroll-view', {
    properties: {
      scrollX: { type: Boolean, value: false },
      scrollY: { type: Boolean, value: false },
      scrollTop: { type: null, value: null },
      scrollLeft: { type: null, value: null },
      scrollIntoView: { type: String, value: '' },
      lowerThreshold: { type: null, value: 50 },
      upperThreshold: { type: null, value: 50 },
      enhanced: { type: Boolean, value: false },
      showScrollbar: { type: Boolean, value: true },
      enableFlex: { type: Boolean, value: false },
      scrollWithAnimation: { type: Boolean, value: false },
      refresherEnabled: { type: Boolean, value: false },
    },
    observers: { 'scrollX, scrollY, scrollTop, scrollLeft, scrollIntoView': apply },
    attached() {
      const h = host(this);
      let lastTop = 0;
      let lastLeft = 0;
      h.addEventListener('scroll', () => {
        this.triggerEvent('scroll', { scrollLeft: h.scrollLeft, scrollTop: h.scrollTop, scrollHeight: h.scrollHeight, scrollWidth: h.scrollWidth, deltaX: h.scrollLeft - lastLeft, deltaY: h.scrollTop - lastTop });
        lastTop = h.scrollTop;
        lastLeft = h.scrollLeft;
        const lower = Number(this.data.lowerThreshold) || 50;
        if (h.scrollHeight - h.scrollTop - h.clientHeight <= lower && bool(this.data.scrollY)) this.triggerEvent('scrolltolower', { direction: 'bottom' });
      });
      apply.call(this);
    },
  });
}

function button(): void {
  define('button', {
    properties: {
      size: { type: String, value: 'default' },
      type: { type: String, value: 'default' },
      plain: { type: Boolean, value: false },
      disabled: { type: Boolean, value: false },
      loading: { type: Boolean, value: false },
      formType: { type: String, value: '' },
      openType: { type: String, value: '' },
      hoverClass: { type: String, value: 'button-hover' },
      hoverStopPropagation: { type: Boolean, value: false },
    },
    observers: {
      'disabled, size, type, plain': function (this: Instance) {
        const h = host(this);
        if (!h) return;
        h.setAttribute('aria-disabled', String(bool(this.data.disabled)));
        h.dataset.size = String(this.data.size);
        h.dataset.type = String(this.data.type);
      },
    },
    attached() {
      const h = host(this);
      this.__defaultRole = 'button';
      reflectAria(this);
      h.tabIndex = 0;
      h.addEventListener('click', () => {
        if (bool(this.data.disabled)) return;
        const openType = String(this.data.openType || '');
        const formType = String(this.data.formType || '');
        if (openType) loud(`<button open-type="${openType}"> 预览暂不支持`);
        if (formType) loud(`<button form-type="${formType}">（<form>）预览暂不支持`);
      });
    },
  });
}

function navigator(): void {
  define('navigator', {
    properties: {
      url: { type: String, value: '' },
      openType: { type: String, value: 'navigate' },
      delta: { type: Number, value: 1 },
      target: { type: String, value: 'self' },
    },
    attached() {
      const h = host(this);
      this.__defaultRole = 'link';
      reflectAria(this);
      h.addEventListener('click', () => {
        const wx = win.wx as Record<'navigateTo' | 'redirectTo' | 'switchTab' | 'reLaunch' | 'navigateBack', (o: object) => void>;
        const url = String(this.data.url);
        const open = String(this.data.openType);
        const call: Record<string, () => void> = {
          navigate: () => wx.navigateTo({ url }),
          redirect: () => wx.redirectTo({ url }),
          switchTab: () => wx.switchTab({ url }),
          reLaunch: () => wx.reLaunch({ url }),
          navigateBack: () => wx.navigateBack({ delta: this.data.delta }),
        };
        const go = call[open];
        if (go) go();
        else loud(`<navigator open-type="${open}"> 预览暂不支持`);
      });
    },
  });
}

function richText(): void {
  const toNode = (n: unknown): Node => {
    if (typeof n !== 'object' || n === null) return document.createTextNode(String(n ?? ''));
    const node = n as { type?: string; text?: string; name?: string; attrs?: Record<string, string>; children?: unknown[] };
    if (node.type === 'text') return document.createTextNode(node.text ?? '');
    const e = document.createElement(node.name ?? 'span');
    for (const [k, v] of Object.entries(node.attrs ?? {})) if (!/^on/i.test(k)) e.setAttribute(k, v);
    for (const c of node.children ?? []) e.appendChild(toNode(c));
    return e;
  };
  define('rich-text', {
    properties: { nodes: { type: null, value: [] }, space: { type: String, value: '' } },
    observers: {
      nodes: function (this: Instance) {
        const box = native<HTMLElement>(this);
        if (!box) return;
        const nodes = this.data.nodes;
        if (typeof nodes === 'string') {
          // WeChat's rich-text renders a whitelist of tags and never runs scripts; so does a template.
          const t = document.createElement('template');
          t.innerHTML = nodes;
          t.content.querySelectorAll('script, iframe, object, embed').forEach((s) => s.remove());
          box.replaceChildren(t.content);
        } else box.replaceChildren(...(Array.isArray(nodes) ? nodes : []).map(toNode));
      },
    },
    attached() {
      const box = document.createElement('span');
      box.className = 'px-native';
      adopt(this, box);
      this.setData({ nodes: this.data.nodes });
    },
  });
}

function container(id: string): void {
  define(id, {});
}

function text(): void {
  define('text', {
    properties: { selectable: { type: Boolean, value: false }, userSelect: { type: Boolean, value: false }, space: { type: String, value: '' }, decode: { type: Boolean, value: false } },
  });
}

function unsupported(id: string): void {
  define(id, {
    attached() {
      loud(`<${id}> 组件预览暂不支持`);
    },
  });
}

export const BUILTIN_CSS = `
wx-view, wx-cover-view, wx-scroll-view, wx-picker, wx-root-portal, wx-grid-view, wx-list-view, wx-sticky-header, wx-sticky-section, wx-rich-text, wx-canvas, wx-swiper, wx-form, wx-editor { display: block; }
wx-text, wx-label, wx-navigator { display: inline; }
wx-text { white-space: pre-wrap; }
wx-navigator { display: block; cursor: pointer; }
wx-image { display: inline-block; position: relative; overflow: hidden; width: 320px; height: 240px; }
wx-image > img.px-native { position: absolute; left: 0; top: 0; width: 100%; height: 100%; }
wx-image[data-mode="widthFix"] { height: auto; }
wx-image[data-mode="widthFix"] > img.px-native { position: static; display: block; height: auto; }
wx-image[data-mode="heightFix"] { width: auto; }
wx-image[data-mode="heightFix"] > img.px-native { position: static; display: block; width: auto; }
wx-image[data-mode="top"] > img.px-native { object-position: top; }
wx-image[data-mode="bottom"] > img.px-native { object-position: bottom; }
wx-image[data-mode="center"] > img.px-native { object-position: center; }
wx-canvas { width: 300px; height: 150px; position: relative; }
wx-canvas > canvas.px-native { display: block; width: 100%; height: 100%; touch-action: none; }
wx-input { display: block; height: 1.4em; min-height: 1.4em; overflow: hidden; text-overflow: clip; cursor: text; }
wx-textarea { display: block; width: 300px; height: 150px; cursor: text; }
wx-input > input.px-native, wx-textarea > textarea.px-native { all: unset; display: block; box-sizing: border-box; width: 100%; height: 100%;
  font: inherit; color: inherit; text-align: inherit; line-height: inherit; letter-spacing: inherit; white-space: pre-wrap; overflow-wrap: break-word; }
wx-input > input.px-native::placeholder, wx-textarea > textarea.px-native::placeholder { color: var(--td-text-color-placeholder, #b2b2b2); }
wx-button { position: relative; display: block; margin-left: auto; margin-right: auto; padding-left: 14px; padding-right: 14px; box-sizing: border-box;
  font-size: 18px; text-align: center; text-decoration: none; line-height: 2.55555556; border-radius: 5px; overflow: hidden; color: #000;
  background-color: #f8f8f8; cursor: pointer; -webkit-tap-highlight-color: transparent; }
wx-button[data-type="primary"] { color: #fff; background-color: #07c160; }
wx-button[data-type="warn"] { color: #fff; background-color: #e64340; }
wx-button[data-size="mini"] { display: inline-block; line-height: 2.3; font-size: 13px; padding: 0 1.34em; }
wx-button[aria-disabled="true"] { cursor: default; }
wx-picker { cursor: pointer; }
wx-rich-text > .px-native { display: contents; }
wx-map { display: block; }
.px-map { position: relative; width: 100%; height: 100%; background: #e8efe6; overflow: hidden; }
.px-map-pin { position: absolute; transform: translate(-50%, -50%); width: 14px; height: 14px; border-radius: 50%; border: 2px solid #fff; background: #0052d9; box-shadow: 0 1px 3px rgba(0,0,0,.4); cursor: pointer; padding: 0; }
`;

/**
 * <map>: no tiles (the preview calls no map service), a plain panel with each marker placed by its
 * GCJ-02 position within the markers' bounds; a marker is a button that fires markertap.
 */
function map(): void {
  const apply = function (this: Instance) {
    const panel = native<HTMLDivElement>(this);
    if (!panel) return;
    panel.replaceChildren();
    const markers = (Array.isArray(this.data.markers) ? this.data.markers : []) as Array<{ id: number; latitude: number; longitude: number; title?: string }>;
    const lats = markers.map((m) => m.latitude);
    const lngs = markers.map((m) => m.longitude);
    const [south, north, west, east] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)];
    for (const m of markers) {
      const pin = document.createElement('button');
      pin.className = 'px-map-pin';
      pin.title = m.title ?? '';
      pin.setAttribute('aria-label', m.title ?? '');
      pin.style.left = `${east > west ? 6 + ((m.longitude - west) / (east - west)) * 88 : 50}%`;
      pin.style.top = `${north > south ? 6 + ((north - m.latitude) / (north - south)) * 80 : 45}%`;
      pin.addEventListener('click', () => this.triggerEvent('markertap', { markerId: m.id }));
      panel.append(pin);
    }
  };
  define('map', {
    properties: {
      latitude: { type: Number, value: 0 },
      longitude: { type: Number, value: 0 },
      scale: { type: Number, value: 16 },
      markers: { type: Array, value: [] },
      includePoints: { type: Array, value: [] },
      showLocation: { type: Boolean, value: false },
      subkey: { type: String, value: '' },
    },
    observers: { markers: apply },
    attached() {
      const panel = document.createElement('div');
      panel.className = 'px-native px-map';
      adopt(this, panel);
      apply.call(this);
    },
  });
}

export function registerBuiltins(): void {
  for (const id of CONTAINERS) container(id);
  text();
  textControl('input');
  textControl('textarea');
  picker();
  image();
  canvas();
  scrollView();
  button();
  navigator();
  richText();
  map();
  for (const id of UNSUPPORTED) unsupported(id);
}
