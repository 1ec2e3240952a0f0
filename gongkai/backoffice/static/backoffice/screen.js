/* The big screen: fetches its JSON feed every `data-refresh` seconds and redraws in place. Built to run for days:
   one chart instance per box (created once, `setOption` with notMerge), one timer at a time (the next fetch is
   scheduled only when the last one finished), the map and its markers made once, tables rebuilt with
   replaceChildren (old rows are released). `data-refreshes` counts completed refreshes (the browser test reads it). */
(function () {
  "use strict";
  var root = document.getElementById("screen");
  if (!root) { return; }
  var labels = JSON.parse(document.getElementById("screen-labels").textContent);
  var interval = Math.max(1, parseInt(root.dataset.refresh, 10) || 60) * 1000;
  var charts = {};
  var status = document.getElementById("screen-status");

  function chart(id) {
    if (!charts[id]) { charts[id] = window.echarts.init(document.getElementById(id), "dark", {renderer: "canvas"}); }
    return charts[id];
  }
  function text(id, value) { document.getElementById(id).textContent = value; }
  function fill(id, rows) {
    var fragment = document.createDocumentFragment();
    rows.forEach(function (cells) {
      var row = document.createElement("tr");
      cells.forEach(function (value) {
        var cell = document.createElement("td");
        cell.textContent = value;
        row.appendChild(cell);
      });
      fragment.appendChild(row);
    });
    document.getElementById(id).replaceChildren(fragment);
  }
  function zip(first, second) { return first.map(function (value, index) { return [value, second[index]]; }); }
  var base = {backgroundColor: "transparent", textStyle: {fontSize: 16}, animation: false};
  function bars(id, days, counts, name, color) {
    chart(id).setOption(Object.assign({}, base, {
      grid: {left: 48, right: 16, top: 24, bottom: 32},
      tooltip: {trigger: "axis"},
      xAxis: {type: "category", data: days.map(function (day) { return day.slice(5); })},
      yAxis: {type: "value", minInterval: 1},
      series: [{name: name, type: "bar", data: counts, itemStyle: {color: color}}]
    }), {notMerge: true});
  }

  function draw(data) {
    text("screen-today", data.today);
    text("kpi-today", data.publications.today);
    text("kpi-month", data.publications.month);
    text("kpi-due", data.applications.total);
    text("kpi-overdue", data.applications.overdue);
    text("leaders-group", data.leaderboard.group);
    if (window.echarts) {
      bars("chart-publications", data.publications.days, data.publications.counts, labels.publications, "#3fa9f5");
      bars("chart-due", data.applications.days, data.applications.counts, labels.due, "#f5b041");
      chart("chart-lights").setOption(Object.assign({}, base, {
        grid: {left: 110, right: 16, top: 28, bottom: 24},
        legend: {top: 0},
        tooltip: {trigger: "axis"},
        xAxis: {type: "value", minInterval: 1},
        yAxis: {type: "category", data: data.lights.map(function (row) { return row.label; })},
        series: [
          {name: labels.yellow, type: "bar", stack: "lights", itemStyle: {color: "#f4d03f"}, data: data.lights.map(function (row) { return row.yellow; })},
          {name: labels.red, type: "bar", stack: "lights", itemStyle: {color: "#e74c3c"}, data: data.lights.map(function (row) { return row.red; })}
        ]
      }), {notMerge: true});
      var leaders = data.leaderboard.rows.slice().reverse();
      chart("chart-leaders").setOption(Object.assign({}, base, {
        grid: {left: 160, right: 48, top: 8, bottom: 24},
        xAxis: {type: "value"},
        yAxis: {type: "category", data: leaders.map(function (row) { return row.rank + ". " + row.name; }), axisLabel: {width: 150, overflow: "truncate"}},
        series: [{name: labels.score, type: "bar", data: leaders.map(function (row) { return row.score; }), label: {show: true, position: "right"}, itemStyle: {color: "#58d68d"}}]
      }), {notMerge: true});
      var cells = [];
      var highest = 1;
      data.heat.rows.forEach(function (row, y) {
        row.values.forEach(function (value, x) { cells.push([x, y, value]); highest = Math.max(highest, value); });
      });
      chart("chart-heat").setOption(Object.assign({}, base, {
        grid: {left: 220, right: 24, top: 8, bottom: 64},
        tooltip: {position: "top"},
        xAxis: {type: "category", data: data.heat.days.map(function (day) { return day.slice(5); }), splitArea: {show: true}},
        yAxis: {type: "category", data: data.heat.rows.map(function (row) { return row.label; }), axisLabel: {width: 200, overflow: "truncate"}},
        visualMap: {min: 0, max: highest, calculable: false, orient: "horizontal", left: "center", bottom: 0, textStyle: {color: "#e6edf7"}},
        series: [{name: labels.views, type: "heatmap", data: cells, label: {show: true}}]
      }), {notMerge: true});
    }
    fill("table-publications", zip(data.publications.days, data.publications.counts));
    fill("table-due", zip(data.applications.days, data.applications.counts));
    fill("table-lights", data.lights.map(function (row) { return [row.label, row.yellow, row.red]; }));
    fill("table-leaders", data.leaderboard.rows.map(function (row) { return [row.rank, row.name, row.score]; }));
    fill("table-heat", data.heat.rows.map(function (row) { return [row.label].concat(row.values); }));
  }

  function drawMap() {
    var element = document.getElementById("screen-map");
    if (!window.L || !element) { return; }
    var points = JSON.parse(document.getElementById("screen-sites").textContent);
    var settings = JSON.parse(document.getElementById("screen-map-settings").textContent);
    element.hidden = false;
    var map = window.L.map(element, {zoomControl: false, attributionControl: Boolean(settings.tiles), dragging: false,
      scrollWheelZoom: false, doubleClickZoom: false, boxZoom: false, keyboard: false, touchZoom: false});
    if (settings.tiles) {
      window.L.tileLayer(settings.tiles, {attribution: settings.attribution, subdomains: "01234567", maxZoom: 18}).addTo(map);
    }
    var bounds = window.L.latLngBounds([]);
    points.forEach(function (point) {
      window.L.circleMarker([point.lat, point.lng], {radius: 6, color: "#3fa9f5", fillOpacity: 0.8}).bindTooltip(point.name).addTo(map);
      bounds.extend([point.lat, point.lng]);
    });
    if (points.length) { map.fitBounds(bounds, {padding: [20, 20]}); } else { map.setView([31.78, 119.95], 11); }
  }

  function refresh() {
    fetch(root.dataset.feed, {credentials: "same-origin", headers: {Accept: "application/json"}, cache: "no-store"})
      .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
      .then(function (data) {
        draw(data);
        status.textContent = new Date().toLocaleTimeString();
        root.dataset.refreshes = String(parseInt(root.dataset.refreshes, 10) + 1);
      })
      .catch(function () { status.textContent = labels.failed; })
      .then(function () { window.setTimeout(refresh, interval); });
  }

  document.body.classList.remove("no-js");
  draw(JSON.parse(document.getElementById("screen-data").textContent));
  drawMap();
  window.addEventListener("resize", function () { Object.keys(charts).forEach(function (id) { charts[id].resize(); }); });
  window.setTimeout(refresh, interval);
})();
