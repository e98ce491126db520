// The hall screen's control page (templates/ceremony/control.html) stays true when the screen
// moves by its own keyboard: every two seconds it reads the screen's {position, version} and,
// when another hand moved it, loads itself again, so that "Next" never sends the screen back.
(function () {
  var slide = document.getElementById("slide");
  var control = document.getElementById("screen-control");
  if (!slide || !control || !control.dataset.stateUrl) return;
  var shown = parseInt(slide.dataset.version, 10);
  setInterval(function () {
    if (document.hidden) return;
    fetch(control.dataset.stateUrl, { cache: "no-store", credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (state) {
        if (state && state.version !== shown) window.location.reload();
      })
      .catch(function () {});
  }, 2000);
})();
