// Follows a background job: asks its status every second or two, moves the progress bar, and
// reloads the page once the job has ended so that its result or error shows.
(function () {
  var box = document.querySelector("[data-job-status-url]");
  if (!box || box.dataset.jobFinished === "true") {
    return;
  }
  var url = box.dataset.jobStatusUrl;
  var bar = box.querySelector("[data-job-bar]");
  var state = box.querySelector("[data-job-state]");
  var message = box.querySelector("[data-job-message]");
  var label = box.querySelector("[data-job-progress]");
  var refresh = box.querySelector("[data-job-refresh]");
  var staleShown = box.dataset.jobStale === "true";
  var delay = 1000;
  if (refresh) {
    refresh.hidden = true;
  }

  function show(status) {
    if (status.percent === null) {
      bar.removeAttribute("value");
      bar.textContent = "";
    } else {
      bar.value = status.percent;
      bar.textContent = status.percent + "%";
    }
    state.textContent = status.state_label;
    message.textContent = status.message || "";
    label.textContent = status.progress_label;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin", cache: "no-store" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (status) {
        show(status);
        // A job that ended, or stopped (or resumed) reporting, changes what the page offers.
        if (status.finished || status.stale !== staleShown) {
          window.location.reload();
          return;
        }
        delay = staleShown ? 5000 : 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // The server may be restarting: ask again, less and less often.
        delay = Math.min(delay * 2, 30000);
        if (refresh) {
          refresh.hidden = false;
        }
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
