// The map beside the search results and the small map on a clinic page, drawn with Leaflet
// (static/vendor/leaflet/, copied from npm by `make install`).
//
// Progressive enhancement: the map's element is hidden in the HTML and shown only here, so
// without JavaScript the page is its list. The markers come from the list itself: every item
// matching the element's data-items selector that carries data-lat and data-lng is on one, in
// the list's order, so the map cannot show anything the list does not. Items at one point,
// or so near at the map's zoom that their markers would mostly cover each other, share a
// marker, numbered "1, 2" and named after each of them. A marker and its items point to each other: hovering
// or focusing an item highlights it and its marker, hovering or focusing a marker highlights
// it and all its items, and activating a marker (click, or Enter when it has focus) moves
// focus to its first item's first link.
//
// The element's data attributes: data-tiles and data-attribution (the tile server, from
// settings.MAP_TILE_URL and MAP_TILE_ATTRIBUTION) and data-zoom-in and data-zoom-out (the
// zoom buttons' names in the page's language), all four from the map_attributes tag;
// data-numbered to number the markers as the list numbers its items (an item's data-number,
// else its place in the list from the <ol>'s start); data-marker-label, an
// item's part of its marker's accessible name, with {name} and {number} in it (the
// template's, so it can be translated; else the item's name alone), the parts of a shared
// marker joined with "; ";
// data-lat, data-lng and data-radius-mi for the searched place and the circle searched.
// An item's name is its data-label, else the text of its heading's link. A [data-map-link]
// element holding a link to the map (shown on a phone, where the map is below the list) is
// shown with it.
(function () {
  "use strict";
  if (typeof L === "undefined") return;
  var METRES_PER_MILE = 1609.344;
  var ACTIVE = "is-active";
  var MARKER = 30;  // a marker's height, and the width of one numbered "1"
  // Markers whose centres are closer than this (pixels) share one: they would mostly cover
  // each other. Markers farther apart stay apart, though they may touch, so a city's
  // practitioners a kilometre or so apart keep a marker each at the city's zoom.
  var TOGETHER = 0.6 * MARKER;

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
    var map = L.map(container, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({
      zoomInTitle: container.dataset.zoomIn || "Zoom in",
      zoomOutTitle: container.dataset.zoomOut || "Zoom out"
    }).addTo(map);
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
    var template = container.dataset.markerLabel || "{name}";

    // Practitioners at one address, or so close at this zoom that their markers would mostly
    // cover each other, share one marker, numbered with all their numbers ("1, 2") and named after
    // all of them: stacked markers hide each other and make touch targets on top of one
    // another. Each zoom groups them afresh, so zooming in parts neighbours; people at one
    // address stay together at every zoom.
    var entries = items.map(function (item, index) {
      var number = item.dataset.number || String(start + index);
      return { item: item, point: points[index], number: number, group: null,
               name: template.replace("{name}", itemName(item)).replace("{number}", number) };
    });
    var markers = L.layerGroup().addTo(map);
    var groups = [];

    // Highlighting: a card lights up its marker; a marker lights up every card at it.
    function highlight(group, cards, on) {
      cards.forEach(function (item) { item.classList.toggle(ACTIVE, on); });
      group.element.classList.toggle(ACTIVE, on);
      group.marker.setZIndexOffset(on ? 1000 : 0);
    }

    // Activating a marker moves focus to its first card; the others follow it in the list,
    // highlighted while the marker is hovered or focused.
    function activate(group) {
      var first = group.entries[0].item;
      var target = first.querySelector("a[href]");
      if (!target) {
        first.tabIndex = -1;
        target = first;
      }
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "nearest" });
    }

    function addMarker(group) {
      var cards = group.entries.map(function (entry) { return entry.item; });
      var text = groupText(group);
      var width = markerWidth(text);
      group.marker = L.marker(group.entries[0].point, {
        icon: L.divIcon({ className: "map-marker", html: text, iconSize: [width, MARKER],
                          iconAnchor: [Math.round(width / 2), MARKER / 2] }),
        keyboard: true, riseOnHover: true
      }).addTo(markers);
      var element = group.element = group.marker.getElement();
      // A shared marker's name begins with the numbers it shows ("1, 2: Ana…, result 1; …"),
      // so speech input can name it by what it says.
      var names = group.entries.map(function (entry) { return entry.name; }).join("; ");
      element.setAttribute("aria-label", group.entries.length > 1 ? text + ": " + names : names);
      var on = function () { highlight(group, cards, true); };
      var off = function () { highlight(group, cards, false); };
      element.addEventListener("mouseenter", on);
      element.addEventListener("mouseleave", off);
      element.addEventListener("focus", on);
      element.addEventListener("blur", off);
      group.marker.on("click", function () { activate(group); });
      // A marker is a role="button": Enter and Space press it.
      element.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") {
          event.preventDefault();
          activate(group);
        }
      });
      // A card still highlighted (hovered or focused) while the map zoomed keeps its marker lit.
      if (cards.some(function (item) { return item.classList.contains(ACTIVE); })) {
        element.classList.add(ACTIVE);
      }
    }

    function regroup() {
      // A marker with focus is about to be replaced: its first card's new marker takes it.
      var focused = null;
      groups.forEach(function (group) {
        if (group.element === document.activeElement) focused = group.entries[0];
      });
      markers.clearLayers();
      groups = [];
      var zoom = map.getZoom();
      entries.forEach(function (entry) {
        var pixel = map.project(entry.point, zoom);
        var group = null;
        for (var i = 0; i < groups.length && !group; i++) {
          if (overlaps(groups[i], pixel)) group = groups[i];
        }
        if (!group) {
          group = { pixel: pixel, entries: [] };
          groups.push(group);
        }
        group.entries.push(entry);
        entry.group = group;
      });
      groups.forEach(addMarker);
      if (focused) focused.group.element.focus({ preventScroll: true });
    }

    // A group's marker is at its first card's place; a card's own marker whose centre would
    // be within TOGETHER pixels of it would mostly hide under it (or hide it).
    function overlaps(group, pixel) {
      return group.pixel.distanceTo(pixel) < TOGETHER;
    }

    function groupText(group) {
      return numbered ? group.entries.map(function (entry) { return entry.number; })
        .join(", ") : "";
    }

    regroup();
    map.on("zoomend", regroup);

    entries.forEach(function (entry) {
      var item = entry.item;
      var on = function () { highlight(entry.group, [item], true); };
      var off = function () { highlight(entry.group, [item], false); };
      item.addEventListener("mouseenter", on);
      item.addEventListener("mouseleave", off);
      item.addEventListener("focusin", function () {
        on();
        if (!map.getBounds().contains(entry.group.marker.getLatLng())) {
          map.panTo(entry.group.marker.getLatLng());
        }
      });
      item.addEventListener("focusout", off);
    });
  }

  // Wide enough for its numbers: MARKER px for one, about 8 px more a character after.
  function markerWidth(text) {
    return Math.max(MARKER, 14 + 8 * text.length);
  }

  document.querySelectorAll("[data-map]").forEach(draw);
})();
