// The browser's stemmers must give exactly libstemmer's stems (the build's), word for word:
// every distinct word of the sample bank and large generated lists, compared with the output
// of `metodbank stem --algorithm …`.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { repo, core, stemRussian, stemEnglish, libstemmer, markdownFiles, random } = require("./helpers.js");

function compare(algorithm, stem, words) {
  const expected = libstemmer(algorithm, words);
  const wrong = [];
  words.forEach((word, i) => {
    const actual = stem(word);
    if (actual !== expected[i]) wrong.push(`${word}: libstemmer «${expected[i]}», JavaScript «${actual}»`);
  });
  assert.equal(wrong.length, 0, `${wrong.length} of ${words.length} words differ:\n${wrong.slice(0, 30).join("\n")}`);
}

/** Distinct lower-case parts of the sample bank, by script. */
function sampleBankWords() {
  const russian = new Set();
  const english = new Set();
  for (const file of markdownFiles(path.join(repo, "content"))) {
    for (const word of core.scanWords(fs.readFileSync(file, "utf8"))) {
      for (const part of word.parts) {
        if (/[а-я]/.test(part)) russian.add(part);
        else if (/^[a-z]+$/.test(part)) english.add(part);
      }
    }
  }
  return { russian: [...russian].sort(), english: [...english].sort() };
}

const RUSSIAN_ROOTS = ("наставн настав учител педагог образова оцен формир чита работ школ программ развит компетен " +
  "методическ профессиональн дефицит показател маршрут индивидуальн функциональн грамотн урок ученик " +
  "мастер проект исследова технолог цифров ресурс сопровожд планирова реализ достиж результат " +
  "стаж площад сообществ взаимопосещ открыт молод специалист руководител директор управлен " +
  "кругл стол семинар практикум конференц олимпиад подготовк экзамен итогов аттестац квалификац " +
  "мотивац вовлечен родител взаимодейств коммуникац психолог выгоран поддержк адаптац " +
  "мыш говор бег жив добр красн син нов стар больш прекрасн велич рабоч сильн слаб").split(" ");
const RUSSIAN_ENDINGS = ("а я о е и ы у ю ь й ой ей ий ый ое ее ие ые ая яя ую юю ого его ому ему ом ем им ым их ых ими ыми " +
  "ою ею ов ев ам ям ами ями ах ях ию ья ье ью ия ие ии ией ием иям иями иях " +
  "ть ешь ет ем ете ут ют ит ишь им ите ят ла ло ли л ил ыл ила ыла или ыли ило ыло ен ена ено ены " +
  "на но ны нно йте ейте уйте ует уют ую ую ить ыть ыт " +
  "в вши вшись ив ивши ившись ыв ывши ывшись " +
  "ся сь ась ось ись ется ются ится ятся лась лось лись ешься " +
  "ость ости остью остей остям ост оста " +
  "ейший ейшая ейшее ейшие ейшего ейшими ейше нн нный нная нное нного нной нным нных енн енный " +
  "ем ем ющий ющая ющее ющих ющим ущий ащий ящий вший вшая вшее ивший ывший ующий ующая ующих " +
  "емый емая емое имый им анный янный енный ованный ованная ованных").split(" ");

function generatedRussianWords() {
  const next = random(20261123);
  const consonants = "бвгджзйклмнпрстфхцчшщ";
  const vowels = "аеёиоуыэюя";
  const signs = "ьъ";
  const pick = (s) => s[Math.floor(next() * s.length)];
  const words = new Set();
  // Every ending after every real root, with and without «а»/«я»/«и»/«ы» before it.
  for (const root of RUSSIAN_ROOTS) {
    for (const ending of RUSSIAN_ENDINGS) {
      for (const link of ["", "а", "я", "и", "ы", "о", "е", "у"]) words.add(root + link + ending);
    }
  }
  // Random roots of syllables (with ё, й, ь, ъ) and random chains of endings.
  for (let i = 0; i < 60000; i++) {
    let root = "";
    const syllables = 1 + Math.floor(next() * 4);
    if (next() < 0.3) root += pick(vowels);
    for (let s = 0; s < syllables; s++) {
      root += pick(consonants);
      if (next() < 0.25) root += pick(consonants);
      root += pick(vowels);
      if (next() < 0.1) root += pick(signs);
    }
    if (next() < 0.5) root += pick(consonants);
    let word = root;
    const pieces = 1 + Math.floor(next() * 3);
    for (let p = 0; p < pieces; p++) word += RUSSIAN_ENDINGS[Math.floor(next() * RUSSIAN_ENDINGS.length)];
    words.add(word);
    words.add(root);
  }
  // Short and degenerate words.
  for (const c of consonants + vowels) {
    words.add(c);
    for (const d of vowels + consonants) words.add(c + d);
  }
  return [...words].sort();
}

const ENGLISH_ROOTS = ("run hop hope gener commun arsen connect relat rational condition valen hesit digit conform " +
  "radic differ vile analog vietnam sensit callous sens formal electr hope fall fill agre feed bleed plaster " +
  "bead sky ski die lie tie happy cry say play employ year yellow boy toy ace teach learn school mentor " +
  "skill compet assess plan project report develop support educ evalu ogi logy geolog apolog effect " +
  "dress kiss gas gap tap tape abat fizz trouble cross luck care mess sing fit bat sit din cat bake " +
  "inn out can herr ear proceed exceed succeed news howe atlas cosmos bias andes idl gentl ugl earl onl singl " +
  "sprint sprinted controll troubl wh wy ay oy ey uy qu").split(" ");
const ENGLISH_SUFFIXES = ("s es ies ied ed ing ingly edly eed eedly ly y yes ying ied ier iest e er est " +
  "ational tional enci anci abli entli izer ization ation ator alism aliti alli fulness ousli ousness " +
  "iveness iviti biliti bli ogi logi fulli lessli li cli dli eli gli hli kli mli nli rli tli alize icate " +
  "iciti ical ful ness ative al ance ence able ible ant ement ment ent ism ate iti ous ive ize ion sion " +
  "tion l ll 's ' s' at bl iz bb dd ff gg mm nn pp rr tt").split(" ");

function generatedEnglishWords() {
  const next = random(4242);
  const letters = "abcdefghijklmnopqrstuvwxyz";
  const vowels = "aeiouy";
  const pick = (s) => s[Math.floor(next() * s.length)];
  const words = new Set(["skis", "skies", "dying", "lying", "tying", "idly", "gently", "ugly", "early",
    "only", "singly", "sky", "news", "howe", "atlas", "cosmos", "bias", "andes", "inning", "innings",
    "outing", "outings", "canning", "cannings", "herring", "herrings", "earring", "earrings", "proceed",
    "proceeds", "exceed", "succeed", "generous", "generate", "communism", "community", "arsenal", "arsenic",
    "evening", "evenings", "yes", "yy", "ay", "aye", "by", "eyeing", "sayings", "toying"]);
  for (const root of ENGLISH_ROOTS) {
    for (const suffix of ENGLISH_SUFFIXES) {
      if (!suffix.includes("'")) words.add(root + suffix);
    }
    words.add(root);
  }
  for (let i = 0; i < 40000; i++) {
    let word = "";
    const length = 2 + Math.floor(next() * 7);
    for (let k = 0; k < length; k++) word += next() < 0.4 ? pick(vowels) : pick(letters);
    if (next() < 0.8) word += ENGLISH_SUFFIXES[Math.floor(next() * ENGLISH_SUFFIXES.length)].replace(/'/g, "");
    if (next() < 0.3) word += ENGLISH_SUFFIXES[Math.floor(next() * ENGLISH_SUFFIXES.length)].replace(/'/g, "");
    words.add(word);
  }
  return [...words].sort();
}

test("Russian stems of every word of the sample bank match libstemmer", () => {
  const { russian } = sampleBankWords();
  assert.ok(russian.length > 1500, `only ${russian.length} Russian words in the sample bank`);
  compare("russian", stemRussian, russian);
});

test("English stems of every Latin word of the sample bank match libstemmer", () => {
  const { english } = sampleBankWords();
  assert.ok(english.length > 10, `only ${english.length} Latin words in the sample bank`);
  compare("english", stemEnglish, english);
});

test("Russian stems of a large generated word list match libstemmer", () => {
  const words = generatedRussianWords();
  assert.ok(words.length > 100000, `only ${words.length} generated words`);
  compare("russian", stemRussian, words);
});

test("English stems of a large generated word list match libstemmer", () => {
  const words = generatedEnglishWords();
  assert.ok(words.length > 30000, `only ${words.length} generated words`);
  compare("english", stemEnglish, words);
});

test("«ё» is read as «е», as libstemmer does", () => {
  assert.equal(stemRussian("ёлками"), stemRussian("елками"));
  compare("russian", stemRussian, ["ёлка", "всё", "учёба", "ещё", "берёза"]);
});
