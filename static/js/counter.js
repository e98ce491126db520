// Shows how many characters are left in textareas that carry data-maxlength.
document.querySelectorAll("textarea[data-maxlength]").forEach(function (area) {
  var limit = parseInt(area.dataset.maxlength, 10);
  var counter = document.createElement("small");
  counter.className = "help counter";
  counter.setAttribute("aria-live", "polite");
  area.insertAdjacentElement("afterend", counter);
  function update() {
    var left = limit - area.value.length;
    counter.textContent = left + " / " + limit;
    counter.classList.toggle("error", left < 0);
  }
  area.addEventListener("input", update);
  update();
});
