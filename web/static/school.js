// roadmap: a school's page. Each activity is its own form, and without
// this script its "Сохранить" button saves it. With it, a row is saved
// as it changes (after a pause in typing, or when a field is left), and
// what was typed is kept in localStorage until the server has confirmed
// it: a lost connection or a closed tab never loses it. A save that
// fails for want of a connection is retried, with growing pauses, under
// the same idempotency key, so that a save the server did receive is
// never stored twice; a new version of the row gets a new key.
(function () {
  "use strict";
  var PREFIX = "roadmap:" + location.pathname + ":";
  var MAX_DELAY = 30000;

  function randomKey() {
    var a = new Uint8Array(16);
    window.crypto.getRandomValues(a);
    var s = "";
    for (var i = 0; i < a.length; i++) s += ("0" + a[i].toString(16)).slice(-2);
    return s;
  }
  function values(form) {
    var e = form.elements;
    return {status: e.status.value, date: e.date.value, evidence: e.evidence.value, comment: e.comment.value};
  }
  function same(a, b) {
    return !!a && !!b && a.status === b.status && a.date === b.date && a.evidence === b.evidence && a.comment === b.comment;
  }
  function keep(id, rec) { try { localStorage.setItem(PREFIX + id, JSON.stringify(rec)); } catch (e) { /* private mode: no copy */ } }
  function kept(id) { try { return JSON.parse(localStorage.getItem(PREFIX + id) || "null"); } catch (e) { return null; } }
  function forget(id) { try { localStorage.removeItem(PREFIX + id); } catch (e) { /* nothing kept */ } }
  function hhmm(iso) {
    var d = iso ? new Date(iso) : new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  var rows = [];
  var sync = document.getElementById("sync");

  // plural picks the Russian form for n: one (1, 21), few (2-4, 22-24),
  // many (5-20, 25...).
  function plural(n, one, few, many) {
    var d = n % 10, h = n % 100;
    if (d === 1 && h !== 11) return one;
    if (d >= 2 && d <= 4 && (h < 12 || h > 14)) return few;
    return many;
  }

  // summary says for the whole page what is saved and what waits: on a
  // phone the rows that wait may be far off the screen.
  function summary() {
    if (!sync) return;
    var waiting = 0, failed = 0, touched = false;
    rows.forEach(function (r) {
      if (r.kind) touched = true;
      if (r.kind === "pending") waiting++;
      if (r.kind === "failed") failed++;
    });
    if (!touched) return;
    var text, kind;
    if (failed) {
      kind = "failed";
      text = "Не сохранено: " + failed + " " + plural(failed, "строка", "строки", "строк") + " — причина указана у строки.";
    } else if (waiting) {
      kind = "pending";
      text = (navigator.onLine === false ? "Нет связи. " : "") + "Ждут отправки: " + waiting + " " +
        plural(waiting, "строка", "строки", "строк") + ". Введенное хранится на этом устройстве и отправится само.";
    } else {
      kind = "saved";
      text = "Все ответы сохранены.";
    }
    sync.className = "sync " + kind;
    sync.textContent = text;
  }

  function Row(form) {
    var self = this;
    this.form = form;
    this.id = form.getAttribute("data-item");
    this.state = form.querySelector(".state");
    this.saved = values(form);          // what the server holds
    this.version = null;                // the values the key belongs to
    this.key = form.elements.key.value; // the server's key for a first save
    this.inflight = false;
    this.timer = 0;
    this.delay = 1000;
    form.addEventListener("input", function () { self.changed(1000); });
    form.addEventListener("change", function () { self.changed(0); });
    form.addEventListener("submit", function (e) { e.preventDefault(); self.changed(0); });
    var rec = kept(this.id);
    if (rec && rec.values && !same(rec.values, this.saved)) {
      var e = form.elements;
      e.status.value = rec.values.status; e.date.value = rec.values.date;
      e.evidence.value = rec.values.evidence; e.comment.value = rec.values.comment;
      this.version = rec.values;
      this.key = rec.key || randomKey();
      this.show("pending", "Восстановлено то, что не успело сохраниться; отправляем…");
      this.schedule(0);
    } else if (rec) {
      forget(this.id);
    }
  }

  Row.prototype.show = function (kind, text) {
    this.kind = kind;
    this.state.className = "state " + kind;
    this.state.textContent = text;
    summary();
  };

  // changed notes a new version of the row and saves it after wait ms.
  Row.prototype.changed = function (wait) {
    var v = values(this.form);
    if (!same(v, this.version)) {
      this.version = v;
      this.key = randomKey();
    }
    if (same(v, this.saved) && !this.inflight) {
      forget(this.id);
      clearTimeout(this.timer);
      this.show("saved", "Сохранено");
      return;
    }
    keep(this.id, {values: v, key: this.key});
    this.show("pending", "Сохранится автоматически…");
    this.schedule(wait);
  };

  Row.prototype.schedule = function (wait) {
    var self = this;
    clearTimeout(this.timer);
    this.timer = setTimeout(function () { self.send(); }, wait);
  };

  Row.prototype.send = function () {
    var self = this;
    // A save under way: its answer sends what changed since (see below).
    if (this.inflight) return;
    var v = values(this.form);
    if (!same(v, this.version)) { this.version = v; this.key = randomKey(); keep(this.id, {values: v, key: this.key}); }
    if (same(v, this.saved)) { forget(this.id); this.show("saved", "Сохранено"); return; }
    var body = new URLSearchParams();
    body.set("status", v.status); body.set("date", v.date);
    body.set("evidence", v.evidence); body.set("comment", v.comment);
    body.set("key", this.key);
    this.inflight = true;
    this.show("pending", "Сохраняем…");
    fetch(this.form.action, {method: "POST", body: body, credentials: "same-origin",
      headers: {"Accept": "application/json"}})
      .then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (j) { return {status: r.status, ok: r.ok, body: j}; });
      })
      .then(function (res) {
        self.inflight = false;
        if (res.ok) {
          self.saved = v;
          self.delay = 1000;
          self.form.className = "row s-" + (v.status || "none");
          if (same(values(self.form), v)) {
            forget(self.id);
            self.show("saved", "Сохранено в " + hhmm(res.body.at));
          } else {
            self.schedule(0);
          }
          return;
        }
        if (res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429) {
          // Refused for good (the link expired, a value is wrong): keep
          // the copy, say why, do not retry.
          self.show("failed", "Не сохранено: " + (res.body.error || ("ошибка " + res.status)));
          return;
        }
        self.retryLater("Сервер не ответил (" + res.status + ")");
      }, function () {
        self.inflight = false;
        self.retryLater("Нет связи");
      });
  };

  Row.prototype.retryLater = function (why) {
    var s = Math.round(this.delay / 1000);
    this.show("pending", why + ": введенное сохранено на этом устройстве, повтор через " + s + " с");
    this.schedule(this.delay);
    this.delay = Math.min(this.delay * 2, MAX_DELAY);
  };

  document.querySelectorAll("form.row[data-item]").forEach(function (f) {
    var b = f.querySelector("button[type=submit]");
    if (b) b.classList.add("secondary");
    rows.push(new Row(f));
  });
  summary();
  // Back online: send what waits now rather than at its next retry.
  window.addEventListener("online", function () {
    rows.forEach(function (r) {
      if (!same(values(r.form), r.saved)) { r.delay = 1000; r.schedule(0); }
    });
    summary();
  });
  window.addEventListener("offline", summary);
  window.addEventListener("beforeunload", function (e) {
    for (var i = 0; i < rows.length; i++) {
      if (rows[i].inflight) { e.preventDefault(); e.returnValue = ""; return ""; }
    }
  });
})();
