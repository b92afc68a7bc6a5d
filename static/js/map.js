// The map beside the search results and the small map on a clinic page, drawn with Leaflet
// (static/vendor/leaflet/, copied from npm by `make install`).
//
// Progressive enhancement: the map's element is hidden in the HTML and shown only here, so
// without JavaScript the page is its list. The markers come from the list itself: every item
// matching the element's data-items selector that carries data-lat and data-lng gets one, in
// the list's order, so the map cannot show anything the list does not. A marker and its item
// point to each other: hovering or focusing one highlights both, and activating a marker
// (click, or Enter when it has focus) moves focus to its item's first link.
//
// The element's data attributes: data-tiles and data-attribution (the tile server, from
// settings.MAP_TILE_URL and MAP_TILE_ATTRIBUTION); data-numbered to number the markers as the
// list numbers its items; data-marker-label, a marker's accessible name with {name} and
// {number} in it (the template's, so it can be translated; else the item's name alone);
// data-lat, data-lng and data-radius-mi for the searched place and the circle searched.
// An item's name is its data-label, else the text of its heading's link. A [data-map-link]
// element holding a link to the map (shown on a phone, where the map is below the list) is
// shown with it.
(function () {
  "use strict";
  if (typeof L === "undefined") return;
  var METRES_PER_MILE = 1609.344;
  var ACTIVE = "is-active";

  function itemName(item) {
    if (item.dataset.label) return item.dataset.label;
    var heading = item.querySelector("h3 a") || item.querySelector("h3");
    return heading ? heading.textContent.trim() : "";
  }

  function draw(container) {
    var items = Array.prototype.slice.call(document.querySelectorAll(container.dataset.items));
    if (!items.length) return;
    container.hidden = false;
    document.querySelectorAll('[data-map-link] a[href="#' + container.id + '"]')
      .forEach(function (link) { link.parentElement.hidden = false; });
    var map = L.map(container, { scrollWheelZoom: false });
    map.attributionControl.setPrefix(
      '<a href="https://leafletjs.com" rel="noopener">Leaflet</a>');
    L.tileLayer(container.dataset.tiles, {
      attribution: container.dataset.attribution, maxZoom: 19
    }).addTo(map);

    // The view first: Leaflet adds layers to a map only once it has one.
    var place = null;
    if (container.dataset.lat && container.dataset.lng) {
      place = L.latLng(Number(container.dataset.lat), Number(container.dataset.lng));
    }
    var points = items.map(function (item) {
      return L.latLng(Number(item.dataset.lat), Number(item.dataset.lng));
    });
    var bounds = L.latLngBounds(place ? points.concat([place]) : points);
    map.fitBounds(bounds, { padding: [30, 30], maxZoom: 15 });

    if (place) {
      var miles = Number(container.dataset.radiusMi);
      if (miles > 0) {
        L.circle(place, { radius: miles * METRES_PER_MILE, interactive: false,
                          className: "map-radius" }).addTo(map);
      }
      L.circleMarker(place, { radius: 6, interactive: false, className: "map-place" })
        .addTo(map);
    }

    var list = items[0].closest("ol");
    var start = list && list.start ? list.start : 1;
    var numbered = "numbered" in container.dataset;
    // Practitioners at one address would hide each other's markers: they are set around
    // their point in a small ring instead, the point itself unchanged.
    var sharing = {};
    points.forEach(function (point) {
      var key = point.toString();
      sharing[key] = (sharing[key] || 0) + 1;
    });
    var placed = {};
    var pairs = items.map(function (item, index) {
      var name = itemName(item);
      var number = String(start + index);
      var key = points[index].toString();
      var count = sharing[key];
      var nth = placed[key] = (placed[key] || 0) + 1;
      var ring = count > 1 ? 12 + 3 * count : 0;
      var angle = 2 * Math.PI * nth / count;
      var marker = L.marker(points[index], {
        icon: L.divIcon({ className: "map-marker", html: numbered ? number : "",
                          iconSize: [30, 30],
                          iconAnchor: [15 - Math.round(ring * Math.sin(angle)),
                                       15 + Math.round(ring * Math.cos(angle))] }),
        keyboard: true, riseOnHover: true
      }).addTo(map);
      var element = marker.getElement();
      element.setAttribute("aria-label", (container.dataset.markerLabel || "{name}")
        .replace("{name}", name).replace("{number}", number));
      return { item: item, marker: marker, element: element };
    });

    function highlight(pair, on) {
      pair.item.classList.toggle(ACTIVE, on);
      pair.element.classList.toggle(ACTIVE, on);
      pair.marker.setZIndexOffset(on ? 1000 : 0);
    }

    pairs.forEach(function (pair) {
      var on = function () { highlight(pair, true); };
      var off = function () { highlight(pair, false); };
      pair.item.addEventListener("mouseenter", on);
      pair.item.addEventListener("mouseleave", off);
      pair.item.addEventListener("focusin", function () {
        on();
        if (!map.getBounds().contains(pair.marker.getLatLng())) {
          map.panTo(pair.marker.getLatLng());
        }
      });
      pair.item.addEventListener("focusout", off);
      pair.element.addEventListener("mouseenter", on);
      pair.element.addEventListener("mouseleave", off);
      pair.element.addEventListener("focus", on);
      pair.element.addEventListener("blur", off);
      var activate = function () {
        var target = pair.item.querySelector("a[href]");
        if (!target) {
          pair.item.tabIndex = -1;
          target = pair.item;
        }
        target.focus({ preventScroll: true });
        target.scrollIntoView({ block: "nearest" });
      };
      pair.marker.on("click", activate);
      // A marker is a role="button": Enter and Space press it.
      pair.element.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          activate();
        }
      });
    });
  }

  document.querySelectorAll("[data-map]").forEach(draw);
})();
