import fs from 'node:fs';
import path from 'node:path';
import simulate from 'miniprogram-simulate';

const ROOT = path.resolve(__dirname, '..', '..');
export const MP_ROOT = path.join(ROOT, 'miniprogram');
const TDESIGN_ROOT = path.join(ROOT, 'node_modules', 'tdesign-miniprogram', 'miniprogram_dist');
const TDESIGN_PREFIX = 'tdesign-miniprogram/';

/**
 * A stand-in for a TDesign child: renders its slot and the text props pages pass (title,
 * description, note). A tap on it bubbles out as TDesign's own does (t-button's bind:tap) and also
 * fires `click` as t-cell does, so a page's handlers run without loading TDesign's whole tree.
 */
function stub(): string {
  return simulate.load({
    template: '<view class="stub" bindtap="onTap"><text wx:if="{{title}}" class="stub__title">{{title}}</text><text wx:if="{{description}}" class="stub__description">{{description}}</text><text wx:if="{{note}}" class="stub__note">{{note}}</text><slot/></view>',
    properties: { title: String, description: String, note: String },
    methods: {
      onTap(this: { triggerEvent(name: string): void }) {
        this.triggerEvent('click');
      },
    },
  }) as unknown as string;
}

export interface RenderOptions {
  /** TDesign tags rendered for real (e.g. ['t-button']); the rest are stubs. */
  real?: string[];
}

const loaded = new Map<string, string>();
const ownComponents = new Map<string, string>();

export type RenderedPage = ReturnType<typeof simulate.render>;

/** Renders a page from source through the official WXML compiler, with its usingComponents resolved. */
export function renderPage(page: string, opts: RenderOptions = {}, properties: Record<string, unknown> = {}): RenderedPage {
  const json = JSON.parse(fs.readFileSync(path.join(MP_ROOT, `${page}.json`), 'utf8')) as {
    usingComponents?: Record<string, string>;
  };
  const usingComponents: Record<string, string> = {};
  for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
    if (opts.real?.includes(tag) && target.startsWith(TDESIGN_PREFIX)) {
      const rel = target.slice(TDESIGN_PREFIX.length);
      usingComponents[tag] = simulate.load(path.join(TDESIGN_ROOT, rel), tag, { rootPath: TDESIGN_ROOT, compiler: 'official' });
    } else if (opts.real?.includes(tag)) {
      // One of our own components (e.g. the signature pad), loaded from source like the page, and
      // once per file: a second require of its module would register nothing (see below).
      const file = path.join(MP_ROOT, path.dirname(page), target);
      const id = ownComponents.get(file) ?? simulate.load(file, tag, { rootPath: MP_ROOT, compiler: 'official' });
      ownComponents.set(file, id);
      usingComponents[tag] = id;
    } else {
      usingComponents[tag] = stub();
    }
  }
  // simulate.load registers a page by requiring it; a second require of the same module would
  // register nothing, so each distinct setup loads the page in its own module registry once.
  const key = `${page}|${(opts.real ?? []).join(',')}`;
  let id = loaded.get(key);
  if (!id) {
    jest.isolateModules(() => {
      id = simulate.load(path.join(MP_ROOT, page), { rootPath: MP_ROOT, compiler: 'official', usingComponents });
    });
    loaded.set(key, id as string);
  }
  const comp = simulate.render(id as string, properties);
  measureSetData(page, comp);
  comp.attach(document.createElement('parent-wrapper'));
  return comp;
}

/**
 * Records the largest setData payload each page sends (WeChat's audit asks ≤ 256 KB, our target is
 * ≤ 64 KB): one file per test file under bench/tmp/, which `npm run bench` reports.
 */
const SETDATA_DIR = path.join(ROOT, 'bench', 'tmp');
const largest = new Map<string, number>();

function measureSetData(page: string, comp: RenderedPage): void {
  const instance = comp.instance as unknown as { setData(data: object, cb?: () => void): void };
  const original = instance.setData.bind(instance);
  instance.setData = (data, cb) => {
    const bytes = Buffer.byteLength(JSON.stringify(data));
    if (bytes > (largest.get(page) ?? 0)) {
      largest.set(page, bytes);
      fs.mkdirSync(SETDATA_DIR, { recursive: true });
      const file = path.join(SETDATA_DIR, `setdata-${path.basename(expect.getState().testPath ?? 'unknown')}.json`);
      fs.writeFileSync(file, JSON.stringify(Object.fromEntries(largest)));
    }
    original(data, cb);
  };
}

/** Waits until the page's data satisfies a condition (calls travel to devcloud and back). */
export async function waitFor(comp: RenderedPage, done: (data: Record<string, unknown>) => boolean, timeoutMs = 8000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done(comp.data as Record<string, unknown>)) {
    if (Date.now() > until) throw new Error(`page never reached the expected state: ${JSON.stringify(comp.data)}`);
    await simulate.sleep(20);
  }
}

type Element = ReturnType<RenderedPage['querySelectorAll']>[number];

/** Taps a stubbed TDesign child the way a finger does: on its inner view, not its host. */
export function tap(el: Element | undefined): void {
  if (!el) throw new Error('nothing to tap');
  const inner = (el as unknown as { querySelector(sel: string): Element | undefined }).querySelector('.stub');
  if (!inner) throw new Error('the element is not a stubbed component');
  inner.dispatchEvent('tap');
}

export { simulate };
