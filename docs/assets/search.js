// Header search: Pagefind (site/pagefind/, written by macros/site/search.py) in Material's own search box.
//
// A query is read the way union officers type it (parse): the union type and document kind it names
// become Pagefind filters, years and words like 范文 or 怎么写 are dropped, the rest are content words.
// The words come from data/search.yml and the type and kind names, which the build hands over as
// assets/search-words.json (macros/site/search.py). Examples of the named type and kind come first, under
// a card for their list; when no example holds the content words as written the search says so and
// relaxes step by step (their characters apart, no words, the kind at other units, the type's other
// kinds), so a query naming a type or kind never ends empty. Chips narrow by type and kind, with
// Pagefind's counts; a query nothing holds gets suggestions instead of a blank panel.
//
// Material draws the box only with its lunr plugin, so overrides/partials/ keep the markup and this script
// does what its search component did: open on focus, `/` `s` `f` to focus, Esc or Tab to close, arrow
// keys, Enter for the first result, ten more results on scrolling. pagefind.js and the word list are
// fetched on the first focus. Titles and excerpts become text nodes and <mark>s, never HTML.
//
// The functions above `mount` are plain and are tested in Node too (tests/search_logic.test.cjs), with
// the same vectors as the Python side (tests/search_vectors.json).
(function (factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else api.mount();
})(function () {
  "use strict";
  var HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff"; // as in macros/site/search.py
  var PUNCT = "[^\\s\\p{L}\\p{N}\\x00-\\x7f]";
  var RUN = new RegExp("[" + HAN + "](?:" + PUNCT + "*[" + HAN + "])*", "gu"); // 两癌”筛查 is one run
  var HAN_CHARS = new RegExp("[" + HAN + "]", "g");
  var TOKEN = new RegExp("^([^" + HAN + "]*)([" + HAN + "]{1,2})([^" + HAN + "]*)$");
  var SEPARATOR = /[\s\p{P}\p{S}]+/u; // spaces, punctuation and symbols end a word
  var MAX_QUERY = 60; // characters searched; a longer query is cut and the reader told
  var BATCH = 10;

  function hanCount(text) { return (text.match(HAN_CHARS) || []).length; }

  // A query as the index spells it: 金秋助学 → 金秋 秋助 助学, “两癌”筛查 → 两癌 癌筛 筛查; a lone
  // Chinese character stays itself (Pagefind matches it as the start of a pair).
  function pairs(query) {
    return query.replace(RUN, function (run) {
      var han = run.match(HAN_CHARS), out = [];
      for (var i = 0; i < han.length - 1; i++) out.push(han[i] + han[i + 1]);
      return " " + (out.join(" ") || han[0]) + " ";
    }).replace(/\s+/g, " ").trim();
  }

  // The "characters apart" query (送温暖 … 活动 for 送温暖活动): the pairs, for Pagefind's ranking, and each
  // character alone, which matches every page holding it. Pagefind drops a term it finds no word for, and
  // for a pair it finds none starting with takes the longest word it starts with (水艇 → 水), so a query
  // is only asked once each of `chars` is on some page; then no term is dropped and every page holds all.
  function apart(words) {
    var chars = [];
    (words.join("").match(HAN_CHARS) || []).forEach(function (c) { if (chars.indexOf(c) < 0) chars.push(c); });
    return { query: (pairs(words.join(" ")) + " " + chars.join(" ")).trim(), chars: chars };
  }

  // Indexed text read back: a token stands for its first Chinese character with the punctuation glued to
  // it (织两“ → 织“); the spaces the index put next to Chinese go, those between Latin words stay.
  function readIndexed(text) {
    var out = "", previous = "";
    text.split(/\s+/).forEach(function (token) {
      if (!token) return;
      var parts = TOKEN.exec(token);
      var piece = parts ? parts[1] + parts[2][0] + parts[3] : token;
      if (previous && /[\x21-\x7e]$/.test(previous) && /^[\x21-\x7e]/.test(piece)) out += " ";
      out += piece;
      previous = piece;
    });
    return out;
  }

  // Full-width letters and digits as ASCII (２０２５ → 2025), lower case, spaces collapsed.
  function normalize(query) {
    return String(query || "").normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  }

  // The dictionary of a vocabulary: every word with what it names, longest first.
  function dictionary(vocab) {
    if (vocab._words) return vocab._words;
    var words = {};
    function add(word, entry) { word = normalize(word); if (word && !words[word]) words[word] = entry; }
    vocab.types.forEach(function (t) { t.words.forEach(function (w) { add(w, { type: t.id }); }); });
    vocab.kinds.forEach(function (k) { k.words.forEach(function (w) { add(w, { kind: k.id }); }); });
    vocab.stop_words.forEach(function (w) { add(w, { stop: true }); });
    var longest = Object.keys(words).reduce(function (n, w) { return Math.max(n, w.length); }, 0);
    vocab._words = { words: words, longest: longest, patterns: vocab.stop_patterns.map(function (p) {
      return new RegExp(p, "gu");
    }) };
    return vocab._words;
  }

  // A query as facets plus content words: {types, kind, hints, words, matched, dropped, cut}. Longest words first,
  // left to right. Several types: the last one named (乡镇中心小学 is a school) unless it is a broad one
  // like enterprise (客运企业 is transport), the words of the others
  // and the type's own words other than its name rank the results (hints). Several kinds: the first in
  // the vocabulary's order, or the kind whose also_when they all are (工作总结及计划).
  function parse(query, vocab) {
    var dict = dictionary(vocab);
    var text = normalize(query);
    var cut = text.length > MAX_QUERY;
    if (cut) text = text.slice(0, MAX_QUERY);
    var dropped = [];
    dict.patterns.forEach(function (re) {
      text = text.replace(re, function (found) { if (found.trim()) dropped.push(found.trim()); return " "; });
    });
    var named = [], kinds = [], matched = [], rest = [], current = "";
    function flush() { if (current) rest.push(current); current = ""; }
    for (var i = 0; i < text.length;) {
      var found = null;
      for (var n = Math.min(dict.longest, text.length - i); n > 0 && !found; n--) {
        var word = text.substr(i, n);
        if (dict.words[word]) found = word;
      }
      if (!found) {
        if (SEPARATOR.test(text[i])) flush(); else current += text[i];
        i++;
        continue;
      }
      flush();
      var entry = dict.words[found];
      if (entry.type) named.push({ type: entry.type, word: found });
      else if (entry.kind) { if (kinds.indexOf(entry.kind) < 0) kinds.push(entry.kind); }
      if (!entry.stop) matched.push(found);
      else dropped.push(found);
      i += found.length;
    }
    flush();
    var filler = vocab.filler || "";
    var words = [];
    rest.forEach(function (w) {
      if (hanCount(w) === 1 && w.length === 1 && (filler.indexOf(w) >= 0 || rest.length + named.length + kinds.length > 1)) {
        dropped.push(w);
      } else if (words.indexOf(w) < 0) words.push(w);
    });
    var broad = vocab.broad_types || [];
    var heads = named.filter(function (n) { return broad.indexOf(n.type) < 0; });
    if (!heads.length) heads = named;
    var type = heads.length ? heads[heads.length - 1].type : null;
    // The words that name the type itself (社区工会 → 社区) hold no hint; 幼儿园, 乡镇 and 农商行 do.
    var ENDING = /(?:总工会|工会联合会|工会)$/;
    var own = type ? [normalize(typeOf(vocab, type).name).replace(ENDING, "")] : [];
    var hints = named.map(function (n) { return n.word.replace(ENDING, ""); })
      .filter(function (w, i, all) { return w.length > 1 && all.indexOf(w) === i && own.indexOf(w) < 0; });
    return { types: type ? [type] : [], kind: pickKind(vocab, kinds), hints: hints, words: words,
      matched: matched, dropped: dropped, cut: cut };
  }

  function pickKind(vocab, named) {
    if (!named.length) return null;
    var chosen = null;
    vocab.kinds.some(function (k) {
      if (named.indexOf(k.id) >= 0 || (k.also_when.length && k.also_when.every(function (id) {
        return named.indexOf(id) >= 0;
      }))) chosen = k.id;
      return chosen;
    });
    return chosen;
  }

  function typeOf(vocab, id) { return vocab.types.filter(function (t) { return t.id === id; })[0]; }
  function kindOf(vocab, id) { return vocab.kinds.filter(function (k) { return k.id === id; })[0]; }

  // `text` as [[piece, marked], ...]: every place one of `needles` stands, longest first, marked; only
  // whole words the reader typed, never a pair that happens to straddle two words (高校工科 for 学校工会).
  function highlight(text, needles) {
    var marked = new Array(text.length).fill(false);
    needles.filter(Boolean).sort(function (a, b) { return b.length - a.length; }).forEach(function (needle) {
      var lower = text.toLowerCase(), at = lower.indexOf(needle);
      while (at >= 0) {
        for (var i = at; i < at + needle.length; i++) marked[i] = true;
        at = lower.indexOf(needle, at + needle.length);
      }
    });
    var out = [];
    for (var i = 0; i < text.length; i++) {
      if (out.length && out[out.length - 1][1] === marked[i]) out[out.length - 1][0] += text[i];
      else out.push([text[i], marked[i]]);
    }
    return out;
  }

  // About `length` characters of `text` around the first place of the rarest needle after `skip` characters
  // (the title), starting at a word or clause boundary, so an excerpt never opens with half a word.
  function excerptOf(text, needles, skip, length) {
    var facts = /^[^。]{0,40}?字\s*·\s*/.exec(text.slice(skip)); // an example's "全年 · 2,345 字 ·"
    if (facts) skip += facts[0].length;
    // The rarest word on the page says most about why it was found (两癌 rather than 女职工).
    var at = -1, fewest = Infinity, lower = text.toLowerCase();
    needles.forEach(function (n) {
      var first = n ? lower.indexOf(n, skip) : -1;
      if (first < 0) return;
      var count = lower.split(n).length - 1;
      if (count < fewest) { fewest = count; at = first; }
    });
    if (at < 0) at = skip; // no word to show: what the page is about
    var start = at;
    var floor = Math.max(skip, at - Math.floor(length / 3));
    while (start > floor && !/[\s。！？；，：、）」”]/.test(text[start - 1])) start--;
    if (start === floor && start > skip && !/[\s。！？；，：、）」”]/.test(text[start - 1])) start = at;
    var piece = text.slice(start, start + length).trim();
    return (start > skip && at > skip ? "…" : "") + piece + (start + length < text.length ? "…" : "");
  }

  // ------------------------------------------------------------------ the page

  function mount() {
    var config = JSON.parse(document.getElementById("__config").textContent);
    // Resolved once, against the page the script first ran on: instant navigation keeps this script.
    var base = new URL(config.base, location.href);
    var text = config.translations;
    var loading = null; // promise of [pagefind, vocabulary], once asked for
    var state = { query: "", override: null, results: [], shown: 0, busy: false, timer: 0, needles: [] };

    function input() { return document.querySelector(".md-search__input"); }
    function list() { return document.querySelector(".md-search-result__list"); }
    function panel() { return document.querySelector(".md-search-result"); }
    function meta(message) { document.querySelector(".md-search-result__meta").textContent = message; }
    function isOpen() { return document.getElementById("__search").checked; }
    function open(yes) { // as Material does: a click on the toggle, so its own listeners (scroll lock) follow
      var toggle = document.getElementById("__search");
      if (toggle.checked !== yes) toggle.click();
    }
    function url(path) { return new URL(path, base).href; }
    function el(tag, className, content) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (content !== undefined) node.append(content);
      return node;
    }

    function load() {
      if (!loading) {
        var vocabulary = fetch(url("assets/search-words.json")).then(function (r) {
          if (!r.ok) throw new Error("search-words.json: " + r.status);
          return r.json();
        });
        var pagefind = import(url("pagefind/pagefind.js")).then(function (pf) {
          // The main thread: a web worker would cost one more 40 KB download before the first result.
          return pf.options({ noWorker: true, excerptLength: 30 }).then(function () {
            // The index is in "und" (pairs, see macros/site/search.py). Pagefind takes its language from
            // <html lang> when created, and for "zh" would re-cut the query's pairs with Intl.Segmenter.
            var html = document.documentElement, lang = html.lang;
            html.lang = "und";
            try { pf.init(); } finally { html.lang = lang; }
            return pf;
          });
        });
        loading = Promise.all([pagefind, vocabulary]);
        loading.then(function () { if (!input().value.trim()) meta(text["search.result.placeholder"]); },
          function (error) { loading = null; meta("搜索暂时不可用，请稍后再试"); console.warn(error); });
      }
      return loading;
    }

    // Pages holding every content word as written, in the order Pagefind ranks the pages with all their
    // pairs; each run of Chinese is also searched as a phrase (consecutive pairs), which keeps only pages
    // that hold it. The counts per filter are the phrase's when it is the only word, so chips are exact.
    // `loose`: every character of the words on the page, not necessarily in a row (see apart).
    function holding(pf, words, filters, sort, loose) {
      var options = { filters: filters || {} };
      if (sort) options.sort = sort;
      if (loose) {
        var q = apart(words);
        return Promise.all(q.chars.map(function (c) { return pf.search(c); })).then(function (each) {
          if (each.some(function (s) { return !s.results.length; })) return { results: [], filters: {} };
          return pf.search(q.query, options);
        });
      }
      var runs = words.filter(function (w) { return hanCount(w) > 1; });
      return Promise.all([pf.search(pairs(words.join(" ")), options)].concat(runs.map(function (run) {
        return pf.search("\"" + pairs(run) + "\"", options);
      }))).then(function (found) {
        var sets = found.slice(1).map(function (f) { return new Set(f.results.map(function (r) { return r.id; })); });
        var kept = found[0].results.filter(function (r) { return sets.every(function (s) { return s.has(r.id); }); });
        return { results: kept, filters: (words.length === 1 && runs.length === 1 ? found[1] : found[0]).filters };
      });
    }

    function facetFilters(types, kind) {
      var filters = {};
      if (types.length) filters.type = types.length === 1 ? types[0] : { any: types };
      if (kind) filters.kind = kind;
      return filters;
    }

    function merge() { // result lists in order, each page once
      var seen = new Set(), out = [];
      Array.prototype.forEach.call(arguments, function (results) {
        (results || []).forEach(function (r) { if (!seen.has(r.id)) { seen.add(r.id); out.push(r); } });
      });
      return out;
    }

    function names(vocab, types, kind) {
      return types.map(function (t) { return typeOf(vocab, t).name; }).join("、") +
        (kind ? (types.length ? "的" : "") + kindOf(vocab, kind).name : "");
    }

    // A query that names a type or kind: its examples holding the content words, those with the hints
    // first. Failing that it is relaxed a step at a time, and the notice says which: the words' characters
    // apart on the page, then no words, then the kind at other units, then the type's other kinds.
    function faceted(pf, vocab, q) {
      var types = q.types, kind = q.kind;
      var examples = Object.assign({ label: "范文" }, facetFilters(types, kind));
      var newest = { added: "desc" };
      var others = related(pf, vocab, types, kind);
      var what = names(vocab, types, kind);
      var missed = q.words.length ? "没有完全匹配“" + q.words.join(" ") + "”的范文，下面是" : "";
      return Promise.all([
        q.words.length ? holding(pf, q.words.concat(q.hints), examples) : null,
        q.words.length ? holding(pf, q.words, examples) : null,
        q.hints.length ? holding(pf, q.hints, examples) : null,
        pf.search(vocab.every_page, { filters: examples, sort: newest }),
      ]).then(function (found) {
        var all = found[3];
        function done(results, filters, notice) { return { results: results, filters: filters, all: all, notice: notice }; }
        var withWords = merge(found[0] && found[0].results, found[1] && found[1].results);
        if (withWords.length) return done(withWords, (found[1] || found[0]).filters, "");
        var steps = [];
        if (q.words.length) {
          steps.push(function () {
            return holding(pf, q.words, examples, null, true).then(function (near) {
              return near.results.length ? done(near.results, near.filters, missed + what + "中相近的") : null;
            });
          });
        }
        steps.push(function () {
          return all.results.length ? done(merge(found[2] && found[2].results, all.results), all.filters,
            missed && missed + what + (kind ? "" : "的范文")) : null;
        });
        if (kind && types.length) {
          [[[], kind, "其他单位的" + names(vocab, [], kind)], [types, null, names(vocab, types, null) + "的其他范文"]]
            .forEach(function (step) {
              steps.push(function () {
                var filters = Object.assign({ label: "范文" }, facetFilters(step[0], step[1]));
                return pf.search(vocab.every_page, { filters: filters, sort: newest }).then(function (s) {
                  return s.results.length ? { results: s.results, filters: s.filters, all: s, shown: { types: step[0], kind: step[1] },
                    notice: "还没有" + what + "范文，下面是" + step[2] } : null;
                });
              });
            });
        }
        return steps.reduce(function (chain, step) {
          return chain.then(function (result) { return result || step(); });
        }, Promise.resolve(null));
      }).then(function (found) {
        found = found || { results: [], filters: {}, all: { results: [] }, notice: "" };
        q.shown = found.shown || { types: types, kind: kind };
        found.card = card(vocab, q.shown.types, q.shown.kind, found.all.results.length);
        return others.then(function (pages) {
          found.others = pages;
          return found;
        });
      });
    }

    // The outline of the type × kind and the kind's writing guide, after the examples.
    function related(pf, vocab, types, kind) {
      var wanted = [];
      if (kind && types.length === 1) wanted.push({ type: types[0], kind: kind, label: "提纲" });
      if (kind) wanted.push({ kind: kind, label: "指南" });
      if (!wanted.length) return Promise.resolve([]);
      return pf.search(vocab.every_page, { filters: { any: wanted } }).then(function (s) { return s.results; });
    }

    // The list a card links: type × kind (its own page once long, else its outline), or the type or kind page.
    function card(vocab, types, kind, count) {
      if (types.length !== 1 && !kind) return null;
      if (types.length > 1) types = [];
      var path = types.length && kind
        ? (count > vocab.cell_page_above ? vocab.cell_url : vocab.outline_url).replace("{type}", types[0]).replace("{kind}", kind)
        : types.length ? typeOf(vocab, types[0]).url : kindOf(vocab, kind).url;
      var parts = types.map(function (t) { return typeOf(vocab, t).name; }).concat(kind ? [kindOf(vocab, kind).name] : []);
      return { path: path, title: parts.join(" · ") + " · " + count + " 篇", count: count };
    }

    // A query of content words only: every page holding them, in Pagefind's order; chips count examples.
    function plain(pf, q) {
      // Pagefind counts a filter's values only once it has loaded them (three files of a few hundred bytes);
      // a search by type or kind loads them itself.
      var counted = pf.filters().then(function () { return holding(pf, q.words, { label: "范文" }); });
      return Promise.all([holding(pf, q.words, {}), counted]).then(function (found) {
        if (found[0].results.length || !q.words.some(function (w) { return hanCount(w) > 2; })) {
          return { results: found[0].results, filters: found[1].filters, others: [], notice: "", card: null };
        }
        // Not as written: the pages holding the words' characters apart (送温暖 … 活动 for 送温暖活动).
        return Promise.all([holding(pf, q.words, {}, null, true), holding(pf, q.words, { label: "范文" }, null, true)])
          .then(function (near) {
            return { results: near[0].results, filters: near[1].filters, others: [], card: null,
              notice: near[0].results.length ? "没有完全匹配“" + q.words.join(" ") + "”的页面，下面是相近的" : "" };
          });
      });
    }

    function search() {
      var raw = input().value;
      var query = normalize(raw);
      var key = query + "\u0000" + JSON.stringify(state.override);
      if (key === state.key) return;
      state.key = key;
      state.query = query;
      state.results = [];
      state.shown = 0;
      if (!query) { show(query, null); meta(text["search.result.placeholder"]); return; }
      load().then(function (loaded) {
        var pf = loaded[0], vocab = loaded[1];
        state.vocab = vocab;
        var q = parse(query, vocab);
        if (state.override) {
          q.types = state.override.types;
          q.kind = state.override.kind;
        }
        if (!q.types.length && !q.kind && !q.words.length) {
          // Nothing but words like 范文 (or the reader let go of every chip): search what was typed.
          q.words = query.split(SEPARATOR).filter(function (w) { return w && !/^\d+$/.test(w); });
        }
        state.needles = q.words.concat(q.hints, q.matched || []).map(normalize);

        if (!q.types.length && !q.kind && !q.words.length) {
          show(query, q);
          meta((q.dropped.length ? "年份和“范文”这类词不影响结果，请加上工会类型、文种或要找的词，" : "请输入要找的词，") +
            "例如：社区工会 年度工作总结、女职工 两癌");
          return;
        }
        var found = q.types.length || q.kind ? faceted(pf, vocab, q) : plain(pf, q);
        return found.then(function (f) {
          if (key !== state.key) return;
          state.results = f.results;
          state.others = f.others;
          state.sections = q.words.length > 0 && !f.notice; // the headings the words were found under
          return render(pf, vocab, q, f);
        });
      }).catch(function (error) { console.warn(error); });
    }

    function render(pf, vocab, q, f) {
      var query = state.query;
      var total = f.results.length;
      var head = [];
      if (q.cut) head.push("查询太长，只按前 " + MAX_QUERY + " 个字搜索。");
      if (f.notice) head.push(f.notice + "：" + total + " 篇");
      else if (q.types.length || q.kind) head.push(names(vocab, q.types, q.kind) + "：" + total + " 篇范文");
      else head.push(total ? (total === 1 ? text["search.result.one"] : text["search.result.other"].replace("#", total))
        : "没有找到含“" + q.words.join(" ") + "”的页面");
      var items = f.card ? [cardItem(f.card)] : [];
      state.shownOthers = false;
      meta(head.join(""));
      chips(vocab, q, f.filters || {});
      return showMore(query, items).then(function () {
        if (query !== state.query) return;
        if (!total) return suggest(pf, vocab, q).then(function () { show(query, q); });
        show(query, q);
      });
    }

    // Marks the panel done for this query (the tests wait for it) and clears what an empty query left.
    function show(query, q) {
      panel().dataset.query = query;
      panel().dataset.done = String(Number(panel().dataset.done || 0) + 1);
      if (!q) {
        list().textContent = "";
        chipRow().textContent = "";
        suggestions().textContent = "";
      }
    }

    function chipRow() { return panel().querySelector(".ur-search-chips"); }
    function suggestions() { return panel().querySelector(".ur-search-suggest"); }

    // Chips for the types and kinds among the examples found, with Pagefind's counts; the ones the query
    // (or a tap) chose are pressed, and a tap on one takes it away again.
    function chips(vocab, q, counts) {
      var row = chipRow();
      row.textContent = "";
      var chosen = q.shown || { types: q.types, kind: q.kind };
      function chip(facet, id, name, count, pressed) {
        var b = el("button", "ur-search-chip", name);
        b.type = "button";
        b.dataset.facet = facet;
        b.dataset.value = id;
        b.setAttribute("aria-pressed", pressed ? "true" : "false");
        if (!pressed) b.append(" ", el("span", "ur-search-chip__count", String(count)));
        b.title = pressed ? "不限" + name : "只看" + name;
        row.append(b);
      }
      [["type", vocab.types], ["kind", vocab.kinds]].forEach(function (pair) {
        var facet = pair[0];
        pair[1].forEach(function (entry) {
          var pressed = facet === "type" ? chosen.types.indexOf(entry.id) >= 0 : chosen.kind === entry.id;
          var count = (counts[facet] || {})[entry.id] || 0;
          if (pressed || count) chip(facet, entry.id, entry.name, count, pressed);
        });
      });
      row.hidden = !row.childElementCount;
      state.chosen = chosen;
    }

    // Nothing found: the words apart (those that find something), the nearest type and kind pages.
    function suggest(pf, vocab, q) {
      var box = suggestions();
      box.textContent = "";
      var pieces = [];
      q.words.forEach(function (w) {
        var n = w.length;
        if (hanCount(w) >= 4) pieces.push(w.slice(0, Math.ceil(n / 2)), w.slice(Math.ceil(n / 2)));
        else if (q.words.length > 1) pieces.push(w);
      });
      pieces = pieces.filter(function (p, i) { return pieces.indexOf(p) === i; }).slice(0, 6);
      return Promise.all(pieces.map(function (p) { return holding(pf, [p], {}); })).then(function (found) {
        var tries = el("p", "ur-search-suggest__line");
        pieces.forEach(function (p, i) {
          if (!found[i].results.length) return;
          var b = el("button", "ur-search-chip", p);
          b.type = "button";
          b.dataset.query = p;
          b.append(" ", el("span", "ur-search-chip__count", String(found[i].results.length)));
          tries.append(b);
        });
        if (tries.childElementCount) { tries.prepend("分开搜："); box.append(tries); }
        var near = el("p", "ur-search-suggest__line", "看看：");
        nearest(vocab, q).forEach(function (page) {
          var a = el("a", "ur-search-chip", page.name);
          a.href = url(page.url);
          near.append(a);
        });
        box.append(near, el("p", "ur-search-suggest__tip",
          "按工会类型和文种搜最准，如“乡镇工会 工作计划”；几个词用空格分开，如“女职工 两癌”。"));
      });
    }

    // Type and kind pages sharing the most characters with the query; the browse pages when none does.
    function nearest(vocab, q) {
      var letters = new Set(q.words.join("").split(""));
      function score(entry) {
        return Math.max.apply(null, entry.words.map(function (w) {
          return w.split("").filter(function (c) { return letters.has(c) && c !== "工" && c !== "会"; }).length;
        }));
      }
      var best = vocab.types.concat(vocab.kinds).map(function (e) { return { e: e, s: score(e) }; })
        .filter(function (x) { return x.s > 0; }).sort(function (a, b) { return b.s - a.s; }).slice(0, 3)
        .map(function (x) { return { name: x.e.name, url: x.e.url }; });
      return best.concat([{ name: "按类型浏览", url: "types/" }, { name: "按文种浏览", url: "kinds/" }]);
    }

    function cardItem(c) {
      var li = el("li", "md-search-result__item ur-search-card");
      var a = el("a", "md-search-result__link");
      a.href = url(c.path);
      a.tabIndex = -1;
      var article = el("article", "md-search-result__article md-typeset");
      article.append(el("h1", "", c.title + " →"));
      a.append(article);
      li.append(a);
      return li;
    }

    function label(name) { return el("span", "ur-search-label ur-search-label--" + ({ 范文: "example", 提纲: "outline", 指南: "guide" }[name] || "list"), name); }

    function marked(tag, plainText) {
      var node = el(tag);
      highlight(plainText, state.needles).forEach(function (piece) {
        node.append(piece[1] ? el("mark", "", piece[0]) : piece[0]);
      });
      return node;
    }

    function link(href, heading, title, excerpt, labelName) {
      var a = el("a", "md-search-result__link");
      a.href = href;
      a.tabIndex = -1;
      var article = el("article", "md-search-result__article md-typeset");
      if (heading === "h1") article.append(el("div", "md-search-result__icon md-icon"));
      var h = marked(heading, title);
      if (labelName) h.prepend(label(labelName), " ");
      article.append(h, marked("p", excerpt));
      a.append(article);
      return a;
    }

    // One page: label, title and an excerpt cut from its text, then the headings it matched under.
    function item(page) {
      var li = el("li", "md-search-result__item");
      var title = readIndexed(page.meta.title || "") || page.url;
      var content = readIndexed((page.content || "").replace(state.vocab.every_page, ""));
      var skip = content.indexOf(title) === 0 ? title.length : 0;
      var name = ((page.filters || {}).label || [])[0];
      li.append(link(page.url, "h1", title, excerptOf(content, state.needles, skip, 64), name));
      // The headings a page matched under, when the reader typed words to find (not for a type or kind alone).
      var sections = state.sections ? page.sub_results.filter(function (s) { return s.url.indexOf("#") > 0; })
        .sort(function (a, b) { return b.locations.length - a.locations.length; }) : [];
      if (sections.length) {
        var more = el("details", "md-search-result__more");
        var summary = el("summary");
        summary.tabIndex = -1;
        summary.append(el("div", "", sections.length === 1
          ? text["search.result.more.one"] : text["search.result.more.other"].replace("#", sections.length)));
        more.append(summary);
        sections.forEach(function (s) {
          var excerpt = readIndexed(s.excerpt.replace(/<\/?mark>/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">")
            .replace(/&quot;/g, "\"").replace(/&#39;/g, "'").replace(/&amp;/g, "&"));
          more.append(link(s.url, "h2", readIndexed(s.title), excerpt));
        });
        li.append(more);
      }
      return li;
    }

    // The next ten results (only their fragments are fetched); after the examples, the related pages.
    function showMore(query, first) {
      var batch = state.results.slice(state.shown, state.shown + BATCH);
      state.shown += batch.length;
      if (batch.length < BATCH && !state.shownOthers) {
        batch = batch.concat(state.others || []);
        state.shownOthers = true;
      }
      state.busy = true;
      if (first) {
        list().replaceChildren.apply(list(), first);
        suggestions().textContent = "";
      }
      // Each page is shown as soon as it and those before it have come, so the first needs one fragment.
      var shown = Promise.resolve();
      batch.forEach(function (r) {
        var data = r.data();
        shown = shown.then(function () { return data; }).then(function (page) {
          if (query === state.query) list().append(item(page));
        });
      });
      return shown.then(function () { state.busy = false; });
    }

    document.addEventListener("focusin", function (event) {
      if (!event.target.matches(".md-search__input")) return;
      open(true);
      load();
    });

    document.addEventListener("input", function (event) {
      if (!event.target.matches(".md-search__input") || event.isComposing) return; // pinyin still being typed
      state.override = null;
      clearTimeout(state.timer);
      state.timer = setTimeout(search, 50);
    });
    document.addEventListener("compositionend", function (event) {
      if (event.target.matches(".md-search__input")) search();
    });

    document.addEventListener("click", function (event) {
      if (event.target.closest(".md-header__button[for=__search]")) setTimeout(function () { input().focus(); }, 0);
      if (event.target.closest(".md-search-result a")) open(false);
      var chip = event.target.closest(".md-search-result button.ur-search-chip");
      if (!chip) return;
      if (chip.dataset.query) { // a suggestion: search it
        input().value = chip.dataset.query;
        state.override = null;
      } else { // narrow to this type or kind, or let go of it
        var chosen = state.chosen || { types: [], kind: null };
        var next = { types: chosen.types.slice(), kind: chosen.kind };
        var on = chip.getAttribute("aria-pressed") !== "true";
        if (chip.dataset.facet === "type") next.types = on ? [chip.dataset.value] : [];
        else next.kind = on ? chip.dataset.value : null;
        state.override = next;
      }
      search();
      input().focus();
    });

    document.addEventListener("reset", function (event) {
      if (!event.target.matches(".md-search__form")) return;
      state.override = null;
      setTimeout(function () { search(); input().focus(); }, 0);
    });
    document.addEventListener("submit", function (event) {
      if (event.target.matches(".md-search__form")) event.preventDefault(); // Enter: see the keys below
    });

    // Ten more results when the reader scrolls to the end of the list (scroll does not bubble: capture it).
    document.addEventListener("scroll", function (event) {
      var wrap = event.target;
      if (!wrap.classList || !wrap.classList.contains("md-search__scrollwrap")) return;
      if (state.busy || (state.shown >= state.results.length && state.shownOthers)) return;
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
          ".md-search-result__list :not(details) > a, " +
          ".md-search-result__list summary, .md-search-result__list details[open] a")));
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
  }

  return { pairs: pairs, apart: apart, readIndexed: readIndexed, normalize: normalize, parse: parse, highlight: highlight,
    excerptOf: excerptOf, mount: mount, MAX_QUERY: MAX_QUERY };
});
