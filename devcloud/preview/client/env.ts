/**
 * What the preview's runtime finds on the page: miniprogram-simulate's browser bundle and the
 * mini-program prepared by devcloud/preview/bundle.ts.
 */

/** A rendered component as miniprogram-simulate answers it (j-component's RootComponent). */
export interface SimComponent {
  readonly dom: HTMLElement;
  readonly instance: Instance;
  readonly data: Record<string, unknown>;
  attach(parent: Element): void;
  detach(): void;
  setData(data: Record<string, unknown>): void;
  triggerPageLifeTime(name: string, ...args: unknown[]): void;
  triggerLifeTime(name: string, ...args: unknown[]): void;
}

/** An exparser node as far as the preview touches it. */
export interface ExparserNode {
  $$: HTMLElement;
  id: string;
  dataset: Record<string, unknown>;
  data?: Record<string, unknown>;
  shadowRoot?: { querySelector(sel: string): ExparserNode | null; querySelectorAll(sel: string): ExparserNode[] };
  __wxElement?: unknown;
}

/** A component's `this` (the method caller). */
export interface Instance {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>, cb?: () => void): void;
  triggerEvent(name: string, detail?: unknown, options?: { bubbles?: boolean; composed?: boolean }): void;
  _exparserNode: ExparserNode;
  [key: string]: unknown;
}

export interface ComponentDefinition {
  id?: string;
  tagName?: string;
  template?: string;
  properties?: Record<string, unknown>;
  data?: Record<string, unknown>;
  observers?: Record<string, (this: Instance, ...values: unknown[]) => void>;
  lifetimes?: Record<string, (this: Instance) => void>;
  methods?: Record<string, (this: Instance, ...args: never[]) => unknown>;
  options?: Record<string, unknown>;
}

export interface Simulate {
  load(path: string, tagName: string, options: { rootPath: string; compiler: 'official' }): string;
  load(definition: ComponentDefinition): string;
  render(id: string, properties?: Record<string, unknown>): SimComponent;
}

export interface AppPayload {
  fingerprint: string;
  app: {
    pages: string[];
    window?: { navigationBarTitleText?: string; navigationBarBackgroundColor?: string; navigationBarTextStyle?: string; backgroundColor?: string };
    tabBar?: { custom?: boolean; list: Array<{ pagePath: string; text: string }> };
  };
  pages: string[];
  pageConfig: Record<string, { navigationBarTitleText?: string; navigationBarBackgroundColor?: string; navigationBarTextStyle?: string; backgroundColor?: string }>;
  components: string[];
  files: Record<string, string>;
  templates: () => (path: string) => unknown;
}

export interface PreviewWindow {
  simulate: Simulate;
  __FILE_MAP__: Record<string, unknown>;
  __PREVIEW_APP__?: AppPayload;
  __previewRpx: (n: number) => number;
  require: (path: string) => unknown;
  [key: string]: unknown;
}

export const win = window as unknown as PreviewWindow;

/** The page's root folder in simulate's file map (keys are `root/...`). */
export const ROOT = '/root';

/**
 * rpx as WeChat computes it on a 375 px wide Android phone: n / 750 × width, floored, and a
 * non-zero value that floors to 0 becomes 1 px (wcsc's runtime does the same for stylesheets).
 */
export function rpx(n: number, width = 375): number {
  if (n === 0) return 0;
  const px = Math.floor((n / 750) * width + 1e-4);
  return px === 0 ? 1 : px;
}
