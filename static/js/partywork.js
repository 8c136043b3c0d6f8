// PartyWork's own behaviour, in a file because the Content-Security-Policy allows no inline script or style.
(function () {
  "use strict";

  // Print buttons: <button data-pw-print>.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-pw-print]")) {
      window.print();
    }
  });

  // Progress bars: <div data-pw-percent="42">, sized through the CSSOM (allowed), not a style attribute.
  function sizeBars(root) {
    root.querySelectorAll("[data-pw-percent]").forEach(function (bar) {
      var percent = Math.max(0, Math.min(100, parseInt(bar.getAttribute("data-pw-percent"), 10) || 0));
      bar.style.width = percent + "%";
    });
  }

  document.addEventListener("DOMContentLoaded", function () { sizeBars(document); });
  // htmx swaps the job status in while it polls.
  document.addEventListener("htmx:load", function (event) { sizeBars(event.target); });
})();
