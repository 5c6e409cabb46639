/* Snowball's Russian stemming algorithm, written by hand from its definition
 * (https://snowballstem.org/algorithms/russian/stemmer.html, russian.sbl of Snowball 2).
 * It must give exactly the stem libstemmer gives, which the site's build uses: a test feeds
 * both every word of the sample bank and a large generated list (Tests/js/stemmer.test.js).
 *
 * Classic script for the browser (defines metodbankStemRussian) and a CommonJS module for node.
 * Input: a lower-case word. */
(function (root) {
  "use strict";

  var VOWELS = "аеиоуыэюя";

  function isVowel(ch) {
    return VOWELS.indexOf(ch) >= 0;
  }

  /* Suffix lists of the algorithm. Lists whose first group needs a preceding «а» or «я» are
   * split in two: `withA` needs it, `plain` does not. */
  var PERFECTIVE_GERUND = {
    withA: ["в", "вши", "вшись"],
    plain: ["ив", "ивши", "ившись", "ыв", "ывши", "ывшись"]
  };
  var ADJECTIVE = ["ее", "ие", "ые", "ое", "ими", "ыми", "ей", "ий", "ый", "ой", "ем", "им", "ым",
    "ом", "его", "ого", "ему", "ому", "их", "ых", "ую", "юю", "ая", "яя", "ою", "ею"];
  var PARTICIPLE = {
    withA: ["ем", "нн", "вш", "ющ", "щ"],
    plain: ["ивш", "ывш", "ующ"]
  };
  var REFLEXIVE = ["ся", "сь"];
  var VERB = {
    withA: ["ла", "на", "ете", "йте", "ли", "й", "л", "ем", "н", "ло", "но", "ет", "ют", "ны",
      "ть", "ешь", "нно"],
    plain: ["ила", "ыла", "ена", "ейте", "уйте", "ите", "или", "ыли", "ей", "уй", "ил", "ыл",
      "им", "ым", "ен", "ило", "ыло", "ено", "ят", "ует", "уют", "ит", "ыт", "ены", "ить",
      "ыть", "ишь", "ую", "ю"]
  };
  var NOUN = ["а", "ев", "ов", "ие", "ье", "е", "иями", "ями", "ами", "еи", "ии", "и", "ией",
    "ей", "ой", "ий", "й", "иям", "ям", "ием", "ем", "ам", "ом", "о", "у", "ах", "иях", "ях",
    "ы", "ь", "ию", "ью", "ю", "ия", "ья", "я"];
  var DERIVATIONAL = ["ост", "ость"];

  /* The longest of `list` that ends the word at `end` and starts at or after `limit`;
   * returns its length, or 0 when none does (Snowball's `among` in backward mode). */
  function longestSuffix(word, end, limit, list) {
    var best = 0;
    for (var i = 0; i < list.length; i++) {
      var suffix = list[i];
      var start = end - suffix.length;
      if (suffix.length > best && start >= limit && word.substring(start, end) === suffix) {
        best = suffix.length;
      }
    }
    return best;
  }

  /* A suffix group with and without the «а»/«я» condition: the longest match over both
   * decides; if it is from `withA` and the condition fails, nothing is removed. Returns the
   * new end of the word, or -1. */
  function removeGrouped(word, end, limit, groups) {
    var a = longestSuffix(word, end, limit, groups.withA);
    var b = longestSuffix(word, end, limit, groups.plain);
    if (a === 0 && b === 0) return -1;
    if (b >= a) return end - b;
    var start = end - a;
    if (start - 1 >= limit && (word.charAt(start - 1) === "а" || word.charAt(start - 1) === "я")) {
      return start;
    }
    return -1;
  }

  function removePlain(word, end, limit, list) {
    var n = longestSuffix(word, end, limit, list);
    return n === 0 ? -1 : end - n;
  }

  function stem(input) {
    var word = input.replace(/ё/g, "е");
    var length = word.length;

    // Regions: RV starts after the first vowel, R2 as in the other Snowball stemmers.
    var rv = length;
    var r2 = length;
    var i = 0;
    while (i < length && !isVowel(word.charAt(i))) i++;
    if (i < length) {
      rv = ++i;
      while (i < length && isVowel(word.charAt(i))) i++;
      if (i < length) {
        i++;
        while (i < length && !isVowel(word.charAt(i))) i++;
        if (i < length) {
          i++;
          while (i < length && isVowel(word.charAt(i))) i++;
          if (i < length) r2 = i + 1;
        }
      }
    }

    // All steps work inside RV.
    var end = length;
    var cut;

    // Step 1.
    cut = removeGrouped(word, end, rv, PERFECTIVE_GERUND);
    if (cut >= 0) {
      end = cut;
    } else {
      cut = removePlain(word, end, rv, REFLEXIVE);
      if (cut >= 0) end = cut;
      cut = removePlain(word, end, rv, ADJECTIVE);
      if (cut >= 0) {
        end = cut;
        cut = removeGrouped(word, end, rv, PARTICIPLE);
        if (cut >= 0) end = cut;
      } else {
        cut = removeGrouped(word, end, rv, VERB);
        if (cut < 0) cut = removePlain(word, end, rv, NOUN);
        if (cut >= 0) end = cut;
      }
    }

    // Step 2: a final «и».
    if (end - 1 >= rv && word.charAt(end - 1) === "и") end--;

    // Step 3: derivational «ост», «ость» inside R2.
    var n = longestSuffix(word, end, rv, DERIVATIONAL);
    if (n > 0 && end - n >= r2) end -= n;

    // Step 4: superlative «ейш(е)», then «нн» → «н»; or «нн» → «н»; or a final «ь».
    var tidy = longestSuffix(word, end, rv, ["ейш", "ейше", "н", "ь"]);
    if (tidy === 3 || tidy === 4) {
      end -= tidy;
      if (end - 2 >= rv && word.charAt(end - 1) === "н" && word.charAt(end - 2) === "н") end--;
    } else if (tidy === 1) {
      var last = word.charAt(end - 1);
      if (last === "ь") {
        end--;
      } else if (end - 2 >= rv && word.charAt(end - 2) === "н") {
        end--;
      }
    }
    return word.substring(0, end);
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = stem;
  } else {
    root.metodbankStemRussian = stem;
  }
})(this);
