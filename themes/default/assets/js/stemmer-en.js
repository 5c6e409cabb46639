/* Snowball's English ("Porter2") stemming algorithm, written by hand from its definition
 * (https://snowballstem.org/algorithms/english/stemmer.html, english.sbl as shipped in
 * libstemmer 2.2). Latin words of the bank are stemmed with it on both sides; a test checks it
 * against libstemmer (Tests/js/stemmer.test.js).
 *
 * Classic script for the browser (defines metodbankStemEnglish) and a CommonJS module for node.
 * Input: a lower-case word. */
(function (root) {
  "use strict";

  function isVowel(ch) {
    return ch === "a" || ch === "e" || ch === "i" || ch === "o" || ch === "u" || ch === "y";
  }
  function isVowelWXY(ch) {
    return isVowel(ch) || ch === "w" || ch === "x" || ch === "Y";
  }

  var EXCEPTIONS = {
    skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie",
    idly: "idl", gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl",
    sky: "sky", news: "news", howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias",
    andes: "andes"
  };
  var EXCEPTIONS_AFTER_1A = ["inning", "outing", "canning", "herring", "earring", "proceed",
    "exceed", "succeed"];

  function longest(w, list) {
    var best = "";
    for (var i = 0; i < list.length; i++) {
      var s = list[i];
      if (s.length > best.length && w.length >= s.length && w.substring(w.length - s.length) === s) best = s;
    }
    return best;
  }

  function stem(input) {
    if (Object.prototype.hasOwnProperty.call(EXCEPTIONS, input)) return EXCEPTIONS[input];
    if (input.length < 3) return input;

    // Prelude: drop a leading apostrophe; «y» that is initial or after a vowel becomes «Y».
    var w = input.charAt(0) === "'" ? input.substring(1) : input;
    var yFound = false;
    if (w.charAt(0) === "y") { w = "Y" + w.substring(1); yFound = true; }
    for (var k = 1; k < w.length; k++) {
      if (w.charAt(k) === "y" && isVowel(w.charAt(k - 1))) {
        w = w.substring(0, k) + "Y" + w.substring(k + 1);
        yFound = true;
      }
    }

    // Regions R1 and R2.
    var p1 = w.length, p2 = w.length;
    var i = 0;
    var special = /^(gener|commun|arsen)/.exec(w);
    var found = false;
    if (special) {
      i = special[0].length;
      found = true;
    } else {
      while (i < w.length && !isVowel(w.charAt(i))) i++;
      if (i < w.length) {
        i++;
        while (i < w.length && isVowel(w.charAt(i))) i++;
        if (i < w.length) { i++; found = true; }
      }
    }
    if (found) {
      p1 = i;
      while (i < w.length && !isVowel(w.charAt(i))) i++;
      if (i < w.length) {
        i++;
        while (i < w.length && isVowel(w.charAt(i))) i++;
        if (i < w.length) p2 = i + 1;
      }
    }

    function ends(s) { return w.length >= s.length && w.substring(w.length - s.length) === s; }
    function r1(start) { return start >= p1; }
    function r2(start) { return start >= p2; }
    function replaceEnd(n, s) { w = w.substring(0, w.length - n) + s; }
    function hasVowelBefore(end) {
      for (var j = 0; j < end; j++) if (isVowel(w.charAt(j))) return true;
      return false;
    }
    // A short syllable ending at `end`: (non-vowel)(vowel)(non-vowel other than w, x, Y),
    // or (vowel)(non-vowel) at the start of the word.
    function shortSyllable(end) {
      if (end >= 3 && !isVowelWXY(w.charAt(end - 1)) && isVowel(w.charAt(end - 2)) && !isVowel(w.charAt(end - 3))) return true;
      return end === 2 && !isVowel(w.charAt(1)) && isVowel(w.charAt(0));
    }

    // Step 0: apostrophes.
    var s0 = longest(w, ["'", "'s", "'s'"]);
    if (s0) replaceEnd(s0.length, "");

    // Step 1a.
    var s1a = longest(w, ["sses", "ied", "ies", "s", "us", "ss"]);
    if (s1a === "sses") {
      replaceEnd(4, "ss");
    } else if (s1a === "ied" || s1a === "ies") {
      replaceEnd(3, w.length - 3 >= 2 ? "i" : "ie");
    } else if (s1a === "s") {
      if (w.length >= 2 && hasVowelBefore(w.length - 2)) replaceEnd(1, "");
    }

    if (EXCEPTIONS_AFTER_1A.indexOf(w) >= 0) return postlude(w, yFound);

    // Step 1b.
    var s1b = longest(w, ["eed", "eedly", "ed", "edly", "ing", "ingly"]);
    if (s1b === "eed" || s1b === "eedly") {
      if (r1(w.length - s1b.length)) replaceEnd(s1b.length, "ee");
    } else if (s1b && hasVowelBefore(w.length - s1b.length)) {
      replaceEnd(s1b.length, "");
      if (ends("at") || ends("bl") || ends("iz")) {
        w += "e";
      } else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) {
        w = w.substring(0, w.length - 1);
      } else if (w.length === p1 && shortSyllable(w.length)) {
        w += "e";
      }
    }

    // Step 1c: «y» after a non-vowel that is not the first letter becomes «i».
    var last = w.charAt(w.length - 1);
    if ((last === "y" || last === "Y") && w.length >= 3 && !isVowel(w.charAt(w.length - 2))) {
      replaceEnd(1, "i");
    }

    // Step 2.
    var step2 = {
      tional: "tion", enci: "ence", anci: "ance", abli: "able", entli: "ent", izer: "ize",
      ization: "ize", ational: "ate", ation: "ate", ator: "ate", alism: "al", aliti: "al",
      alli: "al", fulness: "ful", ousli: "ous", ousness: "ous", iveness: "ive", iviti: "ive",
      biliti: "ble", bli: "ble", ogi: "og", fulli: "ful", lessli: "less", li: ""
    };
    var s2 = longest(w, Object.keys(step2));
    if (s2 && r1(w.length - s2.length)) {
      var before = w.charAt(w.length - s2.length - 1);
      if (s2 === "ogi") {
        if (before === "l") replaceEnd(3, "og");
      } else if (s2 === "li") {
        if (before && "cdeghkmnrt".indexOf(before) >= 0) replaceEnd(2, "");
      } else {
        replaceEnd(s2.length, step2[s2]);
      }
    }

    // Step 3.
    var step3 = {
      tional: "tion", ational: "ate", alize: "al", icate: "ic", iciti: "ic", ical: "ic",
      ful: "", ness: "", ative: ""
    };
    var s3 = longest(w, Object.keys(step3));
    if (s3 && r1(w.length - s3.length)) {
      if (s3 === "ative") {
        if (r2(w.length - 5)) replaceEnd(5, "");
      } else {
        replaceEnd(s3.length, step3[s3]);
      }
    }

    // Step 4.
    var s4 = longest(w, ["al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment",
      "ent", "ism", "ate", "iti", "ous", "ive", "ize", "ion"]);
    if (s4 && r2(w.length - s4.length)) {
      if (s4 === "ion") {
        var c = w.charAt(w.length - 4);
        if (c === "s" || c === "t") replaceEnd(3, "");
      } else {
        replaceEnd(s4.length, "");
      }
    }

    // Step 5.
    var s5 = w.charAt(w.length - 1);
    if (s5 === "e") {
      var start = w.length - 1;
      if (r2(start) || (r1(start) && !shortSyllable(start))) replaceEnd(1, "");
    } else if (s5 === "l") {
      if (r2(w.length - 1) && w.charAt(w.length - 2) === "l") replaceEnd(1, "");
    }

    return postlude(w, yFound);
  }

  function postlude(w, yFound) {
    return yFound ? w.replace(/Y/g, "y") : w;
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = stem;
  } else {
    root.metodbankStemEnglish = stem;
  }
})(this);
