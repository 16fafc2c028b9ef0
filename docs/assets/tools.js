// Reader tools: the 填写单位信息 form, 复制提纲 / 复制全文, 下载 Word with the reader's values, 打印.
// Placeholders such as 〔单位名称〕 are swapped for the reader's own values on every page, in copied
// text and in the Word file. The grammar (patterns, brackets, digits) and the rules (trimmed endings,
// defaults, derived values) come through the build from macros/core/placeholders.py and
// data/placeholders.yml (assets/placeholders.js, loaded first): this file writes no pattern of its own, and
// normalise/derive/resolve below mirror that module line for line. Values live in localStorage only.
// Clicks are delegated from the document, so they keep working after Material's instant navigation.
(function () {
  "use strict";
  var KEY = "union-reports:placeholders";
  var SPEC = window.urPlaceholders;
  if (!SPEC) { console.error("assets/placeholders.js did not load: the reader tools are off"); return; }
  var TOKEN = pattern(SPEC.token, "g");
  var DERIVE_REF = pattern(SPEC.derive_ref, "g");
  var NUMBER = pattern({ source: "^(?:" + SPEC.number.source + ")$", flags: SPEC.number.flags });
  var SCRIPT = document.currentScript && document.currentScript.src; // assets/tools.js: vendor/ is next to it
  var memory = {}; // used when localStorage is blocked (some in-app browsers)

  function load() {
    try { return JSON.parse(localStorage.getItem(KEY)) || {}; } catch (e) { return memory; }
  }
  function save(values) {
    memory = values;
    try { localStorage.setItem(KEY, JSON.stringify(values)); } catch (e) { /* memory only */ }
  }

  // A pattern of macros/core/placeholders.py (source and flags), with more flags ("g") where a use needs them.
  function pattern(spec, more) {
    return new RegExp(spec.source, spec.flags + (more || ""));
  }

  // placeholders.py token() and name_of(): 〔名称〕 from a name and back.
  function tokenOf(name) { return SPEC.open + name + SPEC.close; }
  function nameOf(token) { return token.slice(SPEC.open.length, token.length - SPEC.close.length); }

  // The digits a Chinese keyboard types (０-９), as ASCII.
  function asciiDigits(value) {
    return value.split("").map(function (c) {
      var i = SPEC.wide_digits.indexOf(c);
      return i < 0 ? c : String(i);
    }).join("");
  }

  // macros/core/placeholders.py normalise(): 城关镇总工会 before 总工会 -> 城关镇; 2025年 before 年 -> 2025.
  function normalise(value, trimSuffix) {
    value = asciiDigits(String(value || "").trim());
    var suffixes = (trimSuffix || []).slice().sort(function (a, b) { return b.length - a.length; });
    for (var i = 0; i < suffixes.length; i++) {
      var s = suffixes[i];
      if (s && value.length > s.length && value.slice(-s.length) === s) return value.slice(0, -s.length).trim();
    }
    return value;
  }

  // macros/core/placeholders.py derive(): "{年度+1}" from the other values, "" if one it needs is missing.
  function derive(template, values) {
    var missing = false;
    var out = template.replace(DERIVE_REF, function (all, name, offset) {
      var value = values[name] || "";
      if (!value || (offset && !NUMBER.test(value))) { missing = true; return ""; }
      return offset ? String(parseInt(value, 10) + parseInt(offset, 10)) : value;
    });
    return missing ? "" : out;
  }

  // This page's own defaults (an example page: 〔指导思想〕〔年度定位〕 for its kind, macros/core/framing.py),
  // over the site-wide ones in assets/placeholders.js.
  var pageDefaults = {};
  function readDefaults() {
    var holder = document.querySelector("script.ur-ph-defaults");
    try { pageDefaults = holder ? JSON.parse(holder.textContent) : {}; } catch (e) { pageDefaults = {}; }
  }

  // macros/core/placeholders.py resolve(): typed, else by_year, else derived, else default, else still to fill.
  function resolve(typed) {
    var clean = {}, out = {};
    SPEC.placeholders.forEach(function (p) { clean[p.name] = normalise(typed[p.name], p.trim_suffix); });
    SPEC.placeholders.forEach(function (p) {
      var byYear = p.by_year || {};
      if (clean[p.name]) out[p.name] = { value: clean[p.name], source: "typed" };
      else if (Object.prototype.hasOwnProperty.call(byYear, clean["年度"])) out[p.name] = { value: byYear[clean["年度"]], source: "by_year" };
      else if (p.derive && derive(p.derive, clean)) out[p.name] = { value: derive(p.derive, clean), source: "derived" };
      else if (pageDefaults[p.name] || p.default) out[p.name] = { value: pageDefaults[p.name] || p.default, source: "default" };
      else out[p.name] = { value: "", source: "" };
    });
    return out;
  }

  function valueOf(token, resolved) {
    var r = resolved[nameOf(token)];
    return r && r.value ? r : null;
  }

  // One substitution for page, clipboard and file name alike: a known value replaces its 〔名称〕.
  function fill(text, resolved) {
    return text.replace(TOKEN, function (token) { var r = valueOf(token, resolved); return r ? r.value : token; });
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
      var frag = document.createDocumentFragment(), text = node.data, last = 0, match;
      TOKEN.lastIndex = 0;
      while ((match = TOKEN.exec(text))) {
        if (match.index > last) frag.appendChild(document.createTextNode(text.slice(last, match.index)));
        var span = document.createElement("span");
        span.className = "ur-ph";
        span.dataset.ph = nameOf(match[0]);
        span.textContent = match[0];
        frag.appendChild(span);
        last = match.index + match[0].length;
      }
      if (last < text.length) frag.appendChild(document.createTextNode(text.slice(last)));
      node.parentNode.replaceChild(frag, node);
    });
  }

  // Page and form: filled values in place, unfilled ones marked, values the site worked out marked too.
  function apply(typed) {
    var resolved = resolve(typed);
    document.querySelectorAll(".ur-ph").forEach(function (span) {
      var r = valueOf(tokenOf(span.dataset.ph), resolved);
      span.textContent = r ? r.value : tokenOf(span.dataset.ph);
      span.classList.toggle("ur-ph--empty", !r);
      span.classList.toggle("ur-ph--auto", !!r && r.source !== "typed");
    });
    document.querySelectorAll(".ur-fill input[name]").forEach(function (input) {
      var r = resolved[input.name];
      if (document.activeElement !== input) input.value = r.value; // as the page reads it: 2025年 -> 2025
      input.classList.toggle("ur-fill__input--auto", r.source !== "typed" && !!r.value);
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

  // ------------------------------------------------------------------ Word with the reader's values

  // fflate (npm, pinned in package.json), copied into the site by the build: loaded on the first download.
  function zipLibrary() {
    if (window.fflate) return Promise.resolve(window.fflate);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = new URL("vendor/fflate.js", SCRIPT || location.href).href;
      script.onload = function () { resolve(window.fflate); };
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function xmlText(value) {
    return value.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  }

  // macros/site/word.py writes each placeholder as a highlighted run of its own: the run's text becomes the
  // value; the highlight goes when the reader typed the value and stays when the site worked it out.
  var PLACEHOLDER_RUN = pattern({ source: "<w:r>(<w:rPr>(?:(?!</w:rPr>)[\\s\\S])*</w:rPr>)?<w:t>(" + SPEC.token.source + ")</w:t></w:r>",
                                  flags: SPEC.token.flags }, "g");
  function patchXml(name, xml, resolved) {
    if (/^word\/.*\.xml$/.test(name)) {
      // word.py writes a default (〔指导思想〕 as this year's wording) in the placeholder's run: back to 〔名称〕.
      Object.keys(pageDefaults).forEach(function (ph) {
        xml = xml.split("<w:t>" + xmlText(pageDefaults[ph]) + "</w:t>").join("<w:t>" + xmlText(tokenOf(ph)) + "</w:t>");
      });
      xml = xml.replace(PLACEHOLDER_RUN, function (run, props, token) {
        var r = valueOf(token, resolved);
        if (!r) return run;
        props = props || "";
        if (r.source === "typed") props = props.replace(/<w:highlight [^>]*\/>/, "");
        return "<w:r>" + props + '<w:t xml:space="preserve">' + xmlText(r.value) + "</w:t></w:r>";
      });
    }
    // Anything else (document properties such as the title, a token in running text): the text alone.
    return xml.replace(TOKEN, function (token) { var r = valueOf(token, resolved); return r ? xmlText(r.value) : token; });
  }

  function patchDocx(bytes, resolved, fflate) {
    var files = fflate.unzipSync(new Uint8Array(bytes));
    Object.keys(files).forEach(function (name) {
      if (/\.xml$/.test(name)) files[name] = fflate.strToU8(patchXml(name, fflate.strFromU8(files[name]), resolved));
    });
    return fflate.zipSync(files, { level: 6 });
  }

  // The filled title as a file name Windows, macOS and phones all accept.
  function fileName(title, fallback) {
    var name = title.replace(/[\\/:*?"<>|\x00-\x1f]/g, "").replace(/[. ]+$/, "").trim().slice(0, 100);
    return name ? name + ".docx" : fallback;
  }

  function saveAs(data, name) {
    var url = URL.createObjectURL(new Blob([data], { type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  function downloadFilled(link, resolved) {
    var title = fill(link.getAttribute("data-docx-title") || "", resolved);
    TOKEN.lastIndex = 0;
    var name = TOKEN.test(title) ? link.getAttribute("download") : fileName(title, link.getAttribute("download"));
    Promise.all([zipLibrary(), fetch(link.href).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.arrayBuffer();
    })]).then(function (got) {
      saveAs(patchDocx(got[1], resolved, got[0]), name);
      notify("已下载填好单位信息的 Word 文件");
    }).catch(function () {
      notify("生成失败，已改为下载未填写的 Word 文件");
      window.location.href = link.href;
    });
  }

  // ------------------------------------------------------------------ events

  document.addEventListener("click", function (event) {
    var docx = event.target.closest("a[data-docx-title]");
    if (docx) {
      var resolved = resolve(load());
      var any = Object.keys(resolved).some(function (k) { return resolved[k].value; });
      if (!any) return; // nothing to fill: the file as built
      event.preventDefault();
      downloadFilled(docx, resolved);
      return;
    }
    var button = event.target.closest("[data-copy], [data-print]");
    if (!button) return;
    if (button.hasAttribute("data-print")) { window.print(); return; }
    var what = button.getAttribute("data-copy");
    copy(fill(button.getAttribute("data-copy-text"), resolve(load()))).then(
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

  // After leaving a field, show it as the page reads it, so the reader sees the tidy-up.
  document.addEventListener("focusout", function (event) {
    if (event.target.closest && event.target.closest(".ur-fill input[name]")) apply(load());
  });

  function init() {
    readDefaults();
    var content = document.querySelector(".md-main");
    if (content) wrap(content);
    apply(load());
  }
  if (window.document$) window.document$.subscribe(init); // Material: every page, instant or not
  else document.addEventListener("DOMContentLoaded", init);

  window.urTools = { normalise: normalise, derive: derive, resolve: resolve, fill: fill }; // for the tests
})();
