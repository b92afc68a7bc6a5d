// Progressive enhancement: a "Use my location" button fills lat/lng and submits the form.
// Without JavaScript (or permission) the ZIP/city box does the same job. Used by the search
// page, the home page and the condition pages (templates/includes/_geolocate.html).
(function () {
  if (!("geolocation" in navigator)) return;

  // The form's hidden lat or lng input; made here when the form has none, so a form sent
  // without a location carries no empty lat= and lng= in its URL.
  function coordinate(form, name) {
    var input = form.querySelector("[name=" + name + "]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    return input;
  }

  document.querySelectorAll("[data-geolocate]").forEach(function (button) {
    var form = button.closest("form");
    button.parentElement.hidden = false;
    // The words come in the page's language (templates/includes/_geolocate.html).
    var label = button.textContent;
    var busy = button.getAttribute("data-busy-text") || "Finding your location…";
    var failed = button.getAttribute("data-failed-text") ||
      "We couldn't get your location. Please type a ZIP code instead.";
    button.addEventListener("click", function () {
      button.disabled = true;
      button.textContent = busy;
      navigator.geolocation.getCurrentPosition(function (position) {
        coordinate(form, "lat").value = position.coords.latitude.toFixed(4);
        coordinate(form, "lng").value = position.coords.longitude.toFixed(4);
        form.querySelector("[name=near]").value = "";
        form.submit();
      }, function () {
        button.disabled = false;
        button.textContent = label;
        var note = document.createElement("p");
        note.setAttribute("role", "alert");
        note.textContent = failed;
        button.parentElement.after(note);
      }, { timeout: 10000, maximumAge: 600000 });
    });
  });
})();
