/* Index filters: search, facets and sort over every open posting (postings.js), in the browser;
   their state lives in the URL. The page itself lists the postings by department (in pages),
   which is what a visitor without JavaScript browses; filtering shows matching cards instead,
   a page of them at a time. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  var listing = document.getElementById("listing");
  var results = document.getElementById("results");
  var data = window.careersPostings;
  if (!form || !listing || !results || !data || !window.URLSearchParams) return;
  var status = document.getElementById("result-count");
  var empty = document.getElementById("no-results");
  var more = document.getElementById("more-results");
  var clear = document.getElementById("clear-filters");
  var toggle = document.getElementById("filters-toggle");
  var root = results.getAttribute("data-root") || "";
  var fields = ["q", "department", "location", "level", "skill", "type", "pay", "sort"].filter(function (name) {
    return form.elements[name];
  });
  var panel = fields.slice(1);
  var PAGE = 50;
  var ranks = {};
  var announce = null;
  var typing = false;
  var matched = [];
  var shownCount = 0;
  var payCurrency = form.elements.pay ? form.elements.pay.getAttribute("data-currency") : "";

  Array.prototype.forEach.call(form.elements.level.options, function (option, i) {
    if (option.value) ranks[option.value] = i;
  });
  // Each row: what the filters match and sort on, and the posting's card as the index draws it.
  var postings = data.rows.map(function (row, i) {
    var skills = row.skills.map(function (n) { return data.skills[n]; });
    var names = skills.map(function (s) { return s[1]; });
    var typeName = data.types[row.type] || row.type;
    return {
      order: i, title: row.title, department: row.department, places: row.places, type: row.type,
      level: row.level, skills: skills.map(function (s) { return s[0]; }), card: row.card,
      pay: row.pay || null,
      text: fold([row.title, row.department, row.places.join(" "), row.location, typeName, names.join(" "),
                  row.summary].join(" "))
    };
  });

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/\s+/g, " ");
  }

  function read() {
    var state = {};
    fields.forEach(function (name) { state[name] = form.elements[name].value.trim(); });
    return state;
  }

  function write(state) {
    fields.forEach(function (name) {
      var el = form.elements[name];
      el.value = state[name] || "";
      if (el.tagName === "SELECT" && el.selectedIndex < 0) el.selectedIndex = 0;
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

  function matches(p, state, words) {
    if (state.department && p.department !== state.department) return false;
    if (state.location && p.places.indexOf(state.location) < 0) return false;
    if (state.level && p.level !== state.level) return false;
    if (state.skill && p.skills.indexOf(state.skill) < 0) return false;
    if (state.type && p.type !== state.type) return false;
    if (state.pay && statesPay(p) && p.pay[1] < Number(state.pay)) return false;
    for (var i = 0; i < words.length; i++) if (p.text.indexOf(words[i]) < 0) return false;
    return true;
  }

  // Pay in the currency the filter counts in: a posting that states none is kept, after the rest.
  function statesPay(p) {
    return Boolean(p.pay) && p.pay[0] === payCurrency;
  }

  function compare(sort) {
    if (sort === "title") return function (a, b) { return a.title.localeCompare(b.title) || a.order - b.order; };
    if (sort === "level") {
      return function (a, b) {
        var ra = a.level in ranks ? ranks[a.level] : 99;
        var rb = b.level in ranks ? ranks[b.level] : 99;
        return ra - rb || a.order - b.order;
      };
    }
    return function (a, b) { return a.order - b.order; };
  }

  function showMore() {
    // The cards are the site's own markup (escaped when the site was built), drawn for the
    // index; on a deeper page of it their relative links start from the site's root.
    var end = Math.min(matched.length, shownCount + PAGE);
    var html = [];
    for (var i = shownCount; i < end; i++) html.push(matched[i].card);
    var template = document.createElement("template");
    template.innerHTML = html.join("");
    if (root) {
      Array.prototype.forEach.call(template.content.querySelectorAll("a[href]"), function (a) {
        var href = a.getAttribute("href");
        if (!/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(href)) a.setAttribute("href", root + href);
      });
    }
    results.appendChild(template.content);
    shownCount = end;
    more.hidden = shownCount >= matched.length;
  }

  function apply(state) {
    var filtered = fields.some(function (name) { return state[name]; });
    var total = postings.length;
    var noun = total === 1 ? " open position" : " open positions";
    listing.hidden = filtered;
    results.hidden = !filtered;
    var message = total.toLocaleString("en") + noun;
    if (filtered) {
      var words = fold(state.q).split(" ").filter(Boolean);
      matched = postings.filter(function (p) { return matches(p, state, words); });
      if (state.sort !== "newest" && state.sort) matched.sort(compare(state.sort));
      var unstated = 0;
      if (state.pay) {
        var stating = matched.filter(statesPay);
        unstated = matched.length - stating.length;
        matched = stating.concat(matched.filter(function (p) { return !statesPay(p); }));
      }
      results.textContent = "";
      shownCount = 0;
      showMore();
      var counted = matched.length - unstated;
      message = counted.toLocaleString("en") + " of " + total.toLocaleString("en") + noun +
        (counted === 1 ? " matches" : " match") +
        (unstated ? ", and " + unstated.toLocaleString("en") + " more " + (unstated === 1 ? "does" : "do") +
          " not state " + (unstated === 1 ? "its" : "their") + " pay" : "");
    } else {
      more.hidden = true;
    }
    empty.hidden = !filtered || matched.length > 0;
    clear.hidden = !filtered;
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
  more.querySelector("button").addEventListener("click", showMore);
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
    write(fromURL());
    apply(read());
  });

  form.hidden = false;
  write(fromURL());
  var initial = read();
  expand(panel.some(function (name) { return initial[name]; }));
  apply(initial);
})();
