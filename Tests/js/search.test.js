// The search engine over a small fixture bank built by the real binary: ranking, word forms,
// prefixes, phrases, facets, snippets and escaping.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { assets, buildSite, engineFor } = require("./helpers.js");

const site = buildSite(path.join(__dirname, "fixtures/bank"));
const engine = engineFor(site);

async function ids(q, filters) {
  const result = await engine.search({ q, filters });
  const hits = await engine.page(result, 0, 50);
  return hits.map((hit) => path.basename(hit.url, ".html"));
}

test("a title match ranks above body matches", async () => {
  const found = await ids("наставник ");
  assert.ok(found.indexOf("p-title") >= 0 && found.indexOf("p-body") >= 0, found.join(" "));
  assert.ok(found.indexOf("p-title") < found.indexOf("p-body"), found.join(" "));
});

test("any word form finds the same documents", async () => {
  const base = (await ids("наставник ")).sort();
  for (const form of ["наставники ", "наставника ", "Наставником ", "НАСТАВНИКАМИ "]) {
    assert.deepEqual((await ids(form)).sort(), base, form);
  }
});

test("documents with all the words come first", async () => {
  const result = await engine.search({ q: "наставник оценивание " });
  const hits = await engine.page(result, 0, 10);
  assert.equal(path.basename(hits[0].url, ".html"), "p-both");
  // p-body has «наставник» in its text and «оценивании» in the title of the deficit it addresses.
  assert.equal(result.complete, 2);
  assert.equal(path.basename(hits[1].url, ".html"), "p-body");
  assert.ok(result.total > 1);
});

test("the word being typed matches by prefix", async () => {
  const found = await ids("настав");
  assert.ok(found.includes("m-prog"), found.join(" "));  // наставничества
  assert.ok(found.includes("p-title"), found.join(" "));  // наставник
  assert.deepEqual(await ids("наставн "), []);  // a finished word is not a prefix
});

test("abbreviations are found in lower case", async () => {
  assert.deepEqual(await ids("иом "), ["p-iom"]);
  assert.deepEqual(await ids("ИОМ "), ["p-iom"]);
  assert.deepEqual(await ids("ио"), ["p-iom"]);
});

test("a quoted phrase needs its words together and in order", async () => {
  assert.deepEqual(await ids('"план работы с наставником"'), ["r-pol"]);
  assert.deepEqual(await ids("«план работы наставником»"), ["r-pol"]);
  const loose = await ids("план работы наставником ");
  assert.ok(loose.includes("p-plan") && loose.includes("r-pol"), loose.join(" "));
  const result = await engine.search({ q: '"работы план"' });
  assert.equal(result.total, 0);
  assert.ok(result.phraseFailed);
});

test("a query of stop words finds nothing and says why", async () => {
  const result = await engine.search({ q: "и в для " });
  assert.equal(result.total, 0);
  assert.ok(result.onlyStopWords);
});

test("facets count the results, each under the other filters", async () => {
  const result = await engine.search({ q: "наставник " });
  const facet = (r, name) => Object.fromEntries(r.facets.find((f) => f.name === name).values.map((v) => [v.key, v.count]));
  assert.equal(facet(result, "type").practice, 4);
  assert.equal(facet(result, "type").mentoring, 1);
  assert.equal(facet(result, "deficit")["d-nastavnichestvo"], 3);
  assert.equal(facet(result, "deficit")["d-ocenivanie"], 2);
  assert.equal(facet(result, "level")["ООО"], 2);

  const filtered = await engine.search({ q: "наставник ", filters: { deficit: ["d-nastavnichestvo"] } });
  assert.deepEqual((await engine.page(filtered, 0, 10)).map((h) => path.basename(h.url, ".html")).sort(), ["m-prog", "p-both", "p-title"]);
  // The deficit facet still counts the other deficit (values of one facet are alternatives) …
  assert.equal(facet(filtered, "deficit")["d-ocenivanie"], 2);
  // … while the other facets count within the chosen deficit.
  assert.equal(facet(filtered, "type").practice, 2);
  assert.equal(facet(filtered, "type").mentoring, 1);
  assert.ok(filtered.facets.find((f) => f.name === "deficit").values.find((v) => v.key === "d-nastavnichestvo").selected);

  const both = await ids("наставник ", { deficit: ["d-nastavnichestvo", "d-ocenivanie"], type: ["practice"] });
  assert.deepEqual(both.sort(), ["p-body", "p-both", "p-title"]);
  const none = await engine.search({ q: "наставник ", filters: { subject: ["литература"] } });
  assert.equal(none.total, 0);
  assert.ok(none.unfiltered > 0);
});

test("without a query the filters list documents", async () => {
  assert.deepEqual(await ids("", { type: ["mentoring"] }), ["m-prog"]);
  assert.deepEqual((await ids("", { level: ["НОО"] })).sort(), ["p-body", "p-iom"]);
});

test("snippets show the matched words of the text", async () => {
  const result = await engine.search({ q: "наставник отвечает " });
  const [hit] = await engine.page(result, 0, 1);
  assert.equal(path.basename(hit.url, ".html"), "p-body");
  const marked = hit.snippet.filter((p) => p.mark).map((p) => p.text);
  assert.deepEqual(marked, ["наставник", "наставник", "отвечает", "наставник"]);
  assert.equal(hit.snippet.map((p) => p.text).join(""), "На методическом часе наставник показывает приём. Потом наставник отвечает на вопросы, и наставник записывает итоги.");
  assert.equal(hit.type, "Практика");
});

test("titles and texts come back as text, never as markup", async () => {
  const result = await engine.search({ q: "урок " });
  const [hit] = await engine.page(result, 0, 1);
  assert.equal(hit.title, 'Урок <script>alert("x")</script> & «кавычки»');
  assert.deepEqual(hit.titleParts, [{ text: "Урок", mark: true }, { text: ' <script>alert("x")</script> & «кавычки»', mark: false }]);
  const text = (await engine.page(await engine.search({ q: "разметки " }), 0, 1))[0].snippet.map((p) => p.text).join("");
  assert.ok(text.includes('<img src=x onerror="alert(1)">'), text);
  // The UI puts every piece in through textContent: no HTML parsing anywhere.
  const ui = fs.readFileSync(path.join(assets, "search-ui.js"), "utf8");
  const core = fs.readFileSync(path.join(assets, "search-core.js"), "utf8");
  for (const source of [ui, core]) {
    assert.doesNotMatch(source, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(/);
  }
  assert.match(ui, /textContent/);
});

test("the first search loads the first file, the needed shards and the shown documents only", async () => {
  const fresh = engineFor(site);
  const result = await fresh.search({ q: "наставник " });
  await fresh.page(result, 0, 2);
  const files = fresh.loaded.map((l) => l.file);
  assert.equal(files[0], "meta.js");
  assert.equal(files.filter((f) => f.startsWith("d/")).length, 2);
  assert.ok(!files.some((f) => f.startsWith("p/")), "positions are loaded only for phrases");
});
