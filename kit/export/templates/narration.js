/* Read the storybook aloud: a button on each narrated page, "Read to me" for the whole book, and the sentence
   being spoken highlighted (its start and end in seconds are on the sentence). Without this script the words
   and pictures show as always. */
(function () {
  "use strict";
  var pages = Array.prototype.slice.call(document.querySelectorAll("[data-narrated]"));
  if (!pages.length) { return; }
  var playing = null;      // the page whose audio plays
  var queue = [];          // pages still to read in "Read to me"

  function audioOf(page) { return page.querySelector("audio"); }

  function mark(page, time) {
    page.querySelectorAll(".k-sentence").forEach(function (s) {
      var on = time >= parseFloat(s.getAttribute("data-start")) && time < parseFloat(s.getAttribute("data-end"));
      s.classList.toggle("k-speaking", on);
    });
  }

  function stop() {
    if (playing) {
      var audio = audioOf(playing);
      audio.pause();
      audio.currentTime = 0;
      mark(playing, -1);
      playing.querySelector(".k-read-page").setAttribute("aria-pressed", "false");
    }
    playing = null;
  }

  function play(page) {
    stop();
    playing = page;
    page.querySelector(".k-read-page").setAttribute("aria-pressed", "true");
    page.scrollIntoView({ block: "start" });
    var audio = audioOf(page);
    var started = audio.play();
    if (started && started.catch) {
      started.catch(function (error) {
        // Paused before it began (a second press, Stop, the next page): nothing went wrong. Anything else
        // (the browser refused to play): show the button as not playing, so the child can press it again.
        if (error && error.name !== "AbortError" && playing === page) { stop(); }
      });
    }
  }

  pages.forEach(function (page) {
    var audio = audioOf(page);
    audio.addEventListener("timeupdate", function () { mark(page, audio.currentTime); });
    audio.addEventListener("ended", function () {
      stop();
      if (queue.length) { play(queue.shift()); }
    });
    page.querySelector(".k-read-page").addEventListener("click", function () {
      queue = [];
      if (playing === page) { stop(); } else { play(page); }
    });
  });

  var all = document.querySelector(".k-read-all");
  if (all) {
    all.hidden = false;
    all.addEventListener("click", function () {
      if (playing) { queue = []; stop(); return; }
      queue = pages.slice(1);
      play(pages[0]);
    });
  }
  pages.forEach(function (page) { page.querySelector(".k-read-page").hidden = false; });
})();
