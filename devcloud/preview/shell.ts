/**
 * The preview's page: a 375 px phone (nav bar, pages, overlays for dialogs) and, outside it, the
 * chrome with the persona switcher. Everything inside the phone is drawn by the runtime.
 */
export interface PersonaOption {
  openid: string;
  label: string;
}

export const PHONE_WIDTH = 375;
export const PHONE_HEIGHT = 740;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function shellHtml(personas: readonly PersonaOption[]): string {
  const options = personas.map((p) => `<option value="${escapeHtml(p.openid)}">${escapeHtml(p.label)} · ${escapeHtml(p.openid)}</option>`).join('');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>乡法通 · 预览</title>
<link rel="icon" href="data:,">
<style>
  * { box-sizing: border-box; }
  html, body { margin: 0; height: 100%; }
  body { font: 14px/1.5 -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; background: #dfe3e8; color: #1f1f1f;
    display: flex; gap: 24px; align-items: flex-start; justify-content: center; padding: 16px; }
  #chrome { width: 220px; display: flex; flex-direction: column; gap: 12px; }
  #chrome h1 { margin: 0; font-size: 18px; }
  #chrome label { display: flex; flex-direction: column; gap: 4px; color: #5e5e5e; }
  #chrome select, #chrome button { font: inherit; padding: 6px 8px; border: 1px solid #c5c5c5; border-radius: 6px; background: #fff; }
  #chrome .route { font: 12px/1.4 ui-monospace, monospace; word-break: break-all; color: #5e5e5e; }
  #chrome a { color: #0052d9; }
  #phone { position: relative; width: ${PHONE_WIDTH}px; height: ${PHONE_HEIGHT}px; flex: none; display: flex; flex-direction: column;
    background: #fff; overflow: hidden; border-radius: 12px; box-shadow: 0 8px 32px rgba(0,0,0,.18); }
  /* Narrow windows (a phone, a screenshot): the phone fills the window and the chrome goes. */
  @media (max-width: ${PHONE_WIDTH + 40}px) {
    body { padding: 0; display: block; }
    #chrome { display: none; }
    #phone { width: 100vw; height: 100vh; border-radius: 0; box-shadow: none; }
  }
</style>
</head>
<body>
<aside id="chrome">
  <h1>乡法通 · 预览</h1>
  <label>当前身份
    <select id="persona" data-testid="persona">${options}</select>
  </label>
  <button type="button" id="relaunch">回到首页</button>
  <div class="route" id="route" data-testid="route"></div>
  <a href="/" target="_blank" rel="noopener">devcloud 控制台</a>
</aside>
<main id="phone" data-testid="phone"></main>
<script src="/preview/simulate.js"></script>
<script src="/preview/runtime.js"></script>
</body>
</html>
`;
}
