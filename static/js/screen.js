// The hall screen (templates/ceremony/screen.html) follows the control page: every second a
// small GET of {position, version}; on a change, the one slide now shown replaces the old.
// The keyboard moves it too (→, space, PageDown: next; ←, PageUp: previous; F: full screen),
// for when the control page loses its connection: a POST with the page's CSRF token.
(function () {
  var body = document.body;
  var stage = document.getElementById("stage");
  var offline = document.getElementById("offline");
  var POLL_MS = 1000;
  // What the last poll said (as stored), and the slide shown (its position held within the
  // slides there are; its count bounds the keyboard).
  var seenPosition = parseInt(body.dataset.seenPosition, 10);
  var seenVersion = parseInt(body.dataset.seenVersion, 10);
  var position = 0;
  var count = 1;
  var clockOffset = 0; // the server's clock minus this computer's
  var loading = false;

  function showOffline(isOffline) {
    offline.hidden = !isOffline;
  }

  function loadSlide() {
    loading = true;
    return fetch(body.dataset.slideUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      })
      .then(function (html) {
        stage.innerHTML = html;
        readSlide();
        fit();
        tick();
      })
      .finally(function () { loading = false; });
  }

  function readSlide() {
    var slide = document.getElementById("slide");
    position = parseInt(slide.dataset.position, 10);
    count = parseInt(slide.dataset.count, 10);
  }

  function follow(state) {
    clockOffset = state.now - Date.now();
    if (state.position !== seenPosition || state.version !== seenVersion) {
      seenPosition = state.position;
      seenVersion = state.version;
      return loadSlide();
    }
  }

  function poll() {
    if (loading) return;
    fetch(body.dataset.stateUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) { showOffline(false); return follow(state); })
      .catch(function () { showOffline(true); });
  }

  function move(target) {
    if (target < 0 || target >= count) return;
    var form = new FormData();
    form.append("csrf_token", body.dataset.csrfToken);
    form.append("position", String(target));
    fetch(body.dataset.moveUrl, { method: "POST", body: form, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (state) { showOffline(false); return follow(state); })
      .catch(function () { showOffline(true); });
  }

  // A slide with long names shrinks, a step at a time, until it fits the window.
  function fit() {
    var scale = 1;
    stage.style.setProperty("--scale", scale);
    while (stage.offsetHeight > window.innerHeight && scale > 0.5) {
      scale -= 0.05;
      stage.style.setProperty("--scale", scale.toFixed(2));
    }
  }

  function two(number) { return (number < 10 ? "0" : "") + number; }

  // A break counts down to its end on the server's clock.
  function tick() {
    var slide = document.getElementById("slide");
    var countdown = slide && slide.querySelector(".countdown");
    if (!countdown) return;
    var left = Math.max(0, Math.round((parseInt(slide.dataset.endsAt, 10) - (Date.now() + clockOffset)) / 1000));
    var hours = Math.floor(left / 3600);
    var minutes = Math.floor((left % 3600) / 60);
    countdown.textContent = (hours ? hours + ":" + two(minutes) : minutes) + ":" + two(left % 60);
  }

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var key = event.key;
    if (key === "ArrowRight" || key === " " || key === "PageDown") {
      event.preventDefault();
      move(position + 1);
    } else if (key === "ArrowLeft" || key === "PageUp") {
      event.preventDefault();
      move(position - 1);
    } else if (key === "f" || key === "F" || key === "а" || key === "А") {
      // F, or the same key on a Kazakh or Russian keyboard.
      if (document.fullscreenElement) document.exitFullscreen();
      else if (document.documentElement.requestFullscreen) document.documentElement.requestFullscreen();
    }
  });

  window.addEventListener("resize", fit);
  readSlide();
  fit();
  setInterval(poll, POLL_MS);
  setInterval(tick, 250);
  tick();
})();
