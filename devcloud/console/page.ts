/**
 * devcloud's web console: one self-contained page (no build step, no framework) over
 * /devcloud/api/*, so it works from a fresh clone the moment `npm start` is up.
 */
export function consoleHtml(): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>devcloud 控制台 · 乡法通</title>
<style>
  :root { --blue: #0052d9; --line: #e7e7e7; --muted: #5e5e5e; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 14px/1.5 -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #1f1f1f; background: #f3f3f3; }
  header { display: flex; align-items: center; gap: 16px; padding: 12px 20px; background: #fff; border-bottom: 1px solid var(--line); }
  header h1 { margin: 0; font-size: 18px; }
  header .now { color: var(--muted); margin-left: auto; }
  nav { display: flex; gap: 4px; padding: 8px 20px 0; }
  nav button { border: 1px solid var(--line); border-bottom: none; background: #fafafa; padding: 8px 14px; border-radius: 6px 6px 0 0; cursor: pointer; font-size: 14px; }
  nav button[aria-selected="true"] { background: #fff; color: var(--blue); font-weight: 600; }
  main { margin: 0 20px 20px; background: #fff; border: 1px solid var(--line); padding: 16px; min-height: 60vh; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
  th { color: var(--muted); font-weight: 500; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  .tag { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; }
  .ok { background: #e3f9e9; color: #008858; } .bad { background: #fff0ed; color: #d54941; } .cold { background: #f2f3ff; color: var(--blue); }
  pre { margin: 0; white-space: pre-wrap; word-break: break-all; font-size: 12px; }
  .split { display: grid; grid-template-columns: 240px 1fr; gap: 16px; }
  .list button { display: flex; width: 100%; justify-content: space-between; border: none; background: none; padding: 6px 8px; cursor: pointer; border-radius: 4px; font-size: 14px; }
  .list button[aria-current="true"] { background: #f2f3ff; color: var(--blue); }
  .empty { color: var(--muted); padding: 24px 0; text-align: center; }
  .fire { border: 1px solid var(--blue); color: var(--blue); background: #fff; border-radius: 4px; padding: 2px 10px; cursor: pointer; }
</style>
</head>
<body>
<header><h1>devcloud 控制台</h1><span>乡法通本地云开发环境</span><span class="now" id="now"></span></header>
<nav role="tablist">
  <button role="tab" data-tab="collections" aria-selected="true">数据集合</button>
  <button role="tab" data-tab="calls" aria-selected="false">函数调用</button>
  <button role="tab" data-tab="messages" aria-selected="false">订阅消息</button>
  <button role="tab" data-tab="triggers" aria-selected="false">定时触发</button>
  <button role="tab" data-tab="logs" aria-selected="false">函数日志</button>
</nav>
<main id="main" role="tabpanel"></main>
<script>
const state = { tab: 'collections', data: null, collection: null, docs: [] };
const esc = (v) => String(v ?? '').replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
const time = (iso) => iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';

async function refresh() {
  const res = await fetch('/devcloud/api/state');
  state.data = await res.json();
  if (state.tab === 'collections' && state.collection) await loadDocs(state.collection, false);
  render();
}
async function loadDocs(name, rerender = true) {
  state.collection = name;
  const res = await fetch('/devcloud/api/documents?collection=' + encodeURIComponent(name) + '&limit=50');
  const body = await res.json();
  state.docs = body.ok ? body.data : [];
  if (rerender) render();
}
async function fire(fn) {
  await fetch('/trigger/' + encodeURIComponent(fn), { method: 'POST' });
  await refresh();
}
function render() {
  const d = state.data; const main = document.getElementById('main');
  if (!d) { main.innerHTML = '<p class="empty">加载中…</p>'; return; }
  document.getElementById('now').textContent = 'devcloud 时间 ' + time(d.now);
  document.querySelectorAll('nav button').forEach((b) => b.setAttribute('aria-selected', String(b.dataset.tab === state.tab)));
  if (state.tab === 'collections') {
    const list = d.collections.map((c) => '<button data-collection="' + esc(c.name) + '" aria-current="' + (c.name === state.collection) + '"><span>' + esc(c.name) + '</span><span>' + c.count + '</span></button>').join('');
    const docs = state.collection
      ? (state.docs.length ? '<table><thead><tr><th>文档（最多 50 条）</th></tr></thead><tbody>' + state.docs.map((doc) => '<tr><td><pre>' + esc(JSON.stringify(doc, null, 2)) + '</pre></td></tr>').join('') + '</tbody></table>' : '<p class="empty">这个集合还没有文档</p>')
      : '<p class="empty">选择左侧的集合查看文档</p>';
    main.innerHTML = '<div class="split"><div class="list" aria-label="集合">' + (list || '<p class="empty">没有集合</p>') + '</div><div id="docs">' + docs + '</div></div>';
  } else if (state.tab === 'calls') {
    main.innerHTML = d.calls.length ? '<table><thead><tr><th>时间</th><th>函数</th><th>action</th><th>调用者</th><th>结果</th><th>启动</th><th class="num">耗时 ms</th></tr></thead><tbody>' +
      d.calls.map((c) => '<tr><td>' + time(c.at) + '</td><td>' + esc(c.fn) + '</td><td>' + esc(c.action ?? (c.source === 'wx_trigger' ? '定时触发' : '')) + '</td><td>' + esc(c.openid ?? '—') + '</td><td><span class="tag ' + (c.ok ? 'ok">成功' : 'bad">' + esc(c.code)) + '</span></td><td>' + (c.cold ? '<span class="tag cold">冷启动 ' + Math.round(c.coldStartMs) + ' ms</span>' : '热') + '</td><td class="num">' + c.ms + '</td></tr>').join('') + '</tbody></table>'
      : '<p class="empty">还没有函数调用</p>';
  } else if (state.tab === 'messages') {
    main.innerHTML = d.messages.length ? '<table><thead><tr><th>时间</th><th>接收者</th><th>模板</th><th>内容</th><th>结果</th></tr></thead><tbody>' +
      d.messages.map((m) => '<tr><td>' + time(m.at) + '</td><td>' + esc(m.touser) + '</td><td>' + esc(m.templateId) + '</td><td><pre>' + esc(Object.entries(m.data || {}).map(([k, v]) => k + ': ' + v.value).join('\\n')) + '</pre></td><td><span class="tag ' + (m.errcode === 0 ? 'ok">已发送' : 'bad">' + m.errcode + ' ' + esc(m.errmsg)) + '</span></td></tr>').join('') + '</tbody></table>'
      : '<p class="empty">还没有发送订阅消息</p>';
  } else if (state.tab === 'triggers') {
    const plan = d.triggers.length ? '<table><thead><tr><th>函数</th><th>触发器</th><th>cron（秒 分 时 日 月 周 年，UTC+8）</th><th>下次运行</th><th></th></tr></thead><tbody>' +
      d.triggers.map((t) => '<tr><td>' + esc(t.fn) + '</td><td>' + esc(t.trigger) + '</td><td><code>' + esc(t.cron) + '</code></td><td>' + time(t.next) + '</td><td><button class="fire" data-fire="' + esc(t.fn) + '">立即运行</button></td></tr>').join('') + '</tbody></table>'
      : '<p class="empty">没有声明定时触发器</p>';
    const runs = d.triggerRuns.length ? '<h3>运行记录</h3><table><thead><tr><th>时间</th><th>函数</th><th>方式</th><th>结果</th></tr></thead><tbody>' + d.triggerRuns.map((r) => '<tr><td>' + time(r.at) + '</td><td>' + esc(r.fn) + '</td><td>' + (r.manual ? '手动' : '按计划') + '</td><td><span class="tag ' + (r.ok ? 'ok">成功' : 'bad">' + esc(r.code)) + '</span></td></tr>').join('') + '</tbody></table>' : '';
    main.innerHTML = plan + runs;
  } else {
    main.innerHTML = d.logs.length ? '<table><thead><tr><th>函数</th><th>日志</th></tr></thead><tbody>' + d.logs.map((l) => '<tr><td>' + esc(l.fn) + '</td><td><pre>' + esc(l.line) + '</pre></td></tr>').join('') + '</tbody></table>' : '<p class="empty">还没有日志</p>';
  }
}
document.querySelector('nav').addEventListener('click', (e) => { const t = e.target.closest('button'); if (t) { state.tab = t.dataset.tab; render(); } });
document.getElementById('main').addEventListener('click', (e) => {
  const c = e.target.closest('[data-collection]'); if (c) loadDocs(c.dataset.collection);
  const f = e.target.closest('[data-fire]'); if (f) fire(f.dataset.fire);
});
refresh(); setInterval(refresh, 2000);
</script>
</body>
</html>`;
}
