/* Index filters: search, facets and sort run in the browser; their state lives in the URL.
   Without this script the page lists every posting and the skill and level pages filter. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var list = document.getElementById("postings");
  if (!form || !list || !window.URLSearchParams) return;
  var status = document.getElementById("result-count");
  var empty = document.getElementById("no-results");
  var clear = document.getElementById("clear-filters");
  var toggle = document.getElementById("filters-toggle");
  var fields = ["q", "skill", "level", "location", "type", "remote", "sort"];
  var panel = fields.slice(1);
  var ranks = {};
  var announce = null;
  var typing = false;
  var order = "";

  Array.prototype.forEach.call(form.elements.level.options, function (option, i) {
    if (option.value) ranks[option.value] = i;
  });
  var cards = Array.prototype.map.call(list.children, function (el, i) {
    return {
      el: el,
      order: i,
      text: fold(el.textContent),
      title: el.querySelector(".card-title").textContent.trim(),
      skills: el.getAttribute("data-skills").split(" "),
      level: el.getAttribute("data-level"),
      location: el.getAttribute("data-location"),
      type: el.getAttribute("data-type"),
      remote: el.getAttribute("data-remote") === "true"
    };
  });

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");
  }

  function read() {
    var state = {};
    fields.forEach(function (name) {
      var el = form.elements[name];
      state[name] = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value.trim();
    });
    if (state.sort === "newest") state.sort = "";
    return state;
  }

  function write(state) {
    fields.forEach(function (name) {
      var el = form.elements[name];
      var value = state[name] || "";
      if (el.type === "checkbox") {
        el.checked = value === "1";
      } else if (el.tagName === "SELECT") {
        el.value = value;
        if (el.selectedIndex < 0) el.selectedIndex = 0;
      } else {
        el.value = value;
      }
    });
  }

  function fromURL() {
    var params = new URLSearchParams(window.location.search);
    var state = {};
    fields.forEach(function (name) { state[name] = params.get(name) || ""; });
    return state;
  }

  function toSearch(state) {
    var params = new URLSearchParams();
    fields.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    var query = params.toString();
    return query ? "?" + query : "";
  }

  function matches(card, state, words) {
    if (state.skill && card.skills.indexOf(state.skill) < 0) return false;
    if (state.level && card.level !== state.level) return false;
    if (state.location && card.location !== state.location) return false;
    if (state.type && card.type !== state.type) return false;
    if (state.remote && !card.remote) return false;
    return words.every(function (word) { return card.text.indexOf(word) >= 0; });
  }

  function compare(sort) {
    if (sort === "title") {
      return function (a, b) { return a.title.localeCompare(b.title) || a.order - b.order; };
    }
    if (sort === "level") {
      return function (a, b) {
        var ra = a.level in ranks ? ranks[a.level] : 99;
        var rb = b.level in ranks ? ranks[b.level] : 99;
        return ra - rb || a.order - b.order;
      };
    }
    return function (a, b) { return a.order - b.order; };
  }

  function apply(state) {
    var words = fold(state.q).split(" ").filter(Boolean);
    var shown = 0;
    if (state.sort !== order) {
      // Moving nodes is what costs on a long list: only when the order changes.
      order = state.sort;
      var sorted = cards.slice().sort(compare(order));
      var fragment = document.createDocumentFragment();
      sorted.forEach(function (card) { fragment.appendChild(card.el); });
      list.appendChild(fragment);
    }
    cards.forEach(function (card) {
      var show = matches(card, state, words);
      if (card.el.hidden === show) card.el.hidden = !show;
      if (show) shown += 1;
    });
    var filtered = fields.some(function (name) { return name !== "sort" && state[name]; });
    var noun = cards.length === 1 ? " open position" : " open positions";
    var message = filtered ? shown + " of " + cards.length + noun + " match" : cards.length + noun;
    if (filtered && shown === 1) message = "1 of " + cards.length + noun + " matches";
    empty.hidden = shown > 0;
    list.hidden = shown === 0;
    clear.hidden = !filtered && !state.sort;
    var facets = panel.filter(function (name) { return name !== "sort" && state[name]; }).length;
    toggle.textContent = facets ? "Filters (" + facets + ")" : "Filters";
    // Announce once the visitor pauses, not on every keystroke.
    clearTimeout(announce);
    announce = setTimeout(function () { status.textContent = message; }, typing ? 400 : 0);
  }

  function expand(open) {
    form.classList.toggle("open", open);
    toggle.setAttribute("aria-expanded", String(open));
  }

  function update(event) {
    var state = read();
    var search = toSearch(state);
    var fromSearch = Boolean(event) && event.target === form.elements.q;
    if (search !== window.location.search) {
      // One history entry per search, not per keystroke; every other change is its own entry.
      var url = search || window.location.pathname;
      if (fromSearch && typing) history.replaceState(null, "", url);
      else history.pushState(null, "", url);
    }
    typing = fromSearch;
    apply(state);
  }

  form.addEventListener("input", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  clear.addEventListener("click", function () {
    write({});
    typing = false;
    update();
    form.elements.q.focus();
  });
  toggle.addEventListener("click", function () {
    expand(toggle.getAttribute("aria-expanded") !== "true");
  });
  window.addEventListener("popstate", function () {
    typing = false;
    var state = fromURL();
    write(state);
    apply(read());
  });

  form.hidden = false;
  write(fromURL());
  var initial = read();
  expand(panel.some(function (name) { return initial[name]; }));
  apply(initial);
})();
