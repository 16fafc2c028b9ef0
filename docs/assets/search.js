// Header search: Pagefind (site/pagefind/, written by macros/searchindex.py) in Material's own search box.
// Material draws the box only with its lunr plugin, which ships one large index to every reader, so
// overrides/partials/ keep the markup and this script does what Material's search component did:
// open on focus, `/` `s` `f` to focus, Esc or Tab to close, arrow keys through the results, Enter for
// the first one, results in Material's .md-search-result markup, ten more at a time on scrolling.
// pagefind.js is imported on the first focus or keystroke only. Titles and excerpts become text nodes
// and <mark> elements, so contributor text never becomes HTML.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("__config").textContent);
  // Resolved once, against the page the script first ran on: instant navigation keeps this script.
  var base = new URL(config.base, location.href);
  var words = config.translations;
  var BATCH = 10;
  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff"; // as in macros/searchindex.py
  var PUNCT = "[^\\s\\p{L}\\p{N}\\x00-\\x7f]";
  var RUN = new RegExp("[" + HAN + "](?:" + PUNCT + "*[" + HAN + "])*", "gu"); // 两癌”筛查 is one run
  var HAN_CHARS = new RegExp("[" + HAN + "]", "g");
  var TOKEN = new RegExp("^([^" + HAN + "]*)([" + HAN + "]{1,2})([^" + HAN + "]*)$");
  var module = null; // promise of pagefind.js, once asked for
  var state = { query: "", results: [], shown: 0, busy: false, timer: 0 };

  function input() { return document.querySelector(".md-search__input"); }
  function list() { return document.querySelector(".md-search-result__list"); }
  function meta(text) { document.querySelector(".md-search-result__meta").textContent = text; }
  function isOpen() { return document.getElementById("__search").checked; }
  function open(yes) { // as Material does: a click on the toggle, so its own listeners (scroll lock) follow
    var toggle = document.getElementById("__search");
    if (toggle.checked !== yes) toggle.click();
  }

  function pagefind() {
    if (!module) {
      module = import(new URL("pagefind/pagefind.js", base).href).then(function (pf) {
        // The main thread: a web worker would cost one more 40 KB download before the first result.
        return pf.options({ noWorker: true, excerptLength: 60 }).then(function () {
          // The index is in "und" (pairs, see macros/searchindex.py). Pagefind takes its language from
          // <html lang> when created, and for "zh" would re-cut the query's pairs with Intl.Segmenter.
          var html = document.documentElement, lang = html.lang;
          html.lang = "und";
          try { pf.init(); } finally { html.lang = lang; }
          return pf;
        });
      });
      module.then(function () { if (!input().value.trim()) meta(words["search.result.placeholder"]); },
        function (error) { module = null; meta("搜索暂时不可用，请稍后再试"); console.warn(error); });
    }
    return module;
  }

  // A query as the index spells it: 金秋助学 → 金秋 秋助 助学, “两癌”筛查 → 两癌 癌筛 筛查; a lone
  // Chinese character stays itself (Pagefind matches it as the start of a pair).
  function pairs(query) {
    return query.replace(RUN, function (run) {
      var han = run.match(HAN_CHARS), out = [];
      for (var i = 0; i < han.length - 1; i++) out.push(han[i] + han[i + 1]);
      return " " + (out.join(" ") || han[0]) + " ";
    }).replace(/\s+/g, " ").trim();
  }

  // Text from the index read back: a token stands for its first Chinese character with the punctuation
  // glued to it (织两“ → 织“), and the spaces the index put next to Chinese go. A matched pair also marks
  // the next character, its second half. `spans` is [[text, matched], ...]; the result is one element
  // of text nodes and <mark>s.
  function readBack(spans, tag) {
    var el = document.createElement(tag);
    var previous = null;
    spans.forEach(function (span) {
      span[0].split(/\s+/).forEach(function (token) {
        if (!token) return;
        var parts = TOKEN.exec(token);
        var marked = span[1] || Boolean(parts && previous && previous.pair && previous.hit);
        var ascii = previous && previous.token.charCodeAt(previous.token.length - 1) < 128 && token.charCodeAt(0) < 128;
        var gap = ascii ? " " : "";
        if (!parts) {
          el.append(gap, marked ? mark(token) : token);
        } else if (!marked) {
          el.append(parts[1] + parts[2][0] + parts[3]);
        } else { // only the character is marked, not the punctuation glued to it
          if (parts[1] || !el.lastChild || el.lastChild.nodeName !== "MARK") el.append(parts[1], mark(""));
          el.lastChild.append(parts[2][0]);
          if (parts[3]) el.append(parts[3]);
        }
        previous = { token: token, pair: Boolean(parts && parts[2].length === 2), hit: span[1] };
      });
    });
    el.normalize();
    return el;
  }

  function mark(text) {
    var m = document.createElement("mark");
    m.textContent = text;
    return m;
  }

  // Pagefind's excerpt: the indexed text with < and > escaped and <mark> around the matched tokens.
  function excerpt(html) {
    var marked = false;
    return readBack(html.split(/(<\/?mark>)/).reduce(function (spans, part) {
      if (part === "<mark>" || part === "</mark>") marked = part === "<mark>";
      else spans.push([part.replace(/&lt;/g, "<").replace(/&gt;/g, ">"), marked]);
      return spans;
    }, []), "p");
  }

  function link(url, heading, title, text) {
    var a = document.createElement("a");
    a.className = "md-search-result__link";
    a.href = url;
    a.tabIndex = -1;
    var article = document.createElement("article");
    article.className = "md-search-result__article md-typeset";
    if (heading === "h1") {
      var icon = document.createElement("div");
      icon.className = "md-search-result__icon md-icon";
      article.appendChild(icon);
    }
    article.append(readBack([[title, false]], heading), excerpt(text));
    a.appendChild(article);
    return a;
  }

  // One page: its title and best excerpt, then the headings it matched under, folded like Material's.
  function item(page) {
    var li = document.createElement("li");
    li.className = "md-search-result__item";
    li.appendChild(link(page.url, "h1", page.meta.title || page.url, page.excerpt));
    var sections = page.sub_results.filter(function (s) { return s.url.indexOf("#") > 0; })
      .sort(function (a, b) { return b.locations.length - a.locations.length; });
    if (sections.length) {
      var more = document.createElement("details");
      more.className = "md-search-result__more";
      var summary = document.createElement("summary");
      summary.tabIndex = -1;
      summary.appendChild(document.createElement("div")).textContent = sections.length === 1
        ? words["search.result.more.one"] : words["search.result.more.other"].replace("#", sections.length);
      more.appendChild(summary);
      sections.forEach(function (s) { more.appendChild(link(s.url, "h2", s.title, s.excerpt)); });
      li.appendChild(more);
    }
    return li;
  }

  function count(n) {
    if (n === 0) return words[state.query ? "search.result.none" : "search.result.placeholder"];
    return n === 1 ? words["search.result.one"] : words["search.result.other"].replace("#", n);
  }

  // The next ten results: only their fragments are fetched. A new query's first ten replace the list.
  function showMore(query, replace) {
    var batch = state.results.slice(state.shown, state.shown + BATCH);
    state.shown += batch.length;
    state.busy = true;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      state.busy = false;
      if (query !== state.query) return;
      var items = pages.map(item);
      if (replace) list().replaceChildren.apply(list(), items); else list().append.apply(list(), items);
    });
  }

  function search() {
    var query = input().value.trim();
    if (query === state.query) return;
    state.query = query;
    state.results = [];
    state.shown = 0;
    if (!query) { list().textContent = ""; meta(count(0)); return; }
    // Pagefind ranks the pages that hold every pair; each run of Chinese is also searched as a phrase
    // ("金秋 秋助 助学": consecutive pairs), which keeps only pages that hold it as written. Without that,
    // Pagefind would stand in a shorter word for a pair no page holds (量子 → 量) and fill the list.
    var runs = (query.match(RUN) || []).filter(function (run) { return run.match(HAN_CHARS).length > 1; });
    pagefind().then(function (pf) {
      return Promise.all([pf.search(pairs(query))].concat(runs.map(function (run) {
        return pf.search("\"" + pairs(run) + "\"");
      })));
    }).then(function (found) {
      if (query !== state.query) return;
      var phrases = found.slice(1).map(function (f) { return new Set(f.results.map(function (r) { return r.id; })); });
      state.results = found[0].results.filter(function (r) {
        return phrases.every(function (ids) { return ids.has(r.id); });
      });
      return showMore(query, true).then(function () {
        if (query === state.query) meta(count(state.results.length));
      });
    }).catch(function (error) { console.warn(error); });
  }

  document.addEventListener("focusin", function (event) {
    if (!event.target.matches(".md-search__input")) return;
    open(true);
    pagefind();
  });

  document.addEventListener("input", function (event) {
    if (!event.target.matches(".md-search__input") || event.isComposing) return; // pinyin still being typed
    clearTimeout(state.timer);
    state.timer = setTimeout(search, 50);
  });
  document.addEventListener("compositionend", function (event) {
    if (event.target.matches(".md-search__input")) search();
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest(".md-header__button[for=__search]")) setTimeout(function () { input().focus(); }, 0);
    if (event.target.closest(".md-search-result a")) open(false);
  });

  document.addEventListener("reset", function (event) {
    if (!event.target.matches(".md-search__form")) return;
    setTimeout(function () { search(); input().focus(); }, 0);
  });
  document.addEventListener("submit", function (event) {
    if (event.target.matches(".md-search__form")) event.preventDefault(); // Enter: see the keys below
  });

  // Ten more results when the reader scrolls to the end of the list (scroll does not bubble: capture it).
  document.addEventListener("scroll", function (event) {
    var wrap = event.target;
    if (!wrap.classList || !wrap.classList.contains("md-search__scrollwrap")) return;
    if (state.busy || state.shown >= state.results.length) return;
    if (wrap.scrollTop + wrap.clientHeight >= wrap.scrollHeight - 100) showMore(state.query);
  }, true);

  window.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing || event.keyCode === 229) return;
    var field = input();
    var active = document.activeElement;
    if (!isOpen()) {
      var typing = active && (active.matches("input, textarea, select") || active.isContentEditable);
      if (!typing && ["/", "s", "f"].indexOf(event.key) >= 0) {
        event.preventDefault();
        field.focus();
        field.select();
      }
      return;
    }
    if (event.key === "Escape" || event.key === "Tab") {
      open(false);
      field.blur();
    } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
      var stops = [field].concat(Array.prototype.slice.call(document.querySelectorAll(
        ".md-search-result__list :not(details) > a, .md-search-result__list summary, " +
        ".md-search-result__list details[open] a")));
      var at = Math.max(0, stops.indexOf(active));
      stops[(at + stops.length + (event.key === "ArrowUp" ? -1 : 1)) % stops.length].focus();
      event.preventDefault();
    } else if (event.key === "Enter") {
      if (active !== field) return;
      var first = document.querySelector(".md-search-result__list a");
      if (first) first.click();
      event.preventDefault();
    } else if (active !== field) {
      field.focus();
    }
  });
})();
