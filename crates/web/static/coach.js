// The live coach: reads an ask as it is typed (POST /api/v1/asks/check) and
// shows its conditions, specificity, reach and findings without a reload.
(function () {
  const ja = document.body.dataset.lang !== "en";
  const L = ja
    ? { criteria: "読み取った条件", none: "条件が見つかりません", bits: "具体性", reach: "届く見込み", people: "人", findings: "改善のヒント", one_in: (n) => `約${n}人に1人`, band: { thin: "薄い", fuzzy: "ぼんやり", clear: "明確", narrow: "狭すぎ" }, kinds: { gender: "性別", age: "年代", location: "場所", role: "立場", industry: "業種", interest: "興味", life_stage: "ライフステージ", skill: "スキル", desire: "希望・予定", numeric: "数値", named: "指名", other: "その他" } }
    : { criteria: "Conditions read", none: "No conditions found", bits: "Specificity", reach: "Expected reach", people: "people", findings: "How to improve", one_in: (n) => `about 1 in ${n}`, band: { thin: "thin", fuzzy: "fuzzy", clear: "clear", narrow: "narrow" }, kinds: { gender: "gender", age: "age", location: "place", role: "role", industry: "industry", interest: "interest", life_stage: "life stage", skill: "skill", desire: "plan", numeric: "number", named: "named", other: "other" } };
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
  function marked(text, criteria, findings) {
    const chars = Array.from(text);
    const open = new Map(), close = new Map();
    for (const c of criteria) { open.set(c.span[0], (open.get(c.span[0]) || "") + "<mark>"); close.set(c.span[1], "</mark>" + (close.get(c.span[1]) || "")); }
    for (const f of findings) if (f.span && f.code !== "weak_condition") { open.set(f.span[0], (open.get(f.span[0]) || "") + '<mark class="problem">'); close.set(f.span[1], "</mark>" + (close.get(f.span[1]) || "")); }
    let out = "";
    chars.forEach((ch, i) => { out += (close.get(i) || "") + (open.get(i) || "") + esc(ch); });
    return out + (close.get(chars.length) || "");
  }
  function render(box, r) {
    const s = r.specificity;
    const oneIn = s.share > 0 ? Math.round(1 / s.share).toLocaleString() : "∞";
    let h = `<p class="marked">${marked(r.text, r.criteria, r.findings)}</p>`;
    h += `<p><strong>${L.bits}:</strong> <span class="band band-${s.band}">${L.band[s.band]}</span> ${s.bits.toFixed(1)} bits（${L.one_in(oneIn)}） · <strong>${L.reach}:</strong> ${r.reach.expected_people >= 10 ? Math.round(r.reach.expected_people).toLocaleString() : r.reach.expected_people.toFixed(1)} ${L.people}</p>`;
    h += `<h3>${L.criteria}</h3>`;
    h += r.criteria.length ? `<ul class="chips">${r.criteria.map((c) => `<li class="chip"><span class="k">${esc(L.kinds[c.kind] || c.kind)}</span>${esc(c.label)}</li>`).join("")}</ul>` : `<p>${L.none}</p>`;
    if (r.findings.length) {
      h += `<h3>${L.findings}</h3>` + r.findings.map((f) => `<div class="finding${f.code === "weak_condition" ? " weak" : ""}" data-code="${esc(f.code)}"><p>${esc(f.message)}</p><p class="fix">→ ${esc(f.suggestion)}</p></div>`).join("");
    }
    box.innerHTML = h;
  }
  function attach(area) {
    const box = document.getElementById(area.dataset.coach);
    if (!box) return;
    let timer = null, seq = 0;
    const run = async () => {
      const text = area.value;
      if (!text.trim()) { box.innerHTML = ""; return; }
      const mine = ++seq;
      try {
        const res = await fetch("/api/v1/asks/check", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text }) });
        const body = await res.json();
        if (mine !== seq) return;
        if (res.ok) render(box, body);
        else box.innerHTML = `<p class="field-error">${esc((body.error && body.error.message) || res.status)}</p>`;
        box.dataset.state = res.ok ? "ok" : "error";
      } catch (e) { /* offline: the form still submits */ }
    };
    area.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 250); });
    if (area.value.trim()) run();
  }
  document.querySelectorAll("textarea[data-coach]").forEach(attach);
  document.querySelectorAll("form[data-js-submit-coach]").forEach((f) => f.addEventListener("submit", (e) => { e.preventDefault(); const a = f.querySelector("textarea[data-coach]"); a.dispatchEvent(new Event("input")); }));
})();
