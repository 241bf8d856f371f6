//! `GET /_emulator`: a page where a person watches the outbox fill. Plain
//! HTML and a little JavaScript polling `/_emulator/outbox`.

use axum::http::header;
use axum::response::IntoResponse;

const PAGE: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>verify8x8 emulator: outbox</title>
<style>
  body { font: 15px/1.4 system-ui, sans-serif; margin: 2rem; color: #1a1a1a; }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  p.note { color: #555; margin: 0 0 1rem; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; padding: .4rem .6rem; border-bottom: 1px solid #ddd; vertical-align: top; }
  th { font-weight: 600; background: #f5f5f5; }
  td.code { font: 600 1.1rem ui-monospace, monospace; letter-spacing: .08em; }
  tr.fresh { animation: fresh 2s ease-out; }
  @keyframes fresh { from { background: #fff3b0; } to { background: transparent; } }
  #status { font-size: .85rem; color: #777; }
</style>
</head>
<body>
<h1>verify8x8 emulator: outbox</h1>
<p class="note">Test use only. Messages "sent" by the emulator appear here, newest first.
JSON: <a href="/_emulator/outbox">/_emulator/outbox</a>. <span id="status" role="status"></span></p>
<table>
  <thead><tr><th>Time</th><th>Channel</th><th>Destination</th><th>Code</th><th>Text</th><th>Session</th></tr></thead>
  <tbody id="rows"><tr><td colspan="6">No message yet.</td></tr></tbody>
</table>
<script>
  const rows = document.getElementById("rows");
  const status = document.getElementById("status");
  let newest = 0;
  function cell(text, cls) {
    const td = document.createElement("td");
    td.textContent = text == null ? "" : String(text);
    if (cls) td.className = cls;
    return td;
  }
  async function poll() {
    try {
      const res = await fetch("/_emulator/outbox?limit=200", { cache: "no-store" });
      const list = await res.json();
      rows.replaceChildren();
      if (list.length === 0) {
        const tr = document.createElement("tr");
        tr.append(cell("No message yet."));
        tr.firstChild.colSpan = 6;
        rows.append(tr);
      }
      for (const m of list) {
        const tr = document.createElement("tr");
        if (m.id > newest && newest !== 0) tr.className = "fresh";
        tr.append(cell(m.time), cell(m.channel + (m.resend ? " (resend)" : "")), cell(m.destination),
                  cell(m.code, "code"), cell(m.text), cell(m.sessionId));
        rows.append(tr);
      }
      newest = list.length ? Math.max(newest, list[0].id) : newest;
      status.textContent = "updated " + new Date().toLocaleTimeString();
    } catch (e) {
      status.textContent = "emulator unreachable";
    }
  }
  poll();
  setInterval(poll, 1000);
</script>
</body>
</html>
"#;

/// The outbox page.
pub(crate) async fn page() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        PAGE,
    )
}
