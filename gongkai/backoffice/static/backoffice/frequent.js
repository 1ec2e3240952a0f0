/* The frequent-items page's bar chart of search terms (the table beside it holds the same figures). */
(function () {
  "use strict";
  var element = document.getElementById("frequent-chart");
  if (!element || !window.echarts) { return; }
  var data = JSON.parse(document.getElementById("frequent-chart-data").textContent);
  var chart = window.echarts.init(element);
  chart.setOption({
    grid: {left: 160, right: 32, top: 16, bottom: 24},
    tooltip: {trigger: "axis"},
    xAxis: {type: "value", minInterval: 1},
    yAxis: {type: "category", data: data.terms, axisLabel: {width: 150, overflow: "truncate"}},
    series: [{name: data.label, type: "bar", data: data.searches}]
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
