// Filters the findings table by concept, severity and search text. The
// filter is read from the URL (?concept=…&severity=…&q=… or the same after
// #) on load, and written back to the # as it changes, so a filtered view can
// be bookmarked or sent. No network, no libraries: it must work from a file.
(function () {
  "use strict";
  var concept = document.getElementById("concept");
  var severity = document.getElementById("severity");
  var search = document.getElementById("q");
  var shown = document.getElementById("shown");
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.finding"));
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });

  function choose(select, value) {
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === value) { select.selectedIndex = i; return; }
    }
  }

  function readUrl() {
    var params = new URLSearchParams(location.search);
    new URLSearchParams(location.hash.replace(/^#/, "")).forEach(function (value, key) {
      params.set(key, value);
    });
    choose(concept, params.get("concept") || "");
    choose(severity, params.get("severity") || "");
    search.value = params.get("q") || "";
  }

  function apply() {
    var c = concept.value, s = severity.value;
    var terms = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    var n = 0;
    rows.forEach(function (row, i) {
      var visible = (!c || row.getAttribute("data-concept") === c) &&
        (!s || row.getAttribute("data-severity") === s) &&
        terms.every(function (t) { return texts[i].indexOf(t) !== -1; });
      if (visible) { row.removeAttribute("hidden"); n++; } else { row.setAttribute("hidden", ""); }
    });
    shown.textContent = n + " of " + rows.length + " findings shown";
  }

  function writeUrl() {
    var params = new URLSearchParams();
    if (concept.value) { params.set("concept", concept.value); }
    if (severity.value) { params.set("severity", severity.value); }
    if (search.value) { params.set("q", search.value); }
    try {
      history.replaceState(null, "", location.pathname + "#" + params.toString());
    } catch (e) { /* some browsers refuse on file: URLs; the filter still works */ }
  }

  function changed() { apply(); writeUrl(); }
  concept.addEventListener("change", changed);
  severity.addEventListener("change", changed);
  search.addEventListener("input", changed);
  window.addEventListener("hashchange", function () { readUrl(); apply(); });
  readUrl();
  apply();
})();
