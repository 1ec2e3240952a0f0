/* Kiosk mode: back to the start page after `data-idle` seconds without a touch, key, click or scroll. One timer,
   re-armed on activity; on the start page itself it only scrolls back to the top. */
(function () {
  "use strict";
  var body = document.body;
  var seconds = Math.max(1, parseInt(body.dataset.idle, 10) || 60);
  var start = body.dataset.start;
  var timer = null;
  function idle() {
    if (window.location.pathname === start) {
      window.scrollTo(0, 0);
      arm();
    } else {
      window.location.assign(start);
    }
  }
  function arm() {
    window.clearTimeout(timer);
    timer = window.setTimeout(idle, seconds * 1000);
  }
  ["pointerdown", "keydown", "scroll", "touchstart", "wheel"].forEach(function (name) {
    window.addEventListener(name, arm, {passive: true});
  });
  arm();
})();
