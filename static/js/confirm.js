// Asks before an irreversible action. A form, or one of its submit buttons, that carries
// data-confirm="question" opens the page's <dialog id="confirm-dialog"> (window.confirm where
// the browser has no <dialog>); data-confirm-button names the action on the confirm button.
// The confirm button takes the focus: Enter confirms, Escape or Cancel goes back to the button.
// Without JavaScript the form is sent at once: the server checks every action as before.
(function () {
  "use strict";
  var dialog = document.getElementById("confirm-dialog");
  var confirmed = new WeakSet();

  function ask(question, label, answer) {
    if (!dialog || typeof dialog.showModal !== "function") {
      answer(window.confirm(question));
      return;
    }
    var yes = dialog.querySelector("button[value=confirm]");
    dialog.querySelector("[data-confirm-question]").textContent = question;
    yes.textContent = label || yes.getAttribute("data-default-label");
    dialog.returnValue = "";
    dialog.addEventListener("close", function () {
      answer(dialog.returnValue === "confirm");
    }, { once: true });
    dialog.showModal();
    yes.focus();
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var button = event.submitter;
    var source = button && button.hasAttribute("data-confirm") ? button : form;
    var question = source.getAttribute("data-confirm");
    if (!question) {
      return;
    }
    if (confirmed.has(form)) {  // the second time round, once confirmed
      confirmed.delete(form);
      return;
    }
    event.preventDefault();
    ask(question, source.getAttribute("data-confirm-button"), function (yes) {
      if (!yes) {
        if (button) {
          button.focus();
        }
        return;
      }
      confirmed.add(form);
      if (button) {
        form.requestSubmit(button);  // keeps the button's name and value (action=submit)
      } else {
        form.requestSubmit();
      }
    });
  });
})();
