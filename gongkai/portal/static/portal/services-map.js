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
  var group = window.L.markerClusterGroup ? window.L.markerClusterGroup() : window.L.featureGroup();
  function text(value) {
    var span = document.createElement("span");
    span.textContent = value;
    return span.innerHTML;
  }
  points.forEach(function (point) {
    var marker = window.L.marker([point.lat, point.lng], {title: point.name, alt: point.name});
    marker.bindPopup(
      "<strong><a href=\"" + point.url + "\">" + text(point.name) + "</a></strong><br>" +
      text(point.subcategory) + "<br>" + text(point.address) + "<br>" +
      "<a href=\"" + point.navigate + "\" rel=\"noopener\">" + text(settings.navigate_label) + "</a>"
    );
    group.addLayer(marker);
  });
  group.addTo(map);
  if (points.length) {
    map.fitBounds(group.getBounds(), {padding: [20, 20]});
  } else {
    map.setView([31.78, 119.95], 11);
  }
})();
