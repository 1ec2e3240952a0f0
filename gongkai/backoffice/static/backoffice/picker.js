/* Search-as-you-type for the back office's item picker (gongkai/backoffice/pickers.py). Without this script the
   picker still works: chosen items are checkboxes and more are added by typing their codes. */
(function () {
  "use strict";
  function setUp(picker) {
    if (picker.dataset.ready) { return; }
    picker.dataset.ready = "1";
    var input = picker.querySelector("input[type=text]");
    var results = picker.querySelector(".picker-results");
    var chosen = picker.querySelector(".picker-chosen");
    var name = input.name.replace(/_codes$/, "");
    var timer = null;
    input.name = "";  // typed words are a search now, not codes to submit
    picker.querySelector(".picker-label").textContent = picker.dataset.searchLabel;
    input.setAttribute("role", "searchbox");
    function isChosen(id) {
      return chosen.querySelector("input[value='" + id + "']") !== null;
    }
    function add(item) {
      if (isChosen(item.id)) { return; }
      var li = document.createElement("li");
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox"; box.name = name; box.value = item.id; box.checked = true;
      var code = document.createElement("code");
      code.textContent = item.code;
      label.append(box, " ", code, " " + (item.path ? item.path + " / " : "") + item.name);
      li.append(label);
      chosen.append(li);
    }
    function render(groups) {
      results.replaceChildren();
      if (!groups.length) { results.textContent = picker.dataset.empty; return; }
      groups.forEach(function (group) {
        var heading = document.createElement("p");
        heading.className = "picker-group";
        heading.textContent = group.catalog;
        var list = document.createElement("ul");
        group.items.forEach(function (item) {
          var li = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button"; button.className = "link-button";
          button.textContent = picker.dataset.add + " " + item.code + " " + (item.path ? item.path + " / " : "") + item.name;
          button.addEventListener("click", function () { add(item); button.disabled = true; });
          li.append(button);
          list.append(li);
        });
        results.append(heading, list);
      });
    }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var query = input.value.trim();
      if (!query) { results.replaceChildren(); return; }
      timer = setTimeout(function () {
        fetch(picker.dataset.searchUrl + "&q=" + encodeURIComponent(query), {credentials: "same-origin", headers: {"Accept": "application/json"}})
          .then(function (response) { return response.ok ? response.json() : {groups: []}; })
          .then(function (data) { if (input.value.trim() === query) { render(data.groups); } });
      }, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
  }
  function all() { document.querySelectorAll(".item-picker").forEach(setUp); }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", all); } else { all(); }
})();
