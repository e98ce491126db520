// Marks the level the typed points fall in, beside each points input that names its levels
// (data-levels="<id of the list>"). Without this script the levels are still listed as text.
document.querySelectorAll("input[data-levels]").forEach(function (input) {
  var list = document.getElementById(input.dataset.levels);
  if (!list) return;
  var items = list.querySelectorAll("li[data-low]");
  function update() {
    var value = parseFloat(input.value.replace(",", ".").trim());
    items.forEach(function (item) {
      var inside = !isNaN(value) && parseFloat(item.dataset.low) <= value
        && value <= parseFloat(item.dataset.high);
      item.classList.toggle("current", inside);
    });
  }
  input.addEventListener("input", update);
  update();
});
