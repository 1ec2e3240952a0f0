/* The header bell's unread count, fetched after the page so that no page pays for it (gongkai/backoffice/notifications). */
(function () {
  "use strict";
  var badge = document.querySelector("[data-notification-count]");
  if (!badge || !window.fetch) { return; }
  fetch(badge.dataset.notificationCount, {credentials: "same-origin", headers: {"Accept": "application/json"}})
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (data && data.unread > 0) {
        badge.textContent = data.unread;
        badge.hidden = false;
      }
    });
})();
