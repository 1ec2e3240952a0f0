// Counts a reading once the page is shown and fills in the totals; the page itself stays the same for everyone.
(function () {
  "use strict";
  var box = document.querySelector("[data-count-kind]");
  if (!box) { return; }
  function send(event) {
    var data = new FormData();
    data.append("kind", box.dataset.countKind);
    data.append("id", box.dataset.countId);
    data.append("event", event);
    if (navigator.sendBeacon) { navigator.sendBeacon(box.dataset.countUrl, data); }
    else { fetch(box.dataset.countUrl, { method: "POST", body: data, keepalive: true }); }
  }
  send("view");
  var url = box.dataset.countsUrl + "?kind=" + encodeURIComponent(box.dataset.countKind) + "&id=" + encodeURIComponent(box.dataset.countId);
  fetch(url).then(function (response) { return response.json(); }).then(function (totals) {
    box.querySelectorAll("[data-count]").forEach(function (node) { node.textContent = "(" + totals[node.dataset.count] + ")"; });
    var label = box.querySelector("[data-count-label]");
    if (label) { label.hidden = false; }
  }).catch(function () {});
  var share = box.querySelector("[data-share]");
  if (share) {
    share.addEventListener("click", function (event) {
      event.preventDefault();
      send("share");
      if (navigator.share) { navigator.share({ title: document.title, url: location.href }).catch(function () {}); }
      else if (navigator.clipboard) { navigator.clipboard.writeText(location.href); share.textContent = share.textContent + " ✓"; }
    });
  }
}());
