// The page behind every short address (p/?k7x2, printed under QR codes): it loads the table of
// codes that start with the code's first character (p/k.js) and goes on to the document.
(function () {
  'use strict';
  var status = document.getElementById('permalink-status');
  var match = /^[?#]([2-9a-z]{4})\/?$/.exec(location.search || location.hash);
  function fail(text) {
    status.textContent = text;
  }
  if (!match) {
    fail('В адресе нет кода документа. Проверьте адрес или найдите документ через поиск.');
    return;
  }
  var code = match[1];
  var script = document.createElement('script');
  script.src = code.charAt(0) + '.js';
  script.onload = function () {
    var table = window.metodbankPermalinks || {};
    if (Object.prototype.hasOwnProperty.call(table, code)) {
      location.replace(table[code] + location.hash.replace(/^#[2-9a-z]{4}\/?$/, ''));
    } else {
      fail('Документа с кодом «' + code + '» в банке нет: возможно, он удалён. Найдите его через поиск.');
    }
  };
  script.onerror = function () {
    fail('Документа с кодом «' + code + '» в банке нет: возможно, он удалён. Найдите его через поиск.');
  };
  document.head.appendChild(script);
}());
