// The plain functions of docs/assets/search.js in Node's own test runner (node --test), on the vectors the
// Python tests read too (tests/search_vectors.json) and the vocabulary the build makes from data/
// (its path in SEARCH_WORDS; tests/test_searchindex.py writes it and runs this file).
const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const path = require("node:path");
const search = require("../docs/assets/search.js");

const vectors = JSON.parse(fs.readFileSync(path.join(__dirname, "search_vectors.json"), "utf-8"));
const vocabulary = () => JSON.parse(fs.readFileSync(process.env.SEARCH_WORDS, "utf-8"));

for (const v of vectors.pairs) {
  test(`pairs and read-back: ${v.text}`, () => {
    assert.strictEqual(search.pairs(v.text), v.query);
    assert.strictEqual(search.readIndexed(v.index), v.read);
    for (const pair of v.query.split(" ").filter((p) => /[\p{L}\p{N}]/u.test(p))) { // each pair is a token the index holds
      assert.ok(v.index.split(" ").some((token) => token.replace(/[^\p{L}\p{N}=()]/gu, "").startsWith(pair)), pair);
    }
  });
}

for (const v of vectors.queries) {
  test(`parse: ${v.q}`, () => {
    const q = search.parse(v.q, vocabulary());
    assert.deepStrictEqual(q.types, v.types);
    assert.strictEqual(q.kind, v.kind);
    assert.deepStrictEqual(q.words, v.words);
    if (v.hints) assert.deepStrictEqual(q.hints, v.hints);
  });
}

// Each character alone is a term, so a page must hold it; the browser asks only once each is on some page.
for (const v of vectors.apart) {
  test(`characters apart: ${v.words.join(" ")}`, () => {
    assert.deepStrictEqual(search.apart(v.words), { query: v.query, chars: v.chars });
  });
}

for (const v of vectors.highlight) {
  test(`highlight: ${v.text}`, () => {
    const marked = search.highlight(v.text, v.needles).filter((p) => p[1]).map((p) => p[0]);
    assert.deepStrictEqual(marked, v.marked);
  });
}

test("a long query is cut and said so", () => {
  const q = search.parse("工会".repeat(300), vocabulary());
  assert.ok(q.cut);
});

test("excerpts start at a word or clause, never mid-word", () => {
  const text = "标题正文第一句。街道（乡镇、园区）总工会组织户外劳动者服务站点建设";
  const excerpt = search.excerptOf(text, ["户外劳动者"], 2, 20);
  const start = text.indexOf(excerpt.replace(/^…|…$/g, ""));
  assert.ok(start > 2 && "。，）".includes(text[start - 1]), excerpt);
  assert.ok(excerpt.includes("户外劳动者"), excerpt);
});

test("the excerpt shows the rarest word the reader typed", () => {
  const text = "标题女职工工作、女职工关爱，组织女职工参加“两癌”筛查。";
  const excerpt = search.excerptOf(text, ["女职工", "两癌"], 2, 12);
  assert.ok(excerpt.includes("两癌"), excerpt);
});
