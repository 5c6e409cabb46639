/* metodbank search: the query side of the index written by the build (Sources/MetodSearch).
 *
 * No fetch, modules, workers or WebAssembly: the site must search when opened from disk
 * (file://). The index is a set of classic scripts that call metodbankSearch.receive(name, data):
 *   search/meta.js      first file: document facets, the first term of each shard, stop words,
 *                       abbreviations
 *   search/t/N.js       a shard of terms with their postings (document, impact)
 *   search/p/N.js       positions of a few terms (the shard says which part), only for
 *                       "quoted phrases"
 *   search/d/K/N.js     one document: link, title, summary and text for snippets
 *
 * The tokenizer and term rules mirror TextScanner.swift and TermMaker.swift exactly.
 * Classic script in the browser (window.metodbankSearch), CommonJS module in node. */
(function (root) {
  "use strict";

  var stemRussian = typeof module !== "undefined" && module.exports ? require("./stemmer-ru.js") : root.metodbankStemRussian;
  var stemEnglish = typeof module !== "undefined" && module.exports ? require("./stemmer-en.js") : root.metodbankStemEnglish;

  /* ---------- Tokenizer (TextScanner.swift) ---------- */

  var WORD_CHAR = null;
  var DIGIT_CHAR = null;
  try {
    WORD_CHAR = new RegExp("[\\p{L}\\p{Nd}\\p{M}]", "u");
    DIGIT_CHAR = new RegExp("\\p{Nd}", "u");
  } catch (e) {
    // Browsers without Unicode property escapes: letters outside ASCII and Russian count as
    // word characters when they change case; digits are ASCII only.
    WORD_CHAR = { test: function (ch) { return ch.toLowerCase() !== ch.toUpperCase(); } };
    DIGIT_CHAR = { test: function () { return false; } };
  }

  function isWordChar(cp, ch) {
    if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39)) return true;
    if ((cp >= 0x410 && cp <= 0x44f) || cp === 0x401 || cp === 0x451) return true;
    if (cp < 0x80) return false;
    return WORD_CHAR.test(ch);
  }

  function isHyphen(cp) {
    return cp === 0x2d || cp === 0x2010 || cp === 0x2011 || cp === 0x2013;
  }

  function normalizePart(part) {
    var lower = part.toLowerCase();
    return lower.indexOf("ё") < 0 ? lower : lower.replace(/ё/g, "е");
  }

  function nfc(text) {
    return typeof text.normalize === "function" ? text.normalize("NFC") : text;
  }

  /* Words of `text`: [{parts: [normalised parts], start, end}], offsets in nfc(text).
   * With `worth(twoLetters)`, only words with a part whose first two normalised letters pass
   * are returned (snippets skip the other words without lower-casing them). */
  function scanWords(text, worth) {
    text = nfc(text);
    var words = [];
    var ranges = []; // start, end, dirty for each part of the current word
    var wordWorth = !worth;
    var partStart = -1;
    var partDirty = false; // the part contains deleted characters (stress marks, soft hyphens)
    var pendingHyphen = false;
    var end = -1;
    function part(k) {
      var value = text.substring(ranges[k], ranges[k + 1]);
      if (ranges[k + 2]) value = value.replace(/[\u0301\u00ad]/g, "");
      return normalizePart(value);
    }
    function finishPart() {
      ranges.push(partStart, end, partDirty);
      if (!wordWorth) wordWorth = worth(partDirty ? part(ranges.length - 3).substring(0, 2) : normalizePart(text.substr(partStart, Math.min(2, end - partStart))));
      partStart = -1;
      partDirty = false;
    }
    function flush() {
      if (partStart < 0) return;
      finishPart();
      if (wordWorth) {
        var parts = [];
        for (var k = 0; k < ranges.length; k += 3) parts.push(part(k));
        words.push({ parts: parts, start: ranges[0], end: end });
      }
      ranges = [];
      wordWorth = !worth;
    }
    for (var i = 0; i < text.length;) {
      var c = text.charCodeAt(i);
      var size = 1;
      var word;
      if (c < 0x80) {
        word = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
      } else if ((c >= 0x410 && c <= 0x44f) || c === 0x401 || c === 0x451) {
        word = true;
      } else if (c === 0x301 || c === 0xad) {
        if (partStart >= 0) partDirty = true;
        i++;
        continue;
      } else {
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) size = 2;
        word = WORD_CHAR.test(text.substr(i, size));
      }
      if (word) {
        if (pendingHyphen) {
          finishPart();
          pendingHyphen = false;
        }
        if (partStart < 0) partStart = i;
        end = i + size;
      } else if (isHyphen(c) && partStart >= 0 && !pendingHyphen) {
        pendingHyphen = true;
      } else {
        pendingHyphen = false;
        flush();
      }
      i += size;
    }
    flush();
    return words;
  }

  /* ---------- Terms (TermMaker.swift) ---------- */

  function partKind(part) {
    var count = 0, digits = 0, cyrillic = false, latin = true;
    for (var i = 0; i < part.length; i++) {
      var cp = part.charCodeAt(i);
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < part.length) {
        cp = part.codePointAt(i);
        i++;
      }
      count++;
      if (cp >= 0x30 && cp <= 0x39) {
        digits++;
        latin = false;
      } else if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0xdf && cp <= 0xf6) || (cp >= 0xf8 && cp <= 0x24f) || (cp >= 0x1e00 && cp <= 0x1eff)) {
        // Latin letter
      } else if (cp >= 0x400 && cp <= 0x52f) {
        cyrillic = true;
        latin = false;
      } else {
        latin = false;
        if (DIGIT_CHAR.test(String.fromCodePoint ? String.fromCodePoint(cp) : String.fromCharCode(cp))) digits++;
      }
    }
    if (count < 2) return "short";
    if (digits === count) return "number";
    if (digits > 0) return "mixed";
    if (cyrillic) return "cyrillic";
    if (latin) return "latin";
    return "other";
  }

  /* rules: {stopWords: Set-like object, abbreviations: Set-like object} */
  function termOf(part, rules) {
    var kind = partKind(part);
    if (kind === "short") return null;
    if (kind === "number") return part;
    if (rules.abbreviations[part] === true) return part;
    if (rules.stopWords[part] === true) return null;
    if (kind === "cyrillic") return stemRussian(part);
    if (kind === "latin") return stemEnglish(part);
    return part;
  }

  /* Terms of a scanned word: {parts: [term or null], whole: term or null}. */
  function wordTerms(word, rules) {
    var parts = word.parts.map(function (p) { return termOf(p, rules); });
    var kept = parts.filter(function (t) { return t !== null; });
    return { parts: parts, whole: parts.length > 1 && kept.length >= 2 ? kept.join("-") : null };
  }

  /* Every term of `text`, as `metodbank stem` prints them. */
  function terms(text, rules) {
    var out = [];
    scanWords(text).forEach(function (word) {
      var t = wordTerms(word, rules);
      if (t.whole !== null) out.push(t.whole);
      t.parts.forEach(function (p) { if (p !== null) out.push(p); });
    });
    return out;
  }

  function makeRules(stopWords, abbreviations) {
    var rules = { stopWords: Object.create(null), abbreviations: Object.create(null) };
    stopWords.forEach(function (w) { rules.stopWords[w] = true; });
    abbreviations.forEach(function (w) { rules.abbreviations[w] = true; });
    return rules;
  }

  /* ---------- Query ---------- */

  var FAMILY_MIN_STEM = 8;
  var FAMILY_PREFIX = 6;

  /* A query becomes items, each one word to look for:
   *   {exact: term or null, prefixes: [strings], required: bool, phrase: index or -1}
   * - a word gives its term; the last word, while it is being typed (no space after it),
   *   also matches every term that starts with what was typed or with its stem;
   * - a compound gives its parts (each required) and its whole term (optional, a bonus);
   * - "quoted words" (or «…») must stand together, in this order;
   * - stop words are dropped, unless the last word is being typed. */
  function parseQuery(query, rules) {
    var items = [];
    var phrases = [];
    var text = query || "";
    var segments = [];
    var re = /"([^"]*)"|«([^»]*)»/g;
    var last = 0;
    var m;
    while ((m = re.exec(text)) !== null) {
      segments.push({ text: text.substring(last, m.index), phrase: false });
      segments.push({ text: m[1] !== undefined ? m[1] : m[2], phrase: true });
      last = re.lastIndex;
    }
    segments.push({ text: text.substring(last), phrase: false });
    var tail = segments[segments.length - 1].text;
    var typing = tail.length > 0 && isWordChar(tail.codePointAt ? tail.codePointAt(tail.length - 1) : tail.charCodeAt(tail.length - 1), tail.charAt(tail.length - 1));
    if (typing && tail.length >= 2) {
      var lastCp = tail.charCodeAt(tail.length - 1);
      if (lastCp >= 0xdc00 && lastCp <= 0xdfff) typing = isWordChar(tail.codePointAt(tail.length - 2), tail.substr(tail.length - 2));
    }
    segments.forEach(function (segment, s) {
      var words = scanWords(segment.text);
      if (segment.phrase) {
        var phraseTerms = [];
        words.forEach(function (word) {
          wordTerms(word, rules).parts.forEach(function (t) { if (t !== null) phraseTerms.push(t); });
        });
        if (phraseTerms.length === 1) {
          items.push({ exact: phraseTerms[0], prefixes: [], required: true, phrase: -1, source: segment.text });
        } else if (phraseTerms.length > 1) {
          var index = phrases.length;
          phrases.push({ terms: phraseTerms, text: segment.text });
          phraseTerms.forEach(function (t) {
            items.push({ exact: t, prefixes: [], required: true, phrase: index, source: segment.text });
          });
        }
        return;
      }
      words.forEach(function (word, w) {
        var inProgress = typing && s === segments.length - 1 && w === words.length - 1;
        var t = wordTerms(word, rules);
        word.parts.forEach(function (part, p) {
          var term = t.parts[p];
          var lastPart = inProgress && p === word.parts.length - 1;
          if (lastPart) {
            var prefixes = [];
            if (partKind(part) !== "short") prefixes.push(part);
            if (term !== null && term !== part && term.length >= 2) prefixes.push(term);
            if (term === null && prefixes.length === 0) return;
            items.push({ exact: term, prefixes: prefixes, required: term !== null, phrase: -1, source: part });
          } else if (term !== null) {
            items.push({ exact: term, prefixes: [], required: true, phrase: -1, source: part });
          }
        });
        if (t.whole !== null) {
          items.push({ exact: t.whole, prefixes: [], required: false, phrase: -1, source: word.parts.join("-") });
        }
      });
    });
    // Word families: a long Russian stem also matches, as a bonus that does not count as the
    // word, the terms that share its first six letters («наставник» finds «наставничество»,
    // «педагогический» finds «педагог»).
    items.slice().forEach(function (item) {
      if (!item.required || item.exact === null || item.phrase >= 0) return;
      if (item.exact.length < FAMILY_MIN_STEM || rules.abbreviations[item.exact] === true) return;
      if (partKind(item.exact) !== "cyrillic") return;
      items.push({ exact: null, prefixes: [item.exact.substring(0, FAMILY_PREFIX)], required: false, phrase: -1, family: true, source: item.source });
    });
    // The same word twice counts once.
    var seen = Object.create(null);
    items = items.filter(function (item) {
      var key = item.exact + "|" + item.prefixes.join(",") + "|" + item.phrase;
      if (seen[key]) return false;
      seen[key] = true;
      return true;
    });
    return { items: items, phrases: phrases };
  }

  /* ---------- Index data ---------- */

  var VLQ_VALUES = (function () {
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    var table = new Int8Array(128);
    for (var i = 0; i < alphabet.length; i++) table[alphabet.charCodeAt(i)] = i;
    return table;
  })();

  /* Score of each impact level (the build quantises its scores on a log scale). */
  var IMPACT = (function () {
    var table = new Float64Array(64);
    for (var q = 1; q < 64; q++) table[q] = Math.pow(1001, (q - 0.5) / 62) - 1;
    return table;
  })();

  // Reads one variable-length number starting at cursor.at and moves the cursor past it.
  function readNumber(text, cursor) {
    var value = 0, shift = 0, digit;
    do {
      digit = VLQ_VALUES[text.charCodeAt(cursor.at++)];
      value += (digit & 31) * Math.pow(2, shift);
      shift += 5;
    } while (digit & 32);
    return value;
  }

  function decodePostings(text) {
    var docs = [];
    var impacts = [];
    var doc = 0;
    var cursor = { at: 0 };
    while (cursor.at < text.length) {
      doc += readNumber(text, cursor);
      docs.push(doc);
      impacts.push(VLQ_VALUES[text.charCodeAt(cursor.at++)]);
    }
    return { docs: new Int32Array(docs), impacts: new Uint8Array(impacts) };
  }

  function decodeNumbers(text) {
    var out = [];
    var cursor = { at: 0 };
    while (cursor.at < text.length) out.push(readNumber(text, cursor));
    return out;
  }

  function decodeDigits(text) {
    var out = new Array(text.length);
    for (var i = 0; i < text.length; i++) out[i] = VLQ_VALUES[text.charCodeAt(i)];
    return out;
  }

  /* Positions per posting: [[p, p, …], …] in the order of the term's documents. */
  function decodePositions(text) {
    var numbers = decodeNumbers(text);
    var lists = [];
    var i = 0;
    while (i < numbers.length) {
      var count = numbers[i++];
      var list = new Array(count);
      var at = 0;
      for (var k = 0; k < count; k++) {
        at += numbers[i++];
        list[k] = at;
      }
      lists.push(list);
    }
    return lists;
  }

  /* ---------- Engine ---------- */

  var PREFIX_SHARD_LIMIT = 4;
  var PREFIX_TERM_LIMIT = 60;
  var PREFIX_WEIGHT = 0.8;
  var FAMILY_WEIGHT = 0.5;
  var PHRASE_BONUS = 1.5;

  /* load(path, name) returns a Promise of the data the file hands to receive(name, data). */
  function Engine(load) {
    this.load = load;
    this.files = Object.create(null);
    this.termCache = Object.create(null);
    this.meta = null;
    this.ready = null;
  }

  Engine.prototype.file = function (name) {
    var self = this;
    if (!this.files[name]) {
      var path;
      if (name === "meta") {
        path = "meta.js";
      } else if (name.charAt(0) === "d") {
        var n = Number(name.substring(1));
        path = "d/" + Math.floor(n / (this.meta ? this.meta.fragmentsPerFolder : 1000)) + "/" + n + ".js";
      } else {
        path = name.charAt(0) + "/" + name.substring(1) + ".js";
      }
      this.files[name] = this.load(path, name).then(null, function (error) {
        delete self.files[name];
        throw error;
      });
    }
    return this.files[name];
  };

  /* Loads and decodes the first file once. */
  Engine.prototype.open = function () {
    var self = this;
    if (!this.ready) {
      this.ready = this.file("meta").then(function (meta) {
        self.meta = meta;
        self.rules = makeRules(meta.stopWords, meta.abbreviations);
        var count = meta.count;
        var types = new Uint8Array(count);
        var runs = decodeNumbers(meta.docTypes);
        for (var r = 0, at = 0; r < runs.length; r += 2) {
          for (var k = 0; k < runs[r + 1]; k++) types[at++] = runs[r];
        }
        var facets = meta.docFacets.map(function (column) {
          var numbers = column[0] === "d" ? decodeDigits(column[1]) : decodeNumbers(column[1]);
          var starts = new Int32Array(count + 1);
          var values = [];
          for (var d = 0, i = 0; d < count; d++) {
            var n = numbers[i++];
            starts[d] = values.length;
            while (n-- > 0) values.push(numbers[i++]);
          }
          starts[count] = values.length;
          return { starts: starts, values: values };
        });
        self.docTypes = types;
        self.docFacets = facets;
        self.typeIndex = Object.create(null);
        meta.types.forEach(function (type, t) { self.typeIndex[type[0]] = t; });
        return self;
      });
    }
    return this.ready;
  };

  /* Index of the shard that holds `term` (the last whose first term is <= term). */
  Engine.prototype.shardOf = function (term) {
    var firsts = this.meta.shards;
    var lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= term) lo = mid; else hi = mid - 1;
    }
    return lo;
  };

  Engine.prototype.shardsFor = function (item) {
    var needed = [];
    if (this.meta.shards.length === 0) return needed;
    if (item.exact !== null) needed.push(this.shardOf(item.exact));
    for (var i = 0; i < item.prefixes.length; i++) {
      var p = item.prefixes[i];
      var first = this.shardOf(p);
      var last = Math.min(this.shardOf(p + "\uffff"), first + PREFIX_SHARD_LIMIT - 1);
      for (var s = first; s <= last; s++) needed.push(s);
    }
    return needed;
  };

  Engine.prototype.postings = function (shard, index, term) {
    var cached = this.termCache[term];
    if (!cached) {
      cached = decodePostings(shard.postings[index]);
      cached.shard = shard;
      cached.index = index;
      this.termCache[term] = cached;
    }
    return cached;
  };

  /* The terms an item matches, with weights: [{term, list, weight}]. */
  Engine.prototype.expand = function (item, shards) {
    var out = [];
    var seen = Object.create(null);
    var self = this;
    if (item.exact !== null) {
      var s = shards[this.shardOf(item.exact)];
      var at = s ? binarySearch(s.terms, item.exact) : -1;
      if (at >= 0) {
        out.push({ term: item.exact, list: this.postings(s, at, item.exact), weight: 1 });
        seen[item.exact] = true;
      }
    }
    var expansions = [];
    item.prefixes.forEach(function (prefix) {
      var first = self.shardOf(prefix);
      var last = Math.min(self.shardOf(prefix + "\uffff"), first + PREFIX_SHARD_LIMIT - 1);
      for (var n = first; n <= last; n++) {
        var shard = shards[n];
        if (!shard) continue;
        var k = lowerBound(shard.terms, prefix);
        for (; k < shard.terms.length && shard.terms[k].lastIndexOf(prefix, 0) === 0; k++) {
          var term = shard.terms[k];
          if (!seen[term]) {
            seen[term] = true;
            expansions.push({ term: term, shard: shard, index: k });
          }
        }
      }
    });
    // Closest completions first: the shorter, the nearer to what was typed.
    expansions.sort(function (a, b) { return a.term.length - b.term.length || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0); });
    expansions.slice(0, PREFIX_TERM_LIMIT).forEach(function (e) {
      out.push({ term: e.term, list: self.postings(e.shard, e.index, e.term), weight: item.family ? FAMILY_WEIGHT : PREFIX_WEIGHT });
    });
    return out;
  };

  function binarySearch(list, value) {
    var k = lowerBound(list, value);
    return k < list.length && list[k] === value ? k : -1;
  }

  function lowerBound(list, value) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (list[mid] < value) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  /* Runs a query. request: {q: string, filters: {type: [keys], deficit: [keys], …}}.
   * Resolves to {query, items, total, complete, results: [doc], facets, phraseFailed}. */
  Engine.prototype.search = function (request) {
    var self = this;
    return this.open().then(function () {
      var parsed = parseQuery(request.q || "", self.rules);
      var shardNumbers = [];
      parsed.items.forEach(function (item) {
        self.shardsFor(item).forEach(function (n) { if (shardNumbers.indexOf(n) < 0) shardNumbers.push(n); });
      });
      shardNumbers.sort(function (a, b) { return a - b; });
      return Promise.all(shardNumbers.map(function (n) { return self.file("t" + n); })).then(function (data) {
        var shards = Object.create(null);
        shardNumbers.forEach(function (n, i) { shards[n] = data[i]; });
        // Quoted phrases need the positions of their words: the term shards say where they are.
        var parts = [];
        parsed.phrases.forEach(function (phrase) {
          phrase.terms.forEach(function (term) {
            var shard = shards[self.shardOf(term)];
            var at = shard ? binarySearch(shard.terms, term) : -1;
            if (at >= 0 && parts.indexOf(shard.positionParts[at]) < 0) parts.push(shard.positionParts[at]);
          });
        });
        return Promise.all(parts.map(function (k) { return self.file("p" + k); })).then(function (loaded) {
          var positionParts = Object.create(null);
          parts.forEach(function (k, i) { positionParts[k] = loaded[i]; });
          return self.rank(request, parsed, shards, positionParts);
        });
      });
    });
  };

  Engine.prototype.rank = function (request, parsed, shards, positionParts) {
    var count = this.meta.count;
    var items = parsed.items;
    var scores = new Float64Array(count);
    var matched = new Uint8Array(count);
    var best = new Float64Array(count);
    var required = 0;
    var self = this;
    var expanded = items.map(function (item) { return self.expand(item, shards); });

    // Per item, each document's best match over the item's terms; summed over items.
    var touched = new Int32Array(count);
    for (var i = 0; i < items.length; i++) {
      var item = items[i];
      if (item.required) required++;
      var touchedCount = 0;
      for (var e = 0; e < expanded[i].length; e++) {
        var entry = expanded[i][e];
        var docs = entry.list.docs, impacts = entry.list.impacts, weight = entry.weight;
        for (var k = 0; k < docs.length; k++) {
          var doc = docs[k];
          var v = IMPACT[impacts[k]] * weight;
          if (best[doc] === 0) touched[touchedCount++] = doc;
          if (v > best[doc]) best[doc] = v;
        }
      }
      for (var t = 0; t < touchedCount; t++) {
        var td = touched[t];
        scores[td] += best[td];
        if (item.required) matched[td]++;
        best[td] = 0;
      }
    }

    // Quoted phrases: the words must stand together; documents without the phrase drop out.
    var phraseFailed = false;
    var phraseOK = null;
    if (parsed.phrases.length > 0) {
      phraseOK = new Uint8Array(count);
      phraseOK.fill(1);
      parsed.phrases.forEach(function (phrase) {
        var ok = self.phraseDocuments(phrase, shards, positionParts);
        for (var d = 0; d < count; d++) {
          if (!ok[d]) phraseOK[d] = 0; else scores[d] += PHRASE_BONUS * phrase.terms.length;
        }
      });
    }

    // No query at all lists every document (the filters narrow it); a query made only of
    // stop words finds nothing.
    var browsing = items.length === 0 && scanWords(request.q || "").length === 0;
    var candidates = [];
    for (var d = 0; d < count; d++) {
      if (browsing ? true : scores[d] > 0 && (!phraseOK || phraseOK[d])) candidates.push(d);
    }
    if (!browsing && phraseOK && candidates.length === 0) phraseFailed = true;

    var filters = normalizeFilters(request.filters || {}, this.meta);
    var facets = this.countFacets(candidates, filters);
    var results = filters.any ? candidates.filter(function (d) { return self.passes(d, filters, null); }) : candidates;
    if (!browsing) results = order(results, matched, scores);
    var complete = 0;
    for (var r = 0; r < results.length; r++) if (matched[results[r]] === required) complete++;
    return {
      query: request.q || "",
      items: items,
      phrases: parsed.phrases,
      required: required,
      total: results.length,
      complete: browsing ? results.length : complete,
      unfiltered: candidates.length,
      results: results,
      facets: facets,
      phraseFailed: phraseFailed,
      browsing: browsing,
      onlyStopWords: items.length === 0 && !browsing
    };
  };

  /* Results by words matched (more first), then score (higher first), then document number.
   * A numeric sort of packed keys: much faster than a comparator on ten thousand results. */
  function order(results, matched, scores) {
    var SHIFT = 16777216; // 2^24 documents at most; scores × 1000 below 2^29
    var groups = [];
    for (var i = 0; i < results.length; i++) {
      var m = matched[results[i]];
      (groups[m] = groups[m] || []).push(results[i]);
    }
    var out = [];
    for (var g = groups.length - 1; g >= 0; g--) {
      var group = groups[g];
      if (!group) continue;
      var keys = new Float64Array(group.length);
      for (var k = 0; k < group.length; k++) {
        var d = group[k];
        keys[k] = Math.min(Math.round(scores[d] * 1000), 536870911) * SHIFT + (SHIFT - 1 - d);
      }
      keys.sort();
      for (var j = keys.length - 1; j >= 0; j--) out.push(SHIFT - 1 - (keys[j] % SHIFT));
    }
    return out;
  }

  /* Documents where the phrase's terms stand at consecutive positions. */
  Engine.prototype.phraseDocuments = function (phrase, shards, positionParts) {
    var count = this.meta.count;
    var ok = new Uint8Array(count);
    var self = this;
    var lists = phrase.terms.map(function (term) {
      var shard = shards[self.shardOf(term)];
      var at = shard ? binarySearch(shard.terms, term) : -1;
      if (at < 0) return null;
      var key = "positions:" + term;
      var positions = self.termCache[key];
      if (!positions) {
        var part = positionParts[shard.positionParts[at]];
        positions = decodePositions(part.positions[binarySearch(part.terms, term)]);
        self.termCache[key] = positions;
      }
      var postings = self.postings(shard, at, term);
      var byDoc = Object.create(null);
      for (var k = 0; k < postings.docs.length; k++) byDoc[postings.docs[k]] = positions[k];
      return byDoc;
    });
    if (lists.some(function (l) { return l === null; })) return ok;
    Object.keys(lists[0]).forEach(function (key) {
      var starts = lists[0][key];
      for (var s = 0; s < starts.length; s++) {
        var p = starts[s];
        var all = true;
        for (var t = 1; t < lists.length && all; t++) {
          var list = lists[t][key];
          all = !!list && list.indexOf(p + t) >= 0;
        }
        if (all) { ok[Number(key)] = 1; return; }
      }
    });
    return ok;
  };

  /* Filters as sets of value indexes per facet; type is facet -1. */
  function normalizeFilters(filters, meta) {
    var out = { type: null, facets: [], any: false };
    var types = [].concat(filters.type || []);
    if (types.length > 0) {
      out.type = Object.create(null);
      out.any = true;
      meta.types.forEach(function (type, t) { if (types.indexOf(type[0]) >= 0) out.type[t] = true; });
    }
    meta.facets.forEach(function (facet, f) {
      var wanted = [].concat(filters[facet.name] || []);
      if (wanted.length === 0) { out.facets[f] = null; return; }
      var set = Object.create(null);
      facet.values.forEach(function (value, v) { if (wanted.indexOf(value[0]) >= 0) set[v] = true; });
      out.facets[f] = set;
      out.any = true;
    });
    return out;
  }

  /* Whether a document passes every filter but `skip` ("type" or a facet index). */
  Engine.prototype.passes = function (d, filters, skip) {
    if (skip !== "type" && filters.type && !filters.type[this.docTypes[d]]) return false;
    for (var f = 0; f < filters.facets.length; f++) {
      var set = filters.facets[f];
      if (!set || skip === f) continue;
      var facet = this.docFacets[f];
      var found = false;
      for (var k = facet.starts[d]; k < facet.starts[d + 1]; k++) if (set[facet.values[k]]) { found = true; break; }
      if (!found) return false;
    }
    return true;
  };

  /* Counts per facet value over the candidates, each facet under the other facets' filters
   * (so choosing a deficit still shows how many results the other deficits would give). */
  Engine.prototype.countFacets = function (candidates, filters) {
    var self = this;
    var meta = this.meta;
    var types = this.docTypes;
    var typeCounts = new Int32Array(meta.types.length);
    var c, d, k;
    for (c = 0; c < candidates.length; c++) {
      d = candidates[c];
      if (!filters.any || this.passes(d, filters, "type")) typeCounts[types[d]]++;
    }
    var groups = [{
      name: "type",
      label: "Тип материала",
      values: meta.types.map(function (type, t) {
        return { key: type[0], label: type[1], count: typeCounts[t], selected: !!(filters.type && filters.type[t]) };
      })
    }];
    meta.facets.forEach(function (facet, f) {
      var counts = new Int32Array(facet.values.length);
      var data = self.docFacets[f];
      var starts = data.starts, values = data.values;
      for (c = 0; c < candidates.length; c++) {
        d = candidates[c];
        if (filters.any && !self.passes(d, filters, f)) continue;
        for (k = starts[d]; k < starts[d + 1]; k++) counts[values[k]]++;
      }
      groups.push({
        name: facet.name,
        label: facet.label,
        values: facet.values.map(function (value, v) {
          return { key: value[0], label: value[1], count: counts[v], selected: !!(filters.facets[f] && filters.facets[f][v]) };
        })
      });
    });
    return groups;
  };

  /* Titles, links and snippets of results[from ..< from + size]. */
  Engine.prototype.page = function (result, from, size) {
    var self = this;
    var docs = result.results.slice(from, from + size);
    return Promise.all(docs.map(function (d) { return self.file("d" + d); })).then(function (fragments) {
      var matcher = makeMatcher(result.items, self.rules);
      return fragments.map(function (fragment, i) {
        return {
          doc: docs[i],
          url: fragment.u,
          title: fragment.t,
          type: self.meta.types[fragment.y] ? self.meta.types[fragment.y][1] : "",
          titleParts: highlight(fragment.t, matcher),
          snippet: snippet([fragment.s, fragment.x, fragment.d], matcher)
        };
      });
    });
  };

  /* ---------- Snippets ---------- */

  /* Decides whether a word of a text is one the query looks for. */
  function makeMatcher(items, rules) {
    var exact = Object.create(null);
    var prefixes = [];
    var keys = Object.create(null);
    items.forEach(function (item) {
      if (item.exact !== null) { exact[item.exact] = true; keys[item.exact.substring(0, 2)] = true; }
      item.prefixes.forEach(function (p) { prefixes.push(p); keys[p.substring(0, 2)] = true; });
    });
    var cache = new Map();
    function matchesTerm(term) {
      if (exact[term]) return term;
      for (var i = 0; i < prefixes.length; i++) if (term.lastIndexOf(prefixes[i], 0) === 0) return prefixes[i];
      return null;
    }
    return {
      empty: items.length === 0,
      /* Terms start like the words they come from: a word whose parts start otherwise than
       * every term and prefix of the query cannot match, and is skipped unstemmed. */
      worth: function (twoLetters) { return keys[twoLetters] === true || keys[twoLetters.charAt(0)] === true; },
      /* The item key a word matches, or null. */
      match: function (word) {
        var key = word.parts.length === 1 ? word.parts[0] : word.parts.join("-");
        var found = cache.get(key);
        if (found !== undefined) return found;
        found = null;
        for (var i = 0; i < prefixes.length && !found; i++) {
          for (var p = 0; p < word.parts.length; p++) {
            if (word.parts[p].lastIndexOf(prefixes[i], 0) === 0) { found = prefixes[i]; break; }
          }
        }
        if (!found) {
          var t = wordTerms(word, rules);
          if (t.whole !== null) found = matchesTerm(t.whole);
          for (var k = 0; k < t.parts.length && !found; k++) if (t.parts[k] !== null) found = matchesTerm(t.parts[k]);
        }
        cache.set(key, found);
        return found;
      }
    };
  }

  /* Text cut into [{text, mark}] pieces, the matched words marked. */
  function highlight(text, matcher, from, to) {
    text = nfc(text || "");
    from = from || 0;
    to = to === undefined ? text.length : to;
    var pieces = [];
    var at = from;
    if (!matcher.empty) {
      scanWords(text.substring(from, to), matcher.worth).forEach(function (word) {
        if (matcher.match(word) === null) return;
        var start = from + word.start, end = from + word.end;
        if (start > at) pieces.push({ text: text.substring(at, start), mark: false });
        pieces.push({ text: text.substring(start, end), mark: true });
        at = end;
      });
    }
    if (to > at) pieces.push({ text: text.substring(at, to), mark: false });
    return pieces;
  }

  var SNIPPET_LENGTH = 180;

  /* The passage of the texts with the most different matched words (the earliest on a tie). */
  function snippet(texts, matcher) {
    var bestText = null, bestStart = 0, bestScore = 0;
    texts.forEach(function (raw) {
      if (!raw || matcher.empty) return;
      var text = nfc(raw).replace(/\s+$/, "");
      var hits = [];
      scanWords(text, matcher.worth).forEach(function (word) {
        var key = matcher.match(word);
        if (key !== null) hits.push({ start: word.start, end: word.end, key: key });
      });
      for (var i = 0; i < hits.length; i++) {
        var distinct = Object.create(null);
        var n = 0;
        for (var j = i; j < hits.length && hits[j].end - hits[i].start <= SNIPPET_LENGTH; j++) {
          if (!distinct[hits[j].key]) { distinct[hits[j].key] = true; n++; }
        }
        if (n > bestScore) { bestScore = n; bestText = text; bestStart = hits[i].start; }
      }
    });
    if (bestText === null) {
      var fallback = nfc(texts[0] || texts[1] || "").replace(/\s+$/, "");
      return cut(fallback, 0, matcher);
    }
    // Start a little before the first match, at a word boundary.
    var start = Math.max(0, bestStart - 40);
    if (start > 0) {
      var space = bestText.indexOf(" ", start);
      if (space >= 0 && space < bestStart) start = space + 1;
    }
    return cut(bestText, start, matcher);
  }

  function cut(text, start, matcher) {
    var end = Math.min(text.length, start + SNIPPET_LENGTH);
    if (end < text.length) {
      var space = text.lastIndexOf(" ", end);
      if (space > start + SNIPPET_LENGTH / 2) end = space;
    }
    var pieces = highlight(text.replace(/\s+/g, " "), matcher, start, end);
    if (start > 0) pieces.unshift({ text: "… ", mark: false });
    if (end < text.length) pieces.push({ text: " …", mark: false });
    return pieces;
  }

  /* ---------- Loading ---------- */

  /* Browser: classic <script> elements (the only way to read local files from file://).
   * Each file calls metodbankSearch.receive(name, data) as it runs. */
  var waiting = Object.create(null);
  function receive(name, data) {
    var callbacks = waiting[name];
    delete waiting[name];
    if (callbacks) callbacks.forEach(function (callback) { callback(data); });
  }

  function scriptLoader(base) {
    return function (path, name) {
      return new Promise(function (resolve, reject) {
        (waiting[name] = waiting[name] || []).push(resolve);
        var script = document.createElement("script");
        script.src = base + path;
        script.async = true;
        script.onerror = function () {
          delete waiting[name];
          reject(new Error("не удалось загрузить " + base + path));
        };
        script.onload = function () { script.remove(); };
        document.head.appendChild(script);
      });
    };
  }

  /* Node: reads the files from a site's search/ folder; onLoad(path, bytes) sees each one. */
  function fileLoader(folder, onLoad) {
    var fs = require("fs");
    var pathModule = require("path");
    return function (path, name) {
      return new Promise(function (resolve, reject) {
        var file = pathModule.join(folder, path);
        var source;
        try {
          source = fs.readFileSync(file, "utf8");
        } catch (error) {
          reject(error);
          return;
        }
        if (onLoad) onLoad(path, Buffer.byteLength(source), source);
        var data;
        /* eslint-disable-next-line no-new-func */
        new Function("metodbankSearch", source)({ receive: function (got, value) { if (got === name) data = value; } });
        if (data === undefined) reject(new Error(file + " did not hand over " + name)); else resolve(data);
      });
    };
  }

  var api = {
    fileLoader: fileLoader,
    receive: receive,
    scriptLoader: scriptLoader,
    Engine: Engine,
    scanWords: scanWords,
    termOf: termOf,
    terms: terms,
    makeRules: makeRules,
    parseQuery: parseQuery,
    highlight: highlight,
    makeMatcher: makeMatcher,
    decodePostings: decodePostings,
    decodePositions: decodePositions
  };

  if (typeof module !== "undefined" && module.exports) {
    module.exports = api;
  } else {
    var existing = root.metodbankSearch;
    root.metodbankSearch = api;
    // Files that arrived before this script (none should) are handed over.
    if (existing && existing.queue) existing.queue.forEach(function (args) { receive(args[0], args[1]); });
  }
})(this);
