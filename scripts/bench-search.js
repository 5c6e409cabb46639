// Search benchmark over a built site (run by `make bench-search`, see scripts/bench-search.sh).
//
//   node scripts/bench-search.js SITE [PAGEFIND_BUNDLE]
//
// For every query of a fixed list it starts from nothing, as a reader's first search does, and
// counts the bytes the browser would load: the search scripts, the first index file, the term
// shards and the fragments of the first page of results (10). Then it times each query with
// everything loaded (search, facets, snippets of the first page), 20 runs each.
// With PAGEFIND_BUNDLE (pagefind's output folder for the same pages) it measures Pagefind's
// first search the same way, running its own pagefind.js in node with fetch read from disk.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const zlib = require("node:zlib");
const { pathToFileURL } = require("node:url");

const [site, pagefindBundle] = process.argv.slice(2);
if (!site) {
  console.error("usage: node scripts/bench-search.js SITE [PAGEFIND_BUNDLE]");
  process.exit(2);
}
const assets = path.join(site, "assets/js");
const core = require(path.resolve(assets, "search-core.js"));
const PAGE = 10;
const RUNS = 20;

// Word forms, several words, the word being typed, abbreviations, phrases, filters, nothing found.
const QUERIES = [
  ["наставничество"], ["наставники"], ["наставника"], ["педагогов"], ["методист"], ["оценивание"],
  ["компетенции"], ["мониторинг"], ["ИОМ"], ["иом"], ["фгос"], ["гиа"], ["впр"],
  ["молодой специалист"], ["формирующее оценивание"], ["профессиональные дефициты педагогов"],
  ["функциональная грамотность"], ["цифровые образовательные ресурсы"],
  ["индивидуальный образовательный маршрут"], ["работа с родителями"], ["критическое мышление"],
  ["дорожная карта повышения качества образования"], ["программа наставничества для молодых учителей"],
  ["настав"], ["педаг"], ["компет"], ["функц"], ["мет"],
  ['"молодой специалист"'], ["«формирующее оценивание»"],
  ["наставничество", { type: ["mentoring"] }], ["оценивание", { deficit: ["def-07"], type: ["practice"] }],
  ["грамотность", { level: ["ООО"] }],
  ["квантовая хромодинамика"],
];

const gzipSize = (buffer) => zlib.gzipSync(buffer, { level: 9 }).length;
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
};
const kb = (bytes) => (bytes / 1024).toFixed(1);

function folderSize(folder, filter) {
  let files = 0, raw = 0, gz = 0;
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (!filter || filter(full)) {
        const data = fs.readFileSync(full);
        files++;
        raw += data.length;
        // Pagefind stores its index already gzip-compressed: count those bytes as they are.
        gz += data.length > 2 && data[0] === 0x1f && data[1] === 0x8b ? data.length : gzipSize(data);
      }
    }
  };
  walk(folder);
  return { files, raw, gz };
}

async function ours() {
  const code = ["stemmer-ru.js", "stemmer-en.js", "search-core.js"].map((name) => fs.readFileSync(path.join(assets, name)));
  const codeRaw = code.reduce((a, b) => a + b.length, 0);
  const codeGz = code.reduce((a, b) => a + gzipSize(b), 0);
  const ui = fs.readFileSync(path.join(assets, "search-ui.js"));

  const first = [];
  for (const [q, filters] of QUERIES) {
    const loaded = [];
    const engine = new core.Engine(core.fileLoader(path.join(site, "search"), (file, bytes, source) => loaded.push({ file, source })));
    const start = process.hrtime.bigint();
    const result = await engine.search({ q, filters });
    await engine.page(result, 0, PAGE);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    let raw = codeRaw, gz = codeGz;
    for (const { source } of loaded) {
      const buffer = Buffer.from(source);
      raw += buffer.length;
      gz += gzipSize(buffer);
    }
    first.push({ q, filters, raw, gz, files: loaded.length, total: result.total, ms, loaded });
  }

  // Warm: one engine, every file already loaded; time search + facets + first page.
  const engine = new core.Engine(core.fileLoader(path.join(site, "search")));
  for (const [q, filters] of QUERIES) await engine.page(await engine.search({ q, filters }), 0, PAGE);
  const samples = [];
  const perQuery = [];
  for (const [q, filters] of QUERIES) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const start = process.hrtime.bigint();
      const result = await engine.search({ q, filters });
      await engine.page(result, 0, PAGE);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    samples.push(...times);
    perQuery.push({ q, filters, median: median(times) });
  }
  return { codeRaw, codeGz, uiRaw: ui.length, uiGz: gzipSize(ui), first, samples, perQuery };
}

async function pagefind(bundle) {
  const script = fs.readFileSync(path.join(bundle, "pagefind.js"));
  const copy = path.join(fs.mkdtempSync(path.join(require("node:os").tmpdir(), "pagefind-node-")), "pagefind.mjs");
  fs.writeFileSync(copy, script);
  let loaded = [];
  globalThis.fetch = async (input) => {
    const url = typeof input === "string" ? input : input.url;
    const rel = url.replace(/^.*\/pagefind\//, "").replace(/\?.*$/, "");
    const data = fs.readFileSync(path.join(bundle, rel));
    loaded.push({ rel, data });
    return new Response(data);
  };
  const first = [];
  let n = 0;
  for (const [q, filters] of QUERIES) {
    if (filters) continue; // Pagefind knows no filters of ours
    loaded = [];
    const module = await import(pathToFileURL(copy).href + "?fresh=" + n++);
    await module.options({ basePath: "/pagefind/" });
    const start = process.hrtime.bigint();
    const search = await module.search(q);
    await Promise.all(search.results.slice(0, PAGE).map((r) => r.data()));
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    let raw = script.length, gz = gzipSize(script);
    for (const { data } of loaded) {
      raw += data.length;
      gz += data[0] === 0x1f && data[1] === 0x8b ? data.length : gzipSize(data);
    }
    first.push({ q, raw, gz, files: loaded.length + 1, total: search.results.length, ms });
    await module.destroy?.();
  }
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  return { first, size: folderSize(bundle) };
}

function describe(q, filters) {
  return q + (filters ? " + " + Object.entries(filters).map(([k, v]) => `${k}=${v.join(",")}`).join(" ") : "");
}

(async () => {
  const documents = JSON.parse(fs.readFileSync(path.join(site, "search/meta.js"), "utf8").replace(/^[^{]*/, "").replace(/\);\s*$/, "")).count;
  const result = await ours();
  const index = folderSize(path.join(site, "search"), (file) => !file.endsWith("index.json") && !file.endsWith(".html"));
  const meta = folderSize(path.join(site, "search"), (file) => file.endsWith("meta.js"));
  const shards = folderSize(path.join(site, "search/t"));
  const positions = folderSize(path.join(site, "search/p"));
  const fragments = folderSize(path.join(site, "search/d"));
  const json = folderSize(path.join(site, "search"), (file) => file.endsWith("index.json"));
  const gzs = result.first.map((f) => f.gz);
  const raws = result.first.map((f) => f.raw);
  const worst = result.first.reduce((a, b) => (b.gz > a.gz ? b : a));

  console.log(`## metodbank search, ${documents} documents\n`);
  console.log(`Queries: ${QUERIES.length} (word forms, several words, the word being typed, abbreviations, phrases, filters, nothing found).\n`);
  console.log("| measure | value | budget |");
  console.log("| --- | --- | --- |");
  console.log(`| first search, bytes loaded (median over queries) | ${kb(median(raws))} KB raw, **${kb(median(gzs))} KB gzip** | |`);
  console.log(`| first search, bytes loaded (worst query: ${describe(worst.q, worst.filters)}) | ${kb(worst.raw)} KB raw, **${kb(worst.gz)} KB gzip** | ≤ 150 KB gzip |`);
  console.log(`| … of which search scripts (stemmers + engine) | ${kb(result.codeRaw)} KB raw, ${kb(result.codeGz)} KB gzip | |`);
  console.log(`| … of which first index file (meta.js) | ${kb(meta.raw)} KB raw, ${kb(meta.gz)} KB gzip | |`);
  console.log(`| search-ui.js (on every page, not counted above) | ${kb(result.uiRaw)} KB raw, ${kb(result.uiGz)} KB gzip | |`);
  console.log(`| query time, median (index loaded; search + facets + 10 snippets) | **${median(result.samples).toFixed(2)} ms** | ≤ 20 ms |`);
  console.log(`| query time, 95th percentile | **${percentile(result.samples, 0.95).toFixed(2)} ms** | ≤ 50 ms |`);
  console.log(`| first search time incl. reading and parsing files (median) | ${median(result.first.map((f) => f.ms)).toFixed(1)} ms | |`);
  console.log(`| browser index, total | ${index.files} files, ${kb(index.raw / 1024)} MB raw, ${kb(index.gz / 1024)} MB gzip | |`);
  console.log(`| … term shards t/ | ${shards.files} files, ${kb(shards.raw / 1024)} MB raw, ${kb(shards.gz / 1024)} MB gzip | |`);
  console.log(`| … phrase positions p/ (only for "quoted" queries) | ${positions.files} files, ${kb(positions.raw / 1024)} MB raw, ${kb(positions.gz / 1024)} MB gzip | |`);
  console.log(`| … document fragments d/ (one per document) | ${fragments.files} files, ${kb(fragments.raw / 1024)} MB raw, ${kb(fragments.gz / 1024)} MB gzip | |`);
  console.log(`| search/index.json (for other programs) | ${kb(json.raw / 1024)} MB raw, ${kb(json.gz / 1024)} MB gzip | |`);

  console.log("\n| query | results | files | first search raw KB | gzip KB | warm median ms |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  result.first.forEach((f, i) => {
    console.log(`| ${describe(f.q, f.filters)} | ${f.total} | ${f.files + 3} | ${kb(f.raw)} | ${kb(f.gz)} | ${result.perQuery[i].median.toFixed(2)} |`);
  });

  const budgets = [
    ["first search ≤ 150 KB gzip", worst.gz <= 150 * 1024],
    ["median query ≤ 20 ms", median(result.samples) <= 20],
    ["p95 query ≤ 50 ms", percentile(result.samples, 0.95) <= 50],
  ];

  if (pagefindBundle) {
    const pf = await pagefind(pagefindBundle);
    const pgz = pf.first.map((f) => f.gz);
    const praw = pf.first.map((f) => f.raw);
    const pworst = pf.first.reduce((a, b) => (b.gz > a.gz ? b : a));
    console.log(`\n## Pagefind over the same ${documents} pages\n`);
    console.log("| measure | metodbank | Pagefind |");
    console.log("| --- | --- | --- |");
    console.log(`| first search, median | ${kb(median(raws))} KB raw, ${kb(median(gzs))} KB gzip | ${kb(median(praw))} KB raw, ${kb(median(pgz))} KB gzip |`);
    console.log(`| first search, worst query | ${kb(worst.raw)} KB raw, ${kb(worst.gz)} KB gzip | ${kb(pworst.raw)} KB raw, ${kb(pworst.gz)} KB gzip (${pworst.q}) |`);
    console.log(`| first search time in node, median | ${median(result.first.map((f) => f.ms)).toFixed(1)} ms | ${median(pf.first.map((f) => f.ms)).toFixed(1)} ms |`);
    console.log(`| index total | ${index.files} files, ${kb(index.raw / 1024)} MB raw, ${kb(index.gz / 1024)} MB gzip | ${pf.size.files} files, ${kb(pf.size.raw / 1024)} MB raw, ${kb(pf.size.gz / 1024)} MB gzip |`);
    console.log(`| works from file:// | yes (classic scripts) | no (fetch, ES module, WebAssembly) |`);
  }

  console.log("\nBudgets: " + budgets.map(([name, ok]) => `${name}: ${ok ? "met" : "MISSED"}`).join("; "));
  if (budgets.some(([, ok]) => !ok)) process.exitCode = 1;
})();
