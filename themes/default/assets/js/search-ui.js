/* metodbank search UI: the box in the header of every page (results as you type) and the
 * search page (search/index.html: ?q= and filters in the address, facets, keyboard).
 * Loaded on every page; the engine, the stemmers and the index are loaded only when the
 * reader starts searching. All text goes in through textContent: nothing from the index is
 * ever parsed as HTML. */
(function () {
  "use strict";

  var ENGINE_SCRIPTS = ["assets/js/stemmer-ru.js", "assets/js/stemmer-en.js", "assets/js/search-core.js"];
  var FILTERS = ["type", "deficit", "indicator", "level", "subject"];
  var DROPDOWN_SIZE = 8;
  var PAGE_SIZE = 10;
  var FACET_VISIBLE = 8;

  var enginePromise = null;

  /* The engine, after its scripts and the first index file are loaded (once per page). */
  function engine(root) {
    if (!enginePromise) {
      enginePromise = Promise.all(ENGINE_SCRIPTS.map(function (src) { return loadScript(root + src); }))
        .then(function () {
          var search = window.metodbankSearch;
          return new search.Engine(search.scriptLoader(root + "search/")).open();
        });
      enginePromise.then(null, function () { enginePromise = null; });
    }
    return enginePromise;
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.async = false; // run in the order added: stemmers before the engine
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error("не удалось загрузить " + src)); };
      document.head.appendChild(script);
    });
  }

  /* ---------- DOM helpers: every text through textContent ---------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /* Highlighted pieces [{text, mark}] as text nodes and <mark> elements. */
  function pieces(parts) {
    var fragment = document.createDocumentFragment();
    parts.forEach(function (part) {
      if (part.mark) fragment.appendChild(el("mark", null, part.text));
      else fragment.appendChild(document.createTextNode(part.text));
    });
    return fragment;
  }

  function plural(n, one, few, many) {
    var mod10 = n % 10, mod100 = n % 100;
    if (mod10 === 1 && mod100 !== 11) return n + " " + one;
    if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return n + " " + few;
    return n + " " + many;
  }

  /* ---------- The box in the header ---------- */

  function setupHeader(form) {
    var input = form.querySelector(".site-search-input");
    var list = form.querySelector(".search-dropdown");
    var root = form.getAttribute("data-root") || "";
    var searchPage = form.getAttribute("action");
    var timer = null;
    var sequence = 0;
    var active = -1;

    function options() { return list.querySelectorAll(".search-option"); }

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      var all = options();
      if (all.length === 0) return;
      active = Math.max(-1, Math.min(index, all.length - 1));
      for (var i = 0; i < all.length; i++) {
        all[i].setAttribute("aria-selected", i === active ? "true" : "false");
      }
      if (active >= 0) {
        input.setAttribute("aria-activedescendant", all[active].id);
        all[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(children) {
      list.textContent = "";
      children.forEach(function (child) { list.appendChild(child); });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      active = -1;
    }

    function run() {
      var query = input.value;
      var mine = ++sequence;
      if (query.trim() === "") { close(); return; }
      engine(root).then(function (search) {
        return search.search({ q: query }).then(function (result) {
          return search.page(result, 0, DROPDOWN_SIZE).then(function (page) {
            if (mine === sequence) render(query, result, page);
          });
        });
      }).then(null, function () {
        if (mine === sequence) show([el("p", "search-empty", "Поиск недоступен: не удалось загрузить индекс (папку search/ сайта).")]);
      });
    }

    function render(query, result, page) {
      var children = [];
      page.forEach(function (hit, i) {
        var option = el("a", "search-option");
        option.id = "site-search-option-" + i;
        option.href = root + hit.url;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.setAttribute("tabindex", "-1");
        var title = el("span", "search-option-title");
        title.appendChild(pieces(hit.titleParts));
        option.appendChild(title);
        option.appendChild(el("span", "search-option-meta", hit.type));
        var snippet = el("span", "search-option-snippet");
        snippet.appendChild(pieces(hit.snippet));
        option.appendChild(snippet);
        children.push(option);
      });
      if (result.total === 0) {
        children.push(el("p", "search-empty", emptyMessage(query, result)));
      } else {
        var all = el("a", "search-all", "Все результаты: " + plural(result.total, "материал", "материала", "материалов") + " →");
        all.href = searchPage + "?q=" + encodeURIComponent(query);
        children.push(all);
      }
      show(children);
    }

    input.addEventListener("focus", function () { engine(root).then(null, function () {}); });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 60);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        if (list.hidden) run(); else setActive(active + 1);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        event.preventDefault();
        setActive(active - 1);
      } else if (event.key === "Enter") {
        var all = options();
        if (!list.hidden && active >= 0 && all[active]) {
          event.preventDefault();
          window.location.href = all[active].href;
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        close();
      }
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) setTimeout(close, 150);
    });
  }

  function emptyMessage(query, result) {
    if (result.onlyStopWords) {
      return "В запросе только служебные слова («и», «в», «для»…): добавьте слово, которое есть в названии или тексте материала.";
    }
    if (result.phraseFailed) {
      return "Фраза в кавычках целиком не встречается. Уберите кавычки, чтобы искать слова по отдельности.";
    }
    return "По запросу «" + query.trim() + "» ничего не найдено. Проверьте, нет ли опечатки, или попробуйте другое слово: например, «наставничество», «ИОМ», «оценивание».";
  }

  /* ---------- The search page ---------- */

  function readAddress() {
    var state = { q: "", filters: {} };
    FILTERS.forEach(function (name) { state.filters[name] = []; });
    var query = window.location.search.replace(/^\?/, "");
    if (!query) return state;
    query.split("&").forEach(function (pair) {
      if (!pair) return;
      var eq = pair.indexOf("=");
      var key = decode(eq < 0 ? pair : pair.substring(0, eq));
      var value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (key === "q") state.q = value;
      else if (state.filters[key] && value && state.filters[key].indexOf(value) < 0) state.filters[key].push(value);
    });
    return state;
  }

  function decode(text) {
    try { return decodeURIComponent(text.replace(/\+/g, " ")); } catch (e) { return text; }
  }

  function address(state) {
    var parts = [];
    if (state.q) parts.push("q=" + encodeURIComponent(state.q));
    FILTERS.forEach(function (name) {
      state.filters[name].forEach(function (value) { parts.push(name + "=" + encodeURIComponent(value)); });
    });
    return parts.length ? "?" + parts.join("&") : window.location.pathname.split("/").pop();
  }

  function setupPage(page) {
    var root = page.getAttribute("data-root") || "";
    var form = page.querySelector(".search-form");
    var input = page.querySelector("#search-query");
    var facetsBox = page.querySelector("#search-facets");
    var status = page.querySelector("#search-status");
    var list = page.querySelector("#search-results");
    var more = page.querySelector(".search-more");
    var state = readAddress();
    var expanded = {};
    var current = null;
    var shown = 0;
    var sequence = 0;
    var timer = null;

    input.value = state.q;

    function writeAddress() {
      var target = address(state);
      try {
        window.history.replaceState(null, "", target);
      } catch (e) {
        // Some browsers refuse to change the address of a page opened from disk; the search
        // still works, only the address is not updated.
      }
    }

    function hasFilters() {
      return FILTERS.some(function (name) { return state.filters[name].length > 0; });
    }

    function run(keepAddress) {
      var mine = ++sequence;
      if (!keepAddress) writeAddress();
      if (state.q.trim() === "" && !hasFilters()) {
        status.textContent = "Введите слово или фразу. Поиск понимает любые формы слов: «наставник», «наставники», «наставничества».";
        list.textContent = "";
        facetsBox.textContent = "";
        more.hidden = true;
        engine(root).then(null, function () {});
        return;
      }
      status.textContent = "Ищу…";
      engine(root).then(function (search) {
        return search.search({ q: state.q, filters: state.filters }).then(function (result) {
          return search.page(result, 0, PAGE_SIZE).then(function (hits) {
            if (mine !== sequence) return;
            current = { search: search, result: result };
            renderStatus(result);
            renderFacets(result);
            list.textContent = "";
            shown = 0;
            appendHits(hits);
          });
        });
      }).then(null, function () {
        if (mine !== sequence) return;
        status.textContent = "Поиск недоступен: не удалось загрузить индекс. Проверьте, что рядом со страницей лежит папка search/ сайта.";
      });
    }

    function appendHits(hits) {
      hits.forEach(function (hit) {
        var item = el("li", "search-result");
        var link = el("a", "search-result-title");
        link.href = root + hit.url;
        link.appendChild(pieces(hit.titleParts));
        item.appendChild(link);
        item.appendChild(el("span", "badge", hit.type));
        var snippet = el("p", "search-snippet");
        snippet.appendChild(pieces(hit.snippet));
        item.appendChild(snippet);
        list.appendChild(item);
      });
      shown += hits.length;
      more.hidden = !current || shown >= current.result.total;
    }

    function renderStatus(result) {
      status.textContent = "";
      if (result.total > 0) {
        var text = "Найдено: " + plural(result.total, "материал", "материала", "материалов");
        if (result.required > 1 && result.complete < result.total) {
          text += " (все слова запроса — в " + plural(result.complete, "материале", "материалах", "материалах") + ", они первые)";
        }
        status.textContent = text;
        return;
      }
      status.appendChild(el("p", null, emptyMessage(state.q, result)));
      if (hasFilters() && result.unfiltered > 0) {
        var line = el("p", null, "С выбранными фильтрами ничего нет, без них найдено " + plural(result.unfiltered, "материал", "материала", "материалов") + ". ");
        var reset = el("button", null, "Сбросить фильтры");
        reset.type = "button";
        reset.addEventListener("click", function () {
          FILTERS.forEach(function (name) { state.filters[name] = []; });
          run();
        });
        line.appendChild(reset);
        status.appendChild(line);
      } else if (!result.onlyStopWords && !result.phraseFailed) {
        var tips = el("ul");
        ["Слова можно писать в любой форме и без окончаний: «настав» найдёт наставников и наставничество.",
          "Уберите лишние слова: материалы со всеми словами показываются первыми, но нужно хотя бы одно совпадение.",
          "Откройте разделы в шапке сайта: практики, наставничество, ИОМ, положения, дорожные карты."
        ].forEach(function (tip) { tips.appendChild(el("li", null, tip)); });
        status.appendChild(tips);
      }
    }

    function renderFacets(result) {
      facetsBox.textContent = "";
      result.facets.forEach(function (group) {
        var values = group.values.filter(function (v) { return v.count > 0 || v.selected; });
        if (values.length === 0) return;
        if (group.name !== "type") {
          values.sort(function (a, b) { return (b.selected - a.selected) || (b.count - a.count); });
        }
        var fieldset = el("fieldset");
        fieldset.appendChild(el("legend", null, group.label));
        var limit = expanded[group.name] ? values.length : FACET_VISIBLE;
        values.slice(0, limit).forEach(function (value) {
          var label = el("label");
          var box = el("input");
          box.type = "checkbox";
          box.name = group.name;
          box.value = value.key;
          box.checked = value.selected;
          box.addEventListener("change", function () {
            var chosen = state.filters[group.name];
            var at = chosen.indexOf(value.key);
            if (box.checked && at < 0) chosen.push(value.key);
            if (!box.checked && at >= 0) chosen.splice(at, 1);
            run();
          });
          label.appendChild(box);
          label.appendChild(el("span", null, value.label));
          label.appendChild(el("span", "count", String(value.count)));
          fieldset.appendChild(label);
        });
        if (values.length > limit) {
          var button = el("button", "facet-more", "Показать все (" + values.length + ")");
          button.type = "button";
          button.addEventListener("click", function () {
            expanded[group.name] = true;
            renderFacets(result);
          });
          fieldset.appendChild(button);
        }
        facetsBox.appendChild(fieldset);
      });
      if (hasFilters()) {
        var clear = el("button", "facet-clear", "Сбросить фильтры");
        clear.type = "button";
        clear.addEventListener("click", function () {
          FILTERS.forEach(function (name) { state.filters[name] = []; });
          run();
        });
        facetsBox.appendChild(clear);
      }
    }

    function resultLinks() { return list.querySelectorAll(".search-result-title"); }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      state.q = input.value;
      run();
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        state.q = input.value;
        run();
      }, 80);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "Down") {
        var links = resultLinks();
        if (links.length > 0) {
          event.preventDefault();
          links[0].focus();
        }
      }
    });
    list.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(resultLinks());
      var at = links.indexOf(document.activeElement);
      if (at < 0) return;
      if (event.key === "ArrowDown" || event.key === "Down") {
        event.preventDefault();
        if (at + 1 < links.length) links[at + 1].focus();
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        event.preventDefault();
        if (at > 0) links[at - 1].focus(); else input.focus();
      }
    });
    more.addEventListener("click", function () {
      if (!current) return;
      var mine = sequence;
      current.search.page(current.result, shown, PAGE_SIZE).then(function (hits) {
        if (mine === sequence) appendHits(hits);
      });
    });

    run(true);
  }

  function start() {
    var form = document.getElementById("site-search");
    if (form) setupHeader(form);
    var page = document.querySelector("[data-search-page]");
    if (page) setupPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
