/* "Posted November 2, 2026" reads "Posted 12 days ago": the days since a posting's date, counted
   in the reader's browser on the day they read the page (a static page cannot know that day).
   Without JavaScript the date stays as written; the date is kept as the element's title. */
(function () {
  "use strict";
  var DAY = 86400000;
  var now = new Date();
  var today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  Array.prototype.forEach.call(document.querySelectorAll("time[data-age]"), function (el) {
    var parts = (el.getAttribute("datetime") || "").split("-").map(Number);
    if (parts.length !== 3 || parts.some(isNaN)) return;
    var days = Math.round((today - Date.UTC(parts[0], parts[1] - 1, parts[2])) / DAY);
    if (days < 0) return;
    el.title = el.textContent;
    el.textContent = days === 0 ? "today" : days === 1 ? "yesterday" : days.toLocaleString("en") + " days ago";
  });
})();
