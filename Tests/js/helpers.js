// Shared by the node tests: the metodbank binary, a built sample bank, the engine over a site.
"use strict";
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { execFileSync } = require("node:child_process");

const repo = path.resolve(__dirname, "../..");
const assets = path.join(repo, "themes/default/assets/js");
const binary = process.env.METODBANK ? path.resolve(repo, process.env.METODBANK) : path.join(repo, ".build/debug/metodbank");

if (!fs.existsSync(binary)) {
  throw new Error(`no metodbank binary at ${binary}: run swift build first (make test does) or set METODBANK`);
}

const core = require(path.join(assets, "search-core.js"));
const stemRussian = require(path.join(assets, "stemmer-ru.js"));
const stemEnglish = require(path.join(assets, "stemmer-en.js"));

/** Runs `metodbank` with `args`, feeding `input` on stdin; returns stdout. */
function metodbank(args, input) {
  return execFileSync(binary, args, { input, maxBuffer: 1 << 30, encoding: "utf8" });
}

/** libstemmer's stems of `words` (through `metodbank stem --algorithm`). */
function libstemmer(algorithm, words) {
  const out = metodbank(["stem", "--algorithm", algorithm], words.join("\n") + "\n");
  return out.split("\n").slice(0, words.length);
}

const built = new Map();
/** Builds the bank at `source` (once per process) and returns the output folder. */
function buildSite(source) {
  if (!built.has(source)) {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "metodbank-js-"));
    metodbank(["build", "--quiet", "--source", source, "--output", path.join(out, "site")]);
    process.on("exit", () => fs.rmSync(out, { recursive: true, force: true }));
    built.set(source, path.join(out, "site"));
  }
  return built.get(source);
}

/** An engine reading the site's search/ folder; `loaded` lists the files it read. */
function engineFor(site) {
  const loaded = [];
  const engine = new core.Engine(core.fileLoader(path.join(site, "search"), (file, bytes) => loaded.push({ file, bytes })));
  engine.loaded = loaded;
  return engine;
}

/** Every .md file under `folder`. */
function markdownFiles(folder) {
  const files = [];
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) files.push(...markdownFiles(full));
    else if (entry.name.endsWith(".md")) files.push(full);
  }
  return files.sort();
}

/** A deterministic pseudo-random generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

module.exports = { repo, assets, binary, core, stemRussian, stemEnglish, metodbank, libstemmer, buildSite, engineFor, markdownFiles, random };
