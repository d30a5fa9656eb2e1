/* Play the novel one scene at a time. Without this script every scene shows, joined by #links. */
(function () {
  "use strict";
  var root = document.documentElement;
  var main = document.querySelector(".scenes");
  var scenes = Array.prototype.slice.call(document.querySelectorAll(".scene"));
  if (!main || !scenes.length) { return; }
  var start = main.getAttribute("data-start") || scenes[0].id;
  var controls = document.querySelector(".controls");
  var backButton = controls.querySelector('[data-action="back"]');
  var trail = [];
  var current = null;

  function sceneById(id) {
    for (var i = 0; i < scenes.length; i++) { if (scenes[i].id === id) { return scenes[i]; } }
    return null;
  }

  function show(id, focus) {
    var scene = sceneById(id) || sceneById(start);
    scenes.forEach(function (s) { s.classList.toggle("current", s === scene); });
    current = scene.id;
    backButton.disabled = trail.length === 0;
    if (focus) {   // a step by the reader (not the first view: Chrome would scroll to the new #fragment on load)
      if (history.replaceState) { history.replaceState(null, "", "#" + current); }
      var heading = scene.querySelector("h2");
      if (heading) { heading.focus({ preventScroll: true }); }
      window.scrollTo(0, Math.max(0, controls.getBoundingClientRect().top + window.pageYOffset - 12));
    }
  }

  root.classList.add("js");
  controls.hidden = false;

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.choice[data-target]") : null;
    if (link) {
      event.preventDefault();
      if (link.getAttribute("data-restart")) { trail = []; } else { trail.push(current); }
      show(link.getAttribute("data-target"), true);
      return;
    }
    var button = event.target.closest ? event.target.closest("button[data-action]") : null;
    if (!button) { return; }
    if (button.getAttribute("data-action") === "back" && trail.length) {
      show(trail.pop(), true);
    } else if (button.getAttribute("data-action") === "restart") {
      trail = [];
      show(start, true);
    }
  });

  window.addEventListener("hashchange", function () {
    var id = location.hash.slice(1);
    if (id && id !== current && sceneById(id)) { trail.push(current); show(id, true); }
  });

  var first = location.hash.slice(1);
  show(sceneById(first) ? first : start, false);
})();
