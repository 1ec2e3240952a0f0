/* The service-site map: Leaflet with clustered markers, drawn over the complete list that works without it. */
(function () {
  "use strict";
  var element = document.getElementById("site-map");
  if (!element || !window.L) { return; }
  var points = JSON.parse(document.getElementById("site-points").textContent);
  var settings = JSON.parse(document.getElementById("site-map-settings").textContent);
  element.hidden = false;
  var map = window.L.map(element, {scrollWheelZoom: false, maxZoom: 18});
  if (settings.tiles) {
    window.L.tileLayer(settings.tiles, {attribution: settings.attribution, subdomains: "01234567", maxZoom: 18}).addTo(map);
  }
  function newGroup() {
    return window.L.markerClusterGroup ? window.L.markerClusterGroup() : window.L.featureGroup();
  }
  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML;
  }
  function attribute(value) {
    return text(value).replace(/"/g, "&quot;");
  }
  // One clustered layer per top category, switched on and off with Leaflet's layer control (the page's form
  // filters the list and the map alike without JavaScript).
  var groups = {};
  var bounds = window.L.latLngBounds([]);
  points.forEach(function (point) {
    var marker = window.L.marker([point.lat, point.lng], {title: point.name, alt: point.name});
    marker.bindPopup(
      "<strong><a href=\"" + attribute(point.url) + "\">" + text(point.name) + "</a></strong><br>" +
      text(point.subcategory) + "<br>" + text(point.address) + "<br>" +
      "<a href=\"" + attribute(point.navigate) + "\" rel=\"noopener\">" + text(settings.navigate_label) + "</a>"
    );
    (groups[point.category] = groups[point.category] || newGroup()).addLayer(marker);
    bounds.extend([point.lat, point.lng]);
  });
  var overlays = {};
  Object.keys(groups).forEach(function (code) {
    groups[code].addTo(map);
    overlays[text((settings.categories || {})[code] || code)] = groups[code];
  });
  if (Object.keys(overlays).length > 1) {
    window.L.control.layers(null, overlays, {collapsed: false}).addTo(map);
  }
  if (points.length) {
    map.fitBounds(bounds, {padding: [20, 20]});
  } else {
    map.setView([31.78, 119.95], 11);
  }
})();
