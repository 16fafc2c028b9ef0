// Reader tools: the 填写单位信息 form, 复制提纲 / 复制全文, 打印.
// Placeholders such as 〔单位名称〕 are swapped for the reader's own values on every page,
// in copied text too. Values live in localStorage only. Clicks are delegated from the
// document, so they keep working after Material's instant navigation swaps the page.
(function () {
  "use strict";
  var KEY = "union-reports:placeholders";
  var TOKEN = /〔([^〔〕\s]{1,12})〕/g;
  var memory = {}; // used when localStorage is blocked (some in-app browsers)

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return memory; }
  }
  function save(values) {
    memory = values;
    try { localStorage.setItem(KEY, JSON.stringify(values)); } catch (e) { /* memory only */ }
  }

  // Defaults the build supplies for this page (data/framing.yml: 〔指导思想〕, 〔年度定位〕), read on each page.
  var defaults = {};
  function readDefaults() {
    var holder = document.querySelector("script.ur-ph-defaults");
    try { defaults = holder ? JSON.parse(holder.textContent) : {}; } catch (e) { defaults = {}; }
  }

  // One substitution for page and clipboard alike: a filled name becomes its value, else its default,
  // others stay 〔名称〕.
  function fill(text, values) {
    return text.replace(TOKEN, function (token, name) {
      return (values[name] || "").trim() || defaults[name] || token;
    });
  }

  // Wrap each 〔名称〕 in the page content once, so it can be swapped and swapped back.
  function wrap(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var found = [];
    while (walker.nextNode()) {
      var node = walker.currentNode;
      TOKEN.lastIndex = 0;
      if (TOKEN.test(node.data) && !node.parentElement.closest(".ur-ph, .ur-fill, script, style, textarea")) {
        found.push(node);
      }
    }
    found.forEach(function (node) {
      var parts = node.data.split(/(〔[^〔〕\s]{1,12}〕)/);
      var frag = document.createDocumentFragment();
      parts.forEach(function (part, i) {
        if (i % 2 === 0) { if (part) frag.appendChild(document.createTextNode(part)); return; }
        var span = document.createElement("span");
        span.className = "ur-ph";
        span.dataset.ph = part.slice(1, -1);
        span.textContent = part;
        frag.appendChild(span);
      });
      node.parentNode.replaceChild(frag, node);
    });
  }

  function apply(values) {
    document.querySelectorAll(".ur-ph").forEach(function (span) {
      var token = "〔" + span.dataset.ph + "〕";
      span.textContent = fill(token, values);
      span.classList.toggle("ur-ph--empty", !(values[span.dataset.ph] || "").trim()); // a default stays marked
    });
    document.querySelectorAll(".ur-fill input[name]").forEach(function (input) {
      if (document.activeElement !== input) input.value = values[input.name] || "";
    });
  }

  // A short confirmation in Material's own toast (the element its copy button uses).
  function notify(message) {
    var dialog = document.querySelector("[data-md-component=dialog]");
    if (!dialog) return;
    dialog.querySelector(".md-dialog__inner").textContent = message;
    dialog.setAttribute("role", "status");
    dialog.classList.add("md-dialog--active");
    clearTimeout(notify.timer);
    notify.timer = setTimeout(function () { dialog.classList.remove("md-dialog--active"); }, 2000);
  }

  // The Clipboard API where the page may use it; otherwise (plain http, WeChat and other
  // in-app browsers) a hidden textarea and execCommand("copy").
  function copy(text) {
    function fallback() {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.cssText = "position:fixed;top:0;left:0;opacity:0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      return ok ? Promise.resolve() : Promise.reject(new Error("copy failed"));
    }
    if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(fallback);
    }
    return fallback();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy], [data-print]");
    if (!button) return;
    if (button.hasAttribute("data-print")) { window.print(); return; }
    var what = button.getAttribute("data-copy");
    copy(fill(button.getAttribute("data-copy-text"), load())).then(
      function () { notify("已复制" + what + "，可直接粘贴到 Word"); },
      function () { notify("复制失败：请长按选中文字后手动复制"); }
    );
  });

  document.addEventListener("input", function (event) {
    var input = event.target.closest(".ur-fill input[name]");
    if (!input) return;
    var values = load();
    values[input.name] = input.value;
    save(values);
    apply(values);
  });

  document.addEventListener("reset", function (event) {
    if (!event.target.closest(".ur-fill")) return;
    save({});
    setTimeout(function () { apply({}); }, 0);
  });

  document.addEventListener("submit", function (event) {
    if (event.target.closest(".ur-fill")) event.preventDefault();
  });

  function init() {
    readDefaults();
    var content = document.querySelector(".md-main");
    if (content) wrap(content);
    apply(load());
  }
  if (window.document$) window.document$.subscribe(init); // Material: every page, instant or not
  else document.addEventListener("DOMContentLoaded", init);
})();
