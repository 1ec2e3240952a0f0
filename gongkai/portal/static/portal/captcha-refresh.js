// 换一题: fetch a new captcha sum without reloading the form (and losing what was typed). Without JavaScript the
// button stays hidden and the hint says to reopen the page.
(function () {
  "use strict";
  var button = document.getElementById("captcha-refresh");
  var image = document.getElementById("captcha-image");
  if (!button || !image) { return; }
  button.hidden = false;
  var hint = document.getElementById("captcha-hint");
  if (hint) { hint.hidden = true; }
  button.addEventListener("click", function () {
    image.src = button.dataset.url + "?new=1&v=" + Date.now();
    var input = document.querySelector("input[name=captcha]");
    if (input) { input.value = ""; input.focus(); }
  });
}());
