// The browser's tokenizer and term rules against the build's: the same words, the same terms.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { repo, core, metodbank, buildSite, markdownFiles } = require("./helpers.js");

const rules = core.makeRules(["и", "в", "для", "с", "the"], ["иом", "кпк"]);
const parts = (text) => core.scanWords(text).map((w) => w.parts);

test("lower case, «ё» as «е», punctuation and digits", () => {
  assert.deepEqual(parts("Учёба, ЁЛКА! «СОШ № 39», 5–9 классы"), [["учеба"], ["елка"], ["сош"], ["39"], ["5", "9"], ["классы"]]);
});

test("hyphens and en dashes join words only without spaces", () => {
  assert.deepEqual(parts("психолого-педагогический учитель–ученик школа — школе красно--синий"), [
    ["психолого", "педагогический"], ["учитель", "ученик"], ["школа"], ["школе"], ["красно"], ["синий"],
  ]);
});

test("decomposed letters, stress marks and soft hyphens", () => {
  assert.deepEqual(parts("краи\u0306 зна\u0301ние настав\u00adник"), [["край"], ["знание"], ["наставник"]]);
});

test("word offsets point into the text, for highlighting", () => {
  const text = "Наставник — учитель-наставник.";
  assert.deepEqual(core.scanWords(text).map((w) => text.substring(w.start, w.end)), ["Наставник", "учитель-наставник"]);
});

test("terms: stems, abbreviations whole, stop words and single characters dropped", () => {
  assert.deepEqual(core.terms("Наставники и ИОМ для КПК в 2024 году, 5 класс, running", rules),
    ["наставник", "иом", "кпк", "2024", "год", "класс", "run"]);
  assert.deepEqual(core.terms("психолого-педагогическое ИОМ-а", rules), ["психол-педагогическ", "психол", "педагогическ", "иом"]);
});

test("a query: words, the word being typed, phrases, compounds", () => {
  const q = core.parseQuery("молодые педагоги «план работы» настав", rules);
  const items = q.items.filter((i) => !i.family);
  assert.deepEqual(items.map((i) => [i.exact, i.prefixes, i.required, i.phrase]), [
    ["молод", [], true, -1],
    ["педагог", [], true, -1],
    ["план", [], true, 0],
    ["работ", [], true, 0],
    ["наста", ["настав", "наста"], true, -1],
  ]);
  assert.deepEqual(q.phrases.map((p) => p.terms), [["план", "работ"]]);
  // A space after the last word: no prefix any more.
  assert.deepEqual(core.parseQuery("настав ", rules).items.filter((i) => !i.family).map((i) => i.prefixes), [[]]);
  // Compounds: parts required, the whole as a bonus.
  assert.deepEqual(core.parseQuery("учитель-ученик ", rules).items.filter((i) => !i.family).map((i) => [i.exact, i.required]),
    [["учител", true], ["ученик", true], ["учител-ученик", false]]);
  // Only stop words: nothing to look for.
  assert.equal(core.parseQuery("и в для ", rules).items.length, 0);
});

test("the terms of every line of the sample bank are the build's terms", () => {
  const site = buildSite(repo);
  const index = JSON.parse(fs.readFileSync(path.join(site, "search/index.json"), "utf8"));
  const bankRules = core.makeRules(index.analyzer.stopWords, index.analyzer.abbreviations);
  assert.ok(index.analyzer.abbreviations.includes("иом"), "ИОМ is an abbreviation of the sample bank");
  const lines = [];
  for (const file of markdownFiles(path.join(repo, "content"))) {
    for (const line of fs.readFileSync(file, "utf8").split("\n")) if (line.trim()) lines.push(line);
  }
  const swift = metodbank(["stem", "--index", path.join(site, "search/index.json")], lines.join("\n") + "\n").split("\n");
  const wrong = [];
  lines.forEach((line, i) => {
    const js = core.terms(line, bankRules).join(" ");
    if (js !== swift[i]) wrong.push(`${line}\n  Swift: ${swift[i]}\n  JS:    ${js}`);
  });
  assert.ok(lines.length > 1000);
  assert.equal(wrong.length, 0, wrong.slice(0, 10).join("\n"));
});
