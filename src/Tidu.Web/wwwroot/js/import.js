// Polls an import job while it runs and reloads the page when its state changes (validation or commit done).
(function () {
  const box = document.getElementById("job");
  if (!box) return;
  const running = ["Queued", "Validating", "CommitQueued", "Committing"];
  if (!running.includes(box.dataset.state)) return;
  const bar = document.getElementById("progress");
  const text = document.getElementById("progress-text");
  async function poll() {
    try {
      const r = await fetch(box.dataset.statusUrl, { credentials: "same-origin" });
      // A job that is gone or not ours stops the polling; any other failure (a busy server) is retried, so one
      // failed poll never leaves the page waiting for ever.
      if (r.status === 404 || r.status === 403) return;
      if (!r.ok) throw new Error(`status ${r.status}`);
      const s = await r.json();
      if (bar) { bar.max = Math.max(s.total, 1); bar.value = s.done; }
      if (text) text.textContent = s.total > 0 ? `${s.done} / ${s.total}` : `${s.done}`;
      if (s.state !== box.dataset.state) { location.reload(); return; }
    } catch (e) { /* network hiccup: try again */ }
    setTimeout(poll, 500);
  }
  setTimeout(poll, 300);
})();
